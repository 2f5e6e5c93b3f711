import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AdapterContext, LocationEnv } from '@convx/core';

/**
 * Gemini CLI keeps chats under `<home>/.gemini/tmp`. The format notes document no environment variable for
 * another location, so only the home directory is used (pass a location explicitly to read elsewhere).
 */
export function defaultLocations(env: LocationEnv): string[] {
  return [join(env.home, '.gemini', 'tmp')];
}

const PROJECT_HASH = /^[0-9a-f]{64}$/;

/**
 * Resolves each `tmp/<project-dir>` folder to the project's absolute path: its `.project_root` file, else
 * (for SHA-256 named folders) the listed path whose hash matches, else a readable name listed in
 * `projects.json`. Unknown folders map to undefined: their sessions are still exported, without a cwd.
 */
export async function resolveProjects(
  ctx: AdapterContext,
  tmpRoot: string,
  projectDirs: Iterable<string>,
): Promise<Map<string, string | undefined>> {
  const registry = await readRegistry(ctx, join(dirname(tmpRoot), 'projects.json'));
  const roots = new Map<string, string>();
  const dirs = [...projectDirs];
  for (const dir of dirs) {
    const root = await readSmallText(ctx, join(tmpRoot, dir, '.project_root'));
    if (root) roots.set(dir, root);
  }
  const byHash = new Map<string, string>();
  for (const path of [...registry.keys(), ...roots.values(), ctx.home]) byHash.set(ctx.hash(path), path);
  const byName = new Map<string, string>();
  for (const [path, name] of registry) if (!byName.has(name)) byName.set(name, path);

  const resolved = new Map<string, string | undefined>();
  for (const dir of dirs) {
    const root = roots.get(dir) ?? (PROJECT_HASH.test(dir) ? byHash.get(dir) : byName.get(dir));
    resolved.set(dir, root);
  }
  return resolved;
}

/** `projects.json` as path → name pairs; an unreadable or missing registry is simply empty. */
async function readRegistry(ctx: AdapterContext, path: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const text = await readSmallText(ctx, path);
  if (!text) return out;
  try {
    const parsed = JSON.parse(text) as { projects?: unknown };
    const projects = parsed.projects;
    if (typeof projects !== 'object' || projects === null) return out;
    for (const [projectPath, name] of Object.entries(projects)) {
      if (typeof name === 'string') out.set(projectPath, name);
    }
  } catch {
    ctx.report({ path, message: 'projects.json is not valid JSON; project names not resolved from it' });
  }
  return out;
}

/** Reads a small side file, cached by size and mtime so warm runs only stat it. Missing → undefined. */
async function readSmallText(ctx: AdapterContext, path: string): Promise<string | undefined> {
  const stat = await ctx.stat(path);
  if (!stat?.isFile) return undefined;
  const key = `text\u0000${path}\u0000${stat.size}\u0000${stat.mtimeMs}`;
  const cached = ctx.cache.get(key);
  if (typeof cached === 'string') return cached || undefined;
  let text = '';
  try {
    text = (await readFile(path, 'utf8')).trim();
  } catch {
    text = '';
  }
  ctx.cache.set(key, text);
  return text || undefined;
}

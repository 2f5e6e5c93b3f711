import { basename, dirname, join, relative, sep } from 'node:path';
import { type AdapterContext, compareText, type SessionRef, type WalkEntry } from '@convx/core';
import { PROJECTS_DIR } from './paths.js';
import type { QwenRefData } from './types.js';

/**
 * Lists `projects/<encoded-cwd>/chats/<sessionId>.jsonl` files: one session each (its subagents live in the
 * same file). A location may be the `projects` folder, the Qwen folder holding it, or one chat file. Only
 * stats: the id is the file name. The same id in two locations: the file saved last wins. In a filtered run
 * (`convx sync`), a chat the index records as out of scope costs no stat: its folder is the first `cwd` its
 * records name, which appending never changes.
 */
export async function discoverSessions(
  ctx: AdapterContext,
  locations: string[],
): Promise<SessionRef<QwenRefData>[]> {
  const byId = new Map<string, Chat[]>();
  for (const location of locations) {
    for (const chat of await listChats(ctx, location)) {
      const sessionId = basename(chat.entry.path, '.jsonl');
      const copies = byId.get(sessionId);
      if (copies) copies.push(chat);
      else byId.set(sessionId, [chat]);
    }
  }
  const found: SessionRef<QwenRefData>[] = [];
  for (const [sessionId, copies] of byId) {
    // Which copy was saved last needs their mtimes: one listed without a stat gets it after all.
    const chats = copies.length > 1 ? await Promise.all(copies.map((chat) => stated(ctx, chat))) : copies;
    let latest: Chat | undefined;
    for (const chat of chats) if (!latest || chat.entry.mtimeMs > latest.entry.mtimeMs) latest = chat;
    if (!latest) continue;
    const { entry, projectDir, outside } = latest;
    found.push({
      sessionId,
      fingerprint: outside ?? `${entry.size}:${entry.mtimeMs}`,
      path: entry.path,
      files: [entry.path],
      size: Math.max(entry.size, 0),
      data: { file: entry.path, ...(projectDir ? { projectDir } : {}) },
    });
  }
  return found.sort((a, b) => compareText(a.path, b.path));
}

/** A chat file found, and the fingerprint the index recorded when the run knows it is out of scope. */
interface Chat {
  entry: WalkEntry;
  projectDir?: string;
  outside?: string;
}

/** A chat with its real size and mtime (a known-outside one was listed without a stat). */
async function stated(ctx: AdapterContext, chat: Chat): Promise<Chat> {
  if (chat.outside === undefined) return chat;
  const stat = await ctx.stat(chat.entry.path);
  const entry = { path: chat.entry.path, size: stat?.size ?? 0, mtimeMs: stat?.mtimeMs ?? 0 };
  return { entry, ...(chat.projectDir ? { projectDir: chat.projectDir } : {}) };
}

async function listChats(ctx: AdapterContext, location: string): Promise<Chat[]> {
  const stat = await ctx.stat(location);
  if (!stat) return [];
  if (stat.isFile) {
    if (!location.endsWith('.jsonl')) return [];
    const chats = dirname(location);
    const projectDir = basename(chats) === 'chats' ? basename(dirname(chats)) : undefined;
    return [
      {
        entry: { path: location, size: stat.size, mtimeMs: stat.mtimeMs },
        ...(projectDir ? { projectDir } : {}),
      },
    ];
  }
  const nested = join(location, PROJECTS_DIR);
  const root = (await ctx.stat(nested))?.isDirectory ? nested : location;
  const scope = ctx.scope;
  const outside = (path: string) => scope?.knownOutside(path, basename(path, '.jsonl'))?.fingerprint;
  const out: Chat[] = [];
  for (const entry of ctx.walk(root, {
    patterns: ['*/chats/*.jsonl'],
    deep: 3,
    ...(scope ? { statIf: (path: string) => outside(path) === undefined } : {}),
  })) {
    const projectDir = relative(root, entry.path).split(sep)[0];
    const known = entry.size < 0 ? outside(entry.path) : undefined;
    out.push({
      entry,
      ...(projectDir ? { projectDir } : {}),
      ...(known === undefined ? {} : { outside: known }),
    });
  }
  return out;
}

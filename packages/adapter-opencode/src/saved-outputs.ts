import { basename, dirname, join } from 'node:path';
import type { AdapterContext, Attachment } from '@convx/core';
import type { OcOrigin, OcSessionData } from './types.js';

/** The folder where OpenCode keeps the whole of a truncated tool output (for 7 days). */
export const TOOL_OUTPUT_DIR = 'tool-output';

/** The note on a saved output OpenCode no longer has. */
export const GONE = 'not found in OpenCode’s tool-output folder';

/** `…truncated. Full output saved to: <path>` — the rest of the line is the path (it may hold spaces). */
const SAVED_TO = /Full output saved to: ([^\n]+?)\s*$/m;

/** A saved output's file name, read from its preview; undefined for an output OpenCode did not truncate. */
export function savedOutputName(output: string): { path: string; name: string } | undefined {
  if (!output.includes('Full output saved to: ')) return undefined;
  const path = SAVED_TO.exec(output)?.[1];
  if (!path) return undefined;
  const name = basename(path.replaceAll('\\', '/'));
  // Only a plain file name is looked up, in OpenCode's own folder: a log never makes convx read elsewhere.
  return /^[\w.-]+$/.test(name) && name !== '.' && name !== '..' ? { path, name } : undefined;
}

/** OpenCode's data folder (`~/.local/share/opencode`) for the store a session came from. */
export function dataDirOf(origin: OcOrigin): string {
  if (origin.store === 'db') return dirname(origin.path);
  // storage/session/<project>/<id>.json
  return dirname(dirname(dirname(dirname(origin.sessionFile))));
}

/**
 * The whole outputs OpenCode saved for this session's truncated tool results, read from its
 * `tool-output/` folder by file name; names whose file is gone are left out.
 */
export async function readSavedOutputs(
  ctx: AdapterContext,
  data: OcSessionData,
  origin: OcOrigin,
): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  const folder = join(dataDirOf(origin), TOOL_OUTPUT_DIR);
  for (const part of data.parts) {
    const state = part.data.state;
    if (typeof state !== 'object' || state === null) continue;
    const output = (state as Record<string, unknown>).output;
    const saved = typeof output === 'string' ? savedOutputName(output) : undefined;
    if (!saved || texts.has(saved.name)) continue;
    const file = join(folder, saved.name);
    if (!(await ctx.stat(file))?.isFile) continue;
    try {
      texts.set(saved.name, await ctx.readText(file));
    } catch {
      // Deleted between the stat and the read: the preview stays.
    }
  }
  return texts;
}

/** A truncated output with its whole text, when OpenCode still has it, and the reference to the saved file. */
export function withSavedOutput(
  output: string,
  saved: ReadonlyMap<string, string>,
): { output: string; attachments: Attachment[] } {
  const found = savedOutputName(output);
  if (!found) return { output, attachments: [] };
  const reference: Attachment = { type: 'text/plain', name: found.name, path: found.path };
  const text = saved.get(found.name);
  if (text === undefined) return { output, attachments: [{ ...reference, omitted: GONE }] };
  return { output: text, attachments: [{ ...reference, size: Buffer.byteLength(text, 'utf8') }] };
}

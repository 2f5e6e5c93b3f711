import { createHash } from 'node:crypto';
import { type AdapterContext, compareText, type SessionRef, type WalkEntry } from '@convx/core';
import { parseHeader } from './parse.js';
import { HISTORY_FILE } from './paths.js';
import type { AiderRefData, ChatBlock } from './types.js';

/** Folders never searched: dependencies, VCS internals, caches and OS folders under a home directory. */
export const IGNORED = [
  '**/node_modules/**',
  '**/.git/**',
  // Dot folders (~/.cache, ~/.rustup, ~/.vscode …) hold tool data, not projects.
  '**/.*/**',
  '**/venv/**',
  '**/Library/**',
  '**/AppData/**',
];

/** Reads a history file once to find its blocks; cached by path, size and mtime across runs. */
async function blocksOf(ctx: AdapterContext, file: WalkEntry): Promise<ChatBlock[]> {
  const key = `blocks:${file.path}:${file.size}:${file.mtimeMs}`;
  const cached = ctx.cache.get(key);
  if (Array.isArray(cached)) return cached as ChatBlock[];
  const blocks: ChatBlock[] = [];
  let current: { block: Omit<ChatBlock, 'hash'>; hash: ReturnType<typeof createHash> } | undefined;
  const close = () => {
    if (current) blocks.push({ ...current.block, hash: current.hash.digest('hex') });
  };
  for await (const { line, text } of ctx.readLines(file.path)) {
    const header = parseHeader(text);
    if (header) {
      close();
      current = { block: { ...header, startLine: line, endLine: line }, hash: createHash('sha256') };
    }
    if (!current) continue; // text before the first header belongs to no chat
    current.block.endLine = line;
    current.hash.update(`${line}\n${text}\n`);
  }
  close();
  ctx.cache.set(key, blocks);
  return blocks;
}

/** History files at the given locations: a file itself, or a folder searched `depth` levels down. */
async function* historyFiles(ctx: AdapterContext, location: string, depth: number): AsyncIterable<WalkEntry> {
  const stat = await ctx.stat(location);
  if (!stat) return;
  if (stat.isFile) {
    yield { path: location, size: stat.size, mtimeMs: stat.mtimeMs };
    return;
  }
  // Sorted, so discovery order (and the `-2` suffix of a repeated start time) never depends on the walk.
  const found: WalkEntry[] = [];
  for (const entry of ctx.walk(location, {
    patterns: [`**/${HISTORY_FILE}`],
    ignore: IGNORED,
    deep: depth,
  })) {
    found.push(entry);
  }
  yield* found.sort((a, b) => compareText(a.path, b.path));
}

/** One ref per chat block; the id is a hash of the file path plus the block's start time. */
export async function* discoverChats(
  ctx: AdapterContext,
  locations: string[],
  depth: number,
): AsyncIterable<SessionRef<AiderRefData>> {
  const seen = new Set<string>();
  for (const location of locations) {
    for await (const file of historyFiles(ctx, location, depth)) {
      let blocks: ChatBlock[];
      try {
        blocks = await blocksOf(ctx, file);
      } catch (error) {
        ctx.report({ path: file.path, message: `could not read: ${(error as Error).message}` });
        continue;
      }
      const prefix = ctx.hash(file.path).slice(0, 10);
      for (const block of blocks) {
        let sessionId = `${prefix}-${block.stamp}`;
        for (let n = 2; seen.has(sessionId); n++) sessionId = `${prefix}-${block.stamp}-${n}`;
        seen.add(sessionId);
        yield {
          sessionId,
          fingerprint: `${block.startLine}-${block.endLine}:${block.hash.slice(0, 16)}`,
          path: file.path,
          data: { block },
        };
      }
    }
  }
}

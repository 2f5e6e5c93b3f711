import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../src/', import.meta.url));

// Module-level values that change while the process runs. State a run needs (buffers, caches, what it
// wrote) belongs to the run and is passed down; these few are about the process itself, or only make names
// unique, and are listed here with the reason.
const ALLOWED: Record<string, string> = {
  'engine/prepare/attachments.ts: let tempCounter': 'unique temp file names',
  'engine/prepare/load-session.ts: let spillCounter': 'unique spill file names',
  'store/atomic.ts: let tempCounter': 'unique temp file names',
  'engine/prepare/threads/worker-pool.ts: let jobCounter': 'unique job ids across a process’s pools',
  'engine/prepare/threads/worker-entry.ts: const controller': 'the worker thread’s own abort signal',
  'io/source-files.ts: const liveCopies': 'database copies to remove when the process exits',
  'io/source-files.ts: let removeOnExit': 'the process exit hook, registered once',
  'io/source-database.ts: const sleeper': 'a wait primitive (Atomics.wait), holds no data',
  'store/lock.ts: const liveTokens': 'the locks this process holds, released when it exits',
  'store/process-identity.ts: let own': 'this process’s identity, read once',
};

/** Top-level `let`s, and top-level `const`s holding a mutable container, of every source file. */
function moduleState(root: string): string[] {
  const found: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.ts')) {
        const file = relative(root, path).split('\\').join('/');
        const text = readFileSync(path, 'utf8');
        const pattern =
          /^(?:export )?(?:(let|var) ([A-Za-z_$][\w$]*)|(const) ([A-Za-z_$][\w$]*)(?: *:[^=\n]+)? *= *(?:new (?!Set\(\[)(?!Map\(\[)\w+|\[\]|\{\}|Buffer\.alloc(?:Unsafe)?(?:Slow)?\((?!0\))))/gm;
        for (const match of text.matchAll(pattern))
          found.push(`${file}: ${match[1] ?? match[3]} ${match[2] ?? match[4]}`);
      }
    }
  };
  visit(root);
  return found.sort();
}

describe('module-level state in core', () => {
  it('is only what the process itself needs (run state is owned by the run)', () => {
    expect(moduleState(src).filter((item) => !(item in ALLOWED))).toEqual([]);
  });

  it('is found when there is some', () => {
    const here = fileURLToPath(new URL('./fixtures-module-state/', import.meta.url));
    expect(moduleState(here)).toEqual([
      'scratch.ts: const scratch',
      'scratch.ts: const seen',
      'scratch.ts: let writerOpen',
    ]);
  });
});

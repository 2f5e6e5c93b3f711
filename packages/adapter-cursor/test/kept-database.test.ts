import { copyFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createAdapterContext, RunMemo } from '@convx/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cursorAdapter } from '../src/index.js';
import { bubbleComposer, homeWith, turn } from './fixtures/scenarios.js';
import { discover, outline, refFor, tempHome } from './helpers.js';

const A = '1a1a1a1a-0000-4000-8000-00000000000a';
const B = '2b2b2b2b-0000-4000-8000-00000000000b';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function twoComposerHome() {
  const built = await tempHome(
    homeWith({ ...bubbleComposer(A, turn('a', 2)), ...bubbleComposer(B, turn('b', 2)) }, []),
  );
  cleanups.push(built.cleanup);
  return built;
}

describe('loading one database after another', () => {
  it("reads a run's conversations of a database over one connection, closed when the run ends", async () => {
    const { home, user } = await twoComposerHome();
    const { refs } = await discover(home, user);
    const opens = vi.spyOn(DatabaseSync.prototype, 'exec');
    const closes = vi.spyOn(DatabaseSync.prototype, 'close');
    // The engine's run: one memo shared by every load, disposed at the end.
    const memo = new RunMemo();
    const ctx = createAdapterContext({ home, memo });
    for (let round = 0; round < 3; round++) {
      for (const ref of refs) await cursorAdapter.load(ctx, ref);
    }
    // Opened once (its page cache set once), never closed while the run goes on — no timer closes it.
    expect(opens.mock.calls.filter(([sql]) => sql.includes('cache_size'))).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(closes).not.toHaveBeenCalled();
    memo.dispose();
    expect(closes).toHaveBeenCalledTimes(1);
    // The next run opens its own.
    await cursorAdapter.load(ctx, refFor(refs, A));
    expect(opens.mock.calls.filter(([sql]) => sql.includes('cache_size'))).toHaveLength(2);
    memo.dispose();
    expect(closes).toHaveBeenCalledTimes(2);
  });

  it('opens a database replaced since the last load anew instead of reading the old file', async () => {
    const { home, user } = await twoComposerHome();
    const { refs } = await discover(home, user);
    const memo = new RunMemo();
    const ctx = createAdapterContext({ home, memo });
    const first = await cursorAdapter.load(ctx, refFor(refs, A));
    expect(outline(first)).toEqual(['text/user: question 1 of a', 'text/assistant: answer 2 of a']);

    // A new file takes the database's place (a restore, a sync tool): same path, another inode.
    const path = join(user, 'globalStorage', 'state.vscdb');
    const copy = `${path}.new`;
    copyFileSync(path, copy);
    const db = new DatabaseSync(copy);
    db.prepare('UPDATE cursorDiskKV SET value = ? WHERE key = ?').run(
      JSON.stringify({ _v: 2, bubbleId: 'a-b2', type: 2, text: 'a rewritten answer' }),
      `bubbleId:${A}:a-b2`,
    );
    db.close();
    renameSync(copy, path);

    const again = await cursorAdapter.load(ctx, refFor(refs, A));
    expect(outline(again)).toEqual(['text/user: question 1 of a', 'text/assistant: a rewritten answer']);
    memo.dispose();
  });
});

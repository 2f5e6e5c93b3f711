import { createHash } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readIndex } from '@convx/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backupArgs,
  gitInit,
  listOutputFiles,
  makeWorkspace,
  runCli,
  type Workspace,
} from '../test/support/cli.js';
import { writeCorpus } from './support/corpus.js';
import { canMountTmpfs, mountTmpfs, resizeTmpfs, unmount } from './support/system.js';

async function snapshot(out: string): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  for (const file of await listOutputFiles(out))
    map.set(
      file,
      createHash('sha256')
        .update(await readFile(join(out, file)))
        .digest('hex'),
    );
  return map;
}

/** Writes into `dir` until its disk has no room left. */
function fillDisk(dir: string): void {
  const fd = openSync(join(dir, 'filler'), 'w');
  const block = Buffer.alloc(4096, 1);
  try {
    for (;;) writeSync(fd, block);
  } catch {
    // ENOSPC: full.
  } finally {
    closeSync(fd);
  }
}

// A real full disk: a small tmpfs mounted for the test (root only; skipped where mounting is not allowed).
describe.skipIf(!canMountTmpfs)('a full disk', () => {
  let ws: Workspace;
  const mounts: string[] = [];
  async function disk(name: string, size: string): Promise<string> {
    const dir = join(ws.root, name);
    await mkdir(dir);
    mountTmpfs(dir, size);
    mounts.push(dir);
    const out = join(dir, 'out');
    await gitInit(out);
    return out;
  }
  beforeAll(async () => {
    ws = await makeWorkspace({ copyFixtures: false });
    await writeCorpus(ws.home, { codex: 200, claude: 60, bigMb: 0 }, 5);
  });
  afterAll(async () => {
    for (const dir of mounts) unmount(dir);
    await ws.cleanup();
  });

  it('stops with a plain message and the summary, the index saved for what was written; the next run finishes', async () => {
    const out = await disk('small', '1m');
    const target = { home: ws.home, out };
    const run = await runCli(backupArgs(target));
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/Unexpected error|ENOSPC/);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/source\s+discovered\s+new/);
    expect(run.stdout).toMatch(/Wrote \d+ files for \d+ sessions/);
    expect(run.stdout).toMatch(
      new RegExp(
        `The disk holding ${out} is full: \\d+ sessions not exported\\. Free some space and run convx again; it exports the rest\\.`,
      ),
    );
    // The index records exactly the sessions whose files are there.
    const index = await readIndex(out);
    const recorded = Object.values(index.sessions).flatMap((entry) => entry.outputs);
    expect(recorded.length).toBeGreaterThan(0);
    expect((await listOutputFiles(out)).filter((f) => f.startsWith('history/')).sort()).toEqual(
      recorded.sort(),
    );
    expect(await readdir(join(out, '.convx/state/tmp'))).toEqual([]);
    expect((await readdir(join(out, '.convx/state'))).includes('lock')).toBe(false);

    // Room again: the next run exports the rest, and the output is what a run with room all along writes.
    resizeTmpfs(join(ws.root, 'small'), '64m');
    const next = await runCli(backupArgs(target, '--json'));
    expect(next.code, next.stderr).toBe(0);
    const { totals } = JSON.parse(next.stdout);
    expect(totals.unchanged).toBe(Object.keys(index.sessions).length);
    expect(totals.new + totals.unchanged).toBe(260);
    const clean = join(ws.root, 'clean');
    await gitInit(clean);
    expect((await runCli(backupArgs({ home: ws.home, out: clean }, '--quiet'))).code).toBe(0);
    const expected = await snapshot(clean);
    const converged = await snapshot(out);
    expect([...converged.keys()]).toEqual([...expected.keys()]);
    for (const [path, hash] of expected) expect(converged.get(path), path).toBe(hash);
  });

  it('says so in one sentence when the disk is full before anything is written', async () => {
    const out = await disk('full', '512k');
    fillDisk(join(out, '..'));
    const run = await runCli(backupArgs({ home: ws.home, out }));
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      `convx: The disk holding ${out} is full; free some space there and run convx again.`,
    );
  });
});

import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backupArgs,
  gitInit,
  listOutputFiles,
  makeWorkspace,
  runCli,
  type Workspace,
} from '../test/support/cli.js';
import { seeded, writeCorpus } from './support/corpus.js';
import { startCli } from './support/system.js';

// `CONVX_FAULT_SEED=n` replays a run's kill moments; `CONVX_FAULT_TRIALS=n` runs more (or fewer) trials.
const SEED = Number(process.env.CONVX_FAULT_SEED ?? 16);
const TRIALS = Number(process.env.CONVX_FAULT_TRIALS ?? 6);

/** Every output file (the git-ignored state aside) → the SHA-256 of its bytes. */
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

describe(`backups killed at random moments (seed ${SEED}, ${TRIALS} trials)`, () => {
  let ws: Workspace;
  let clean: Map<string, string>;
  let cleanCode: number | null;
  let cleanMs: number;

  beforeAll(async () => {
    // All five sources of fixtures/ (a corrupt Cursor database among them), 240 Codex and 120 Claude Code
    // sessions, and one 40 MB Codex session: streamed, spilled, and prepared alone by a worker thread.
    ws = await makeWorkspace();
    await writeCorpus(ws.home, { codex: 240, claude: 120, bigMb: 40 }, SEED);
    const started = Date.now();
    const run = await runCli(backupArgs(ws, '--quiet'));
    cleanMs = Date.now() - started;
    cleanCode = run.code;
    clean = await snapshot(ws.out);
  });
  afterAll(() => ws.cleanup());

  it("converges to the clean run's output, byte for byte, after every kill", async () => {
    expect(clean.size).toBeGreaterThan(700);
    const rand = seeded(SEED);
    const killedAfter: number[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const out = join(ws.root, `trial-${trial}`);
      await gitInit(out);
      const target = { home: ws.home, out };
      // One or two kills, each at a random moment of a run (the next run resumes what the last one left).
      const kills = 1 + Math.floor(rand() * 2);
      for (let k = 0; k < kills; k++) {
        const delay = Math.floor(rand() * cleanMs * 1.1);
        const run = startCli(backupArgs(target, '--quiet'));
        const timer = setTimeout(() => run.child.kill('SIGKILL'), delay);
        const ended = await run.done;
        clearTimeout(timer);
        if (ended.signal === 'SIGKILL') killedAfter.push(delay);
        else expect(ended.code, ended.stderr).toBe(cleanCode);
      }
      const final = await runCli(backupArgs(target, '--quiet'));
      expect(final.code, final.stderr).toBe(cleanCode);
      const converged = await snapshot(out);
      expect([...converged.keys()], `trial ${trial}`).toEqual([...clean.keys()]);
      for (const [path, hash] of clean) expect(converged.get(path), `trial ${trial}: ${path}`).toBe(hash);
      // Nothing left behind: no lock, no temp file; and the next run has nothing to do.
      expect(await readdir(join(out, '.convx/state/tmp'))).toEqual([]);
      const again = await runCli(backupArgs(target, '--json'));
      expect(JSON.parse(again.stdout).written).toEqual([]);
    }
    // Most kills hit a running backup (a few land after it ended, which proves nothing but harms nothing).
    expect(killedAfter.length).toBeGreaterThanOrEqual(Math.ceil(TRIALS / 2));
  });
});

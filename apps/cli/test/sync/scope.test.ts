import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readIndex } from '@convx/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTemp, tempDir, tempRepo } from '../git/temp-repo.js';
import { runCli } from '../support/cli.js';
import { type CodexSessionSpec, codexRollout, writeCodexSession } from '../support/codex-fixture.js';

// `convx sync` in a pre-commit hook does work in proportion to its project: another project's Codex session
// the index records as out of this repository is not stat-ed or read again, even as it grows, and the index
// keeps only the decision for it. A session in the repository — new, or appended — is still exported.

afterAll(cleanupTemp);

let home: string;
let repo: string;
let n = 0;

/** A Codex session of the session_meta generation (a UUIDv7 id). */
async function session(cwd: string, prompt: string): Promise<{ spec: CodexSessionSpec; path: string }> {
  n++;
  const spec = {
    id: `0199b000-1111-7222-8333-${n.toString(16).padStart(12, '0')}`,
    startedAt: `2026-05-0${n}T10:00:00.000Z`,
    cwd,
    turns: [{ prompt, answer: 'Done.' }],
  };
  return { spec, path: await writeCodexSession(home, spec) };
}

/** Another turn written to a session's rollout, as Codex appends it. */
async function append(spec: CodexSessionSpec, path: string, prompt: string) {
  const more = codexRollout({ ...spec, turns: [...spec.turns, { prompt, answer: 'Also done.' }] });
  const before = codexRollout(spec);
  await appendFile(path, `${more.slice(before.length).join('\n')}\n`);
}

const sync = async () => {
  const result = await runCli(['sync', '--json', '--source-system', 'codex'], {
    cwd: repo,
    env: { HOME: home },
  });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as {
    totals: Record<string, number>;
    written: string[];
  };
};

const index = () => readIndex(repo);

beforeAll(async () => {
  home = await tempDir('convx-scope-home-');
  repo = await tempRepo({ commit: true });
});

describe('a warm sync and the sessions of other projects', () => {
  it('does not look at another project’s session again, and still exports the repository’s', async () => {
    const mine = await session(repo, 'add the health check');
    const theirs = await session(join(home, 'code/other'), 'unrelated work');
    const cold = await sync();
    expect(cold.totals).toMatchObject({ discovered: 2, new: 1, skipped: 1 });
    const recorded = (await index()).sessions[`codex:${theirs.spec.id}`];
    // The decision alone: no title, times, size or content hash of another project's session.
    expect(Object.keys(recorded ?? {}).sort()).toEqual(
      [
        'cwd',
        'fingerprint',
        'key',
        'outputs',
        'renderKey',
        'sessionId',
        'skipped',
        'source',
        'sourcePath',
      ].sort(),
    );

    // Both sessions grow, and a new one starts in each project.
    await append(theirs.spec, theirs.path, 'more unrelated work');
    await append(mine.spec, mine.path, 'and the readiness check');
    const added = await session(join(repo, 'web'), 'fix the navbar');
    await session(join(home, 'code/other'), 'more elsewhere');
    const warm = await sync();
    expect(warm.totals).toMatchObject({ discovered: 4, new: 1, updated: 1, skipped: 2 });
    expect(warm.written.filter((f) => f.endsWith('.md'))).toHaveLength(2);
    expect(warm.written.some((f) => f.includes('fix-the-navbar'))).toBe(true);
    // Not stat-ed, not loaded: its entry still holds the fingerprint of before it grew.
    expect((await index()).sessions[`codex:${theirs.spec.id}`]).toEqual(recorded);
    expect((await index()).sessions[`codex:${added.spec.id}`]?.outputs).toHaveLength(2);
  });
});

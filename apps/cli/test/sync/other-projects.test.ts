import { execFile } from 'node:child_process';
import { chmod, cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git } from '../../src/git/run.js';
import { cleanupTemp, tempDir, tempRepo, writeFileIn } from '../git/temp-repo.js';
import { cliEnv, runCli } from '../support/cli.js';
import { type CodexSessionSpec, fakeUuid, writeCodexSession } from '../support/codex-fixture.js';
import { expectedBasename } from '../support/expected.js';
import { cliPath, fixturesHome } from '../support/paths.js';

// One corrupt store anywhere in the home — another project's Cursor workspace — must not fail `convx sync`
// nor keep the pre-commit hook from staging the transcripts sync wrote. A corrupt store of this repository's
// own sessions still fails sync; the hook then stages what sync wrote anyway, and only strict stops the commit.

afterAll(cleanupTemp);

const BROKEN = 'f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1';
const workspaces = (home: string) => join(home, '.config/Cursor/User/workspaceStorage');
let home: string;
let repo: string;
let bin: string;
let n = 0;

/** A Codex session recorded in the repository, for the commit to carry. */
async function session(prompt: string): Promise<CodexSessionSpec> {
  n++;
  const spec = {
    id: fakeUuid(700 + n),
    startedAt: `2026-05-0${n}T10:00:00.000Z`,
    cwd: repo,
    turns: [{ prompt, answer: 'Done.' }],
  };
  await writeCodexSession(home, spec);
  return spec;
}

/** A corrupt Cursor workspace database whose workspace is `folder` (the demo fixtures' corrupt store). */
async function corruptWorkspace(name: string, folder: string) {
  const dir = join(workspaces(home), name);
  await cp(join(workspaces(fixturesHome), BROKEN), dir, { recursive: true });
  await writeFile(join(dir, 'workspace.json'), JSON.stringify({ folder: pathToFileURL(folder).href }));
}

const sync = (...args: string[]) =>
  runCli(['sync', '--source-system', 'codex,cursor', ...args], { cwd: repo, env: { HOME: home } });

function commit(message: string, env: Record<string, string> = {}) {
  return new Promise<{ code: number; stderr: string }>((resolve) => {
    execFile(
      'git',
      ['commit', '--quiet', '-m', message],
      { cwd: repo, env: cliEnv({ HOME: home, PATH: `${bin}:${process.env.PATH ?? ''}`, ...env }) },
      (error, _out, stderr) => resolve({ code: error ? Number(error.code) : 0, stderr }),
    );
  });
}

async function change(file: string) {
  await writeFileIn(repo, file, `export const at = ${n};\n`);
  await git(['add', file], { cwd: repo });
}

/** The transcript of a session in the history folder (under whatever login name the machine has). */
const transcriptOf = (spec: CodexSessionSpec) =>
  expect.stringMatching(new RegExp(`^\\.ai/history/[^/]+/codex/${expectedBasename(spec)}\\.md$`));

const committed = async () =>
  (await git(['show', '--name-only', '--format=', 'HEAD'], { cwd: repo })).split('\n').filter(Boolean);

beforeAll(async () => {
  home = await tempDir('convx-others-home-');
  repo = await tempRepo({ commit: true });
  bin = await tempDir('convx-others-bin-');
  await writeFileIn(bin, 'convx', `#!/bin/sh\nexec "${process.execPath}" "${cliPath}" "$@"\n`);
  await chmod(join(bin, 'convx'), 0o755);
  // Another project's Cursor workspace is corrupt.
  await corruptWorkspace(BROKEN, join(home, 'code/other'));
  expect((await runCli(['hooks', 'install'], { cwd: repo })).code).toBe(0);
});

describe('another project’s corrupt store', () => {
  it('is a warning for sync: exit 0, listed apart, marked in --json', async () => {
    await session('first change');
    const plain = await sync();
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain(
      "1 problem in other projects' sessions (not this repository's; sync still succeeds):",
    );
    expect(plain.stdout).toContain(join(workspaces(home), BROKEN, 'state.vscdb'));
    expect(plain.stdout).not.toMatch(/\d+ failures?:/);
    const json = await sync('--json');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { failures: { otherProject: boolean; cwd: string }[] };
    expect(report.failures).toEqual([
      expect.objectContaining({ otherProject: true, cwd: join(home, 'code/other') }),
    ]);
  });

  it('does not keep the hook from committing the transcripts', async () => {
    const spec = await session('second change');
    await change('src/a.ts');
    const result = await commit('work a');
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('convx: sync failed');
    expect(result.stderr).toContain("problem in other projects' sessions");
    expect(await committed()).toContainEqual(transcriptOf(spec));
  });
});

describe('a corrupt store of this repository', () => {
  it('fails sync (exit 1), yet the hook stages what sync wrote; strict stops the commit', async () => {
    await corruptWorkspace('0000aaaa0000aaaa0000aaaa0000aaaa', repo);
    const own = await sync();
    expect(own.code).toBe(1);
    expect(own.stdout).toContain('1 failure:');

    const spec = await session('third change');
    await change('src/b.ts');
    const lenient = await commit('work b');
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toContain(
      'convx: sync reported failures (above); committing with the transcripts it wrote.',
    );
    expect(await committed()).toContainEqual(transcriptOf(spec));

    await session('fourth change');
    const head = await git(['rev-parse', 'HEAD'], { cwd: repo });
    await change('src/c.ts');
    const strict = await commit('work c', { CONVX_HOOK_STRICT: '1' });
    expect(strict.code).not.toBe(0);
    expect(strict.stderr).toContain('convx: sync failed; commit stopped (hooks.strict)');
    expect(await git(['rev-parse', 'HEAD'], { cwd: repo })).toBe(head);
  });
});

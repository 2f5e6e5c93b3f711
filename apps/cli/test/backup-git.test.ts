import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git } from '../src/git/run.js';
import { cleanupTemp, tempDir, tempRepo, writeFileIn } from './git/temp-repo.js';
import { runCli } from './support/cli.js';
import { type CodexSessionSpec, fakeUuid, writeCodexSession } from './support/codex-fixture.js';
import { expectedBasename } from './support/expected.js';

afterAll(cleanupTemp);

let home: string;
let sessions = 0;
const addSession = async (prompt: string) => {
  sessions++;
  const spec: CodexSessionSpec = {
    id: fakeUuid(100 + sessions),
    startedAt: `2026-04-${String(sessions).padStart(2, '0')}T08:00:00.000Z`,
    cwd: join(home, 'code/shop'),
    turns: [{ prompt, answer: `Done: ${prompt}.` }],
  };
  await writeCodexSession(home, spec);
  return spec;
};
const backup = (out: string, ...extra: string[]) =>
  runCli([
    'backup',
    '--output-path',
    out,
    '--home',
    home,
    '--user',
    'tester',
    '--system-name',
    'box',
    '--source-system',
    'codex',
    ...extra,
  ]);
const commits = async (repo: string) => Number(await git(['rev-list', '--count', 'HEAD'], { cwd: repo }));
const lastCommit = async (repo: string) =>
  (await git(['show', '--name-only', '--format=%s', 'HEAD'], { cwd: repo })).split('\n').filter(Boolean);

beforeAll(async () => {
  home = await tempDir('convx-commit-home-');
  await addSession('add a cart page');
  await addSession('fix the checkout total');
});

describe('convx backup --commit / --push', () => {
  it('commits only convx’s files, once; a second run commits nothing', async () => {
    const out = await tempRepo({ commit: true });
    await writeFileIn(out, 'notes.txt', 'my own staged change\n');
    await git(['add', 'notes.txt'], { cwd: out });
    await writeFileIn(out, 'scratch.txt', 'untracked\n');

    const first = await backup(out, '--commit');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(await commits(out)).toBe(2);
    const [subject, ...files] = await lastCommit(out);
    expect(subject).toBe('convx: 2 new sessions (box)');
    expect(first.stdout).toMatch(/Committed [0-9a-f]{7}: convx: 2 new sessions \(box\)/);
    expect(files.sort()).toEqual(
      [
        '.convx/.gitignore',
        ...(await git(['ls-files', '--others', '--cached', '--', 'history'], { cwd: out })).split('\n'),
      ].sort(),
    );
    expect(files).toHaveLength(5);
    expect(
      files.every(
        (file) => file.startsWith('history/tester/codex/box/code/shop/') || file === '.convx/.gitignore',
      ),
    ).toBe(true);
    // The user's staged change is still staged and not committed; the untracked file untouched.
    expect(await git(['diff', '--cached', '--name-only'], { cwd: out })).toBe('notes.txt');
    expect(await git(['status', '--porcelain', '--', 'history', '.convx'], { cwd: out })).toBe('');

    const second = await backup(out, '--commit');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Nothing to commit.');
    expect(await commits(out)).toBe(2);
  });

  it('[backup] commit = true in the config commits without the flag; --json tells the commit', async () => {
    const out = await tempRepo({ commit: true });
    await writeFileIn(out, '.convx/config.toml', '[backup]\ncommit = true\n');
    const result = await backup(out, '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.git.commit).toBe(await git(['rev-parse', 'HEAD'], { cwd: out }));
    expect(report.git.message).toBe('convx: 2 new sessions (box)');
    expect(await lastCommit(out)).toContain('.convx/config.toml');
    const dry = await backup(out, '--dry-run', '--force');
    expect(dry.stdout).not.toContain('Committed');
    expect(await commits(out)).toBe(2);
  });

  it('--push pushes the commit to the upstream; without an upstream it is a clear error (exit 2)', async () => {
    const out = await tempRepo({ commit: true });
    const remote = join(await tempDir('convx-remote-'), 'history.git');
    await git(['init', '--quiet', '--bare', remote], { cwd: out });
    const noUpstream = await backup(out, '--push');
    expect(noUpstream.code).toBe(2);
    expect(noUpstream.stderr).toContain('branch "main"');
    expect(noUpstream.stderr).toContain('has no upstream; set one once with git push -u origin main');

    await git(['remote', 'add', 'origin', remote], { cwd: out });
    await git(['push', '--quiet', '-u', 'origin', 'main'], { cwd: out });
    const spec = await addSession('add coupons');
    const pushed = await backup(out, '--push');
    expect(pushed.code).toBe(0);
    expect(pushed.stdout).toContain('Pushed to origin (main).');
    const head = await git(['rev-parse', 'HEAD'], { cwd: out });
    expect(await git(['rev-parse', 'main'], { cwd: remote })).toBe(head);
    const subject = await git(['log', '-1', '--format=%s', 'main'], { cwd: remote });
    expect(subject).toBe('convx: 1 new session (box)');
    const tree = await git(['ls-tree', '-r', '--name-only', 'main'], { cwd: remote });
    expect(tree).toContain(`history/tester/codex/box/code/shop/${expectedBasename(spec)}.md`);
  });
});

import { execFile } from 'node:child_process';
import { access, chmod, constants, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { git } from '../../src/git/run.js';
import {
  BLOCK_END,
  BLOCK_START,
  hookBlock,
  hookStatus,
  installHook,
  uninstallHook,
} from '../../src/hooks/index.js';
import { cleanupTemp, tempDir, tempRepo, writeFileIn } from '../git/temp-repo.js';

afterAll(cleanupTemp);

const count = (text: string, needle: string) => text.split(needle).length - 1;
const isExecutable = (path: string) =>
  access(path, constants.X_OK).then(
    () => true,
    () => false,
  );

describe('installHook', () => {
  it('creates an executable pre-commit hook in a fresh repository, idempotently', async () => {
    const repo = await tempRepo();
    const first = await installHook({ repo });
    expect(first).toMatchObject({
      action: 'installed',
      created: true,
      hookPath: join(repo, '.git/hooks/pre-commit'),
    });
    const content = await readFile(first.hookPath, 'utf8');
    expect(content.startsWith(`#!/bin/sh\n${BLOCK_START}\n`)).toBe(true);
    expect(content.endsWith(`${BLOCK_END}\n`)).toBe(true);
    expect(content).toContain('"$convx_root/node_modules/.bin/convx" sync');
    expect(content).toContain('npx --no-install @convx/cli sync');
    expect(content).toContain('git add --all -- "$convx_root/".ai/history');
    expect(await isExecutable(first.hookPath)).toBe(true);

    const second = await installHook({ repo });
    expect(second.action).toBe('unchanged');
    expect(await readFile(first.hookPath, 'utf8')).toBe(content);

    const strict = await installHook({ repo, strict: true });
    expect(strict.action).toBe('updated');
    expect(count(await readFile(first.hookPath, 'utf8'), BLOCK_START)).toBe(1);
    expect((await hookStatus({ repo })).strict).toBe(true);

    expect((await uninstallHook({ repo })).action).toBe('deleted');
    await expect(stat(first.hookPath)).rejects.toThrow(/ENOENT/);
    expect((await uninstallHook({ repo })).action).toBe('not-installed');
  });

  it('bakes the installing convx in after PATH, quoted for the shell', () => {
    const block = hookBlock({
      strict: false,
      historySubpath: '.ai/history',
      args: ['sync'],
      created: true,
      fallback: { node: '/opt/my tools/node', script: "/home/o'neil/convx/dist/cli.js" },
    });
    const lines = block.split('\n');
    const path = lines.findIndex((line) => line.includes('command -v convx'));
    const baked = lines.findIndex((line) => line.includes("elif [ -x '/opt/my tools/node' ]"));
    const npx = lines.findIndex((line) => line.includes('command -v npx'));
    expect(path).toBeGreaterThan(0);
    expect(baked).toBeGreaterThan(path);
    expect(npx).toBeGreaterThan(baked);
    expect(lines[baked]).toBe(
      `  elif [ -x '/opt/my tools/node' ] && [ -f '/home/o'\\''neil/convx/dist/cli.js' ]; then`,
    );
    expect(lines[baked + 1]).toBe(
      `    '/opt/my tools/node' '/home/o'\\''neil/convx/dist/cli.js' sync || convx_status=$?`,
    );
  });

  it('adds its block to an existing hook once and uninstall restores it byte for byte', async () => {
    const repo = await tempRepo();
    const original = '#!/usr/bin/env bash\nset -e\nnpm run lint-staged\nexit 0\n';
    const hookPath = join(repo, '.git/hooks/pre-commit');
    await writeFile(hookPath, original);
    await chmod(hookPath, 0o644);

    expect((await installHook({ repo })).action).toBe('installed');
    expect((await installHook({ repo })).action).toBe('unchanged');
    const content = await readFile(hookPath, 'utf8');
    expect(count(content, BLOCK_START)).toBe(1);
    // Right after the shebang, so the hook's own `exit 0` cannot skip it; the rest is untouched.
    expect(content.startsWith(`#!/usr/bin/env bash\n${BLOCK_START}`)).toBe(true);
    expect(content.endsWith(`${BLOCK_END}\nset -e\nnpm run lint-staged\nexit 0\n`)).toBe(true);
    expect(content).not.toContain('created this file');
    expect(await isExecutable(hookPath)).toBe(true);
    const status = await hookStatus({ repo });
    expect(status).toMatchObject({
      installed: true,
      strict: false,
      sharedWithOtherHooks: true,
      managers: [],
    });

    expect((await uninstallHook({ repo })).action).toBe('removed');
    expect(await readFile(hookPath, 'utf8')).toBe(original);
  });

  it('refuses to edit a hook written in another language', async () => {
    const repo = await tempRepo();
    await writeFileIn(repo, '.git/hooks/pre-commit', '#!/usr/bin/env python3\nprint("hi")\n');
    await expect(installHook({ repo })).rejects.toThrow(
      /is not a shell script \(#!\/usr\/bin\/env python3\)/,
    );
  });

  it('honours a relative and an absolute core.hooksPath', async () => {
    const repo = await tempRepo();
    await git(['config', 'core.hooksPath', '.githooks'], { cwd: repo });
    await mkdir(join(repo, 'sub'));
    const relative = await installHook({ repo: join(repo, 'sub') });
    expect(relative.hookPath).toBe(join(repo, '.githooks/pre-commit'));
    expect(relative.hooksPathSetting).toBe('.githooks');

    const elsewhere = await tempDir();
    await git(['config', 'core.hooksPath', elsewhere], { cwd: repo });
    const absolute = await installHook({ repo });
    expect(absolute.hookPath).toBe(join(elsewhere, 'pre-commit'));
    expect(await readFile(absolute.hookPath, 'utf8')).toContain(BLOCK_START);
  });

  it('installs into the shared hooks folder from a linked worktree', async () => {
    const repo = await tempRepo({ commit: true });
    const worktree = join(await tempDir(), 'wt');
    await git(['worktree', 'add', '--quiet', '-b', 'feature', worktree], { cwd: repo });
    const result = await installHook({ repo: worktree });
    expect(result.hookPath).toBe(join(repo, '.git/hooks/pre-commit'));
    expect((await hookStatus({ repo })).installed).toBe(true);
  });

  it('resolves a .git file (submodule-style separate git dir)', async () => {
    const parent = await tempDir();
    const work = join(parent, 'work');
    const gitDir = join(parent, 'modules/lib');
    await mkdir(work);
    await mkdir(join(parent, 'modules'));
    await git(['init', '--quiet', `--separate-git-dir=${gitDir}`], { cwd: work });
    expect((await stat(join(work, '.git'))).isFile()).toBe(true);
    const result = await installHook({ repo: work });
    expect(result.hookPath).toBe(join(gitDir, 'hooks/pre-commit'));
    expect(await readFile(result.hookPath, 'utf8')).toContain(BLOCK_START);
  });

  it('installs into a real submodule’s own hooks folder, leaving the superproject’s alone', async () => {
    const lib = await tempRepo({ commit: true });
    const top = await tempRepo({ commit: true });
    await git(['-c', 'protocol.file.allow=always', 'submodule', 'add', '--quiet', lib, 'lib'], { cwd: top });
    const result = await installHook({ repo: join(top, 'lib') });
    expect(result.root).toBe(join(top, 'lib'));
    expect(result.hookPath).toBe(join(top, '.git/modules/lib/hooks/pre-commit'));
    expect(await readFile(result.hookPath, 'utf8')).toContain(BLOCK_START);
    await expect(stat(join(top, '.git/hooks/pre-commit'))).rejects.toThrow(/ENOENT/);
    expect((await hookStatus({ repo: join(top, 'lib') })).installed).toBe(true);
    expect((await hookStatus({ repo: top })).installed).toBe(false);
  });

  it('returns the line for husky, lefthook and pre-commit instead of installing, unless forced', async () => {
    const repo = await tempRepo();
    await mkdir(join(repo, '.husky'));
    await writeFileIn(repo, 'lefthook.yml', 'pre-push:\n  commands: {}\n');
    await writeFileIn(repo, '.pre-commit-config.yaml', 'repos: []\n');
    const result = await installHook({ repo });
    if (result.action !== 'use-manager') throw new Error(`expected use-manager, got ${result.action}`);
    expect(result.managers.map((m) => [m.manager, m.file, m.configured])).toEqual([
      ['husky', '.husky/pre-commit', false],
      ['lefthook', 'lefthook.yml', false],
      ['pre-commit', '.pre-commit-config.yaml', false],
    ]);
    expect(result.managers[0]?.snippet).toBe(
      'convx_status=0; npx --no-install convx sync || convx_status=$?; { [ ! -e .ai/history ] || git add --all -- .ai/history; }; [ "$convx_status" = 0 ] || echo "convx sync failed; committing with the transcripts it wrote" >&2',
    );
    expect(result.managers[1]?.snippet).toContain(
      '    convx:\n      run: convx_status=0; npx --no-install convx sync || convx_status=$?;',
    );
    // Like convx's own hook, none of the lines blocks a commit unless strict.
    for (const manager of result.managers) expect(manager.snippet).toContain('|| echo "convx sync failed;');
    const strict = await installHook({ repo, strict: true });
    if (strict.action !== 'use-manager') throw new Error(`expected use-manager, got ${strict.action}`);
    for (const manager of strict.managers) {
      expect(manager.snippet).not.toContain('|| echo');
      expect(manager.snippet).toContain('git add --all -- .ai/history; }; [ "$convx_status" = 0 ]');
    }
    await expect(stat(result.hookPath)).rejects.toThrow(/ENOENT/);

    await writeFileIn(repo, '.husky/pre-commit', 'npx --no-install convx sync\n');
    expect((await hookStatus({ repo })).managers[0]?.configured).toBe(true);
    expect((await installHook({ repo, force: true })).action).toBe('installed');
  });
});

const TRANSCRIPT = '.ai/history/me/codex/2025-06-01-1000-fix-the-build.md';

/** A fake convx: writes a transcript (like a sync that exported a session), fails, or both. */
function fakeConvxScript(behaviour: 'write' | 'fail' | 'write-then-fail'): string {
  const write = `root=$(git rev-parse --show-toplevel)\nmkdir -p "$root/.ai/history/me/codex"\nprintf "# fixed the build\\n" > "$root/${TRANSCRIPT}"\n`;
  const fail = 'echo "fake convx: a session of this repository cannot be read" >&2\nexit 1\n';
  const body = behaviour === 'write' ? write : behaviour === 'fail' ? fail : write + fail;
  return `#!/bin/sh\n[ "$1" = sync ] || exit 3\n${body}`;
}

describe('the installed hook during a real git commit', () => {
  /** A stand-in `convx` on PATH for the hook to find: writes a transcript, fails, or writes and then fails. */
  async function fakeConvx(behaviour: 'write' | 'fail' | 'write-then-fail'): Promise<string> {
    const bin = await tempDir('convx-bin-');
    await writeFileIn(bin, 'convx', fakeConvxScript(behaviour));
    await chmod(join(bin, 'convx'), 0o755);
    return bin;
  }

  async function commitWith(repo: string, bin: string): Promise<{ ok: boolean; stderr: string }> {
    await writeFileIn(repo, 'src/main.ts', `export const at = ${Date.now()};\n`);
    await git(['add', 'src/main.ts'], { cwd: repo });
    try {
      await git(['commit', '--quiet', '-m', 'work'], {
        cwd: repo,
        env: { PATH: `${bin}:${process.env.PATH}` },
      });
      return { ok: true, stderr: '' };
    } catch (error) {
      return { ok: false, stderr: String((error as { stderr?: string }).stderr) };
    }
  }

  it('exports and stages the transcripts into the commit', async () => {
    const repo = await tempRepo({ commit: true });
    await installHook({ repo });
    expect((await commitWith(repo, await fakeConvx('write'))).ok).toBe(true);
    const files = await git(['show', '--name-only', '--format=', 'HEAD'], { cwd: repo });
    expect(files.split('\n').sort()).toEqual([
      '.ai/history/me/codex/2025-06-01-1000-fix-the-build.md',
      'src/main.ts',
    ]);
    expect(await git(['status', '--porcelain'], { cwd: repo })).toBe('');
  });

  it('leaves the transcripts for the next commit on a partial commit (git commit <paths>)', async () => {
    const repo = await tempRepo({ commit: true });
    const bin = await fakeConvx('write');
    await installHook({ repo });
    await writeFileIn(repo, 'notes.txt', 'draft\n');
    await git(['add', 'notes.txt'], { cwd: repo });
    await writeFileIn(repo, 'notes.txt', 'final\n');
    const env = { PATH: `${bin}:${process.env.PATH}` };
    await git(['commit', '--quiet', '-m', 'notes only', '--', 'notes.txt'], { cwd: repo, env });
    expect(await git(['show', '--name-only', '--format=', 'HEAD'], { cwd: repo })).toBe('notes.txt');
    // Nothing staged as deleted: the transcript is simply untracked, and the next commit carries it.
    expect(await git(['status', '--porcelain'], { cwd: repo })).toBe('?? .ai/');
    expect((await commitWith(repo, bin)).ok).toBe(true);
    const files = await git(['show', '--name-only', '--format=', 'HEAD'], { cwd: repo });
    expect(files.split('\n')).toContain('.ai/history/me/codex/2025-06-01-1000-fix-the-build.md');
  });

  it('stages what a failing sync wrote, and commits it unless strict', async () => {
    const repo = await tempRepo({ commit: true });
    const partly = await fakeConvx('write-then-fail');
    await installHook({ repo });
    const lenient = await commitWith(repo, partly);
    expect(lenient.ok).toBe(true);
    const files = await git(['show', '--name-only', '--format=', 'HEAD'], { cwd: repo });
    expect(files.split('\n').sort()).toEqual([TRANSCRIPT, 'src/main.ts']);
    expect(await git(['status', '--porcelain'], { cwd: repo })).toBe('');

    await installHook({ repo, strict: true });
    const before = await git(['rev-parse', 'HEAD'], { cwd: repo });
    await rm(join(repo, TRANSCRIPT));
    const strict = await commitWith(repo, partly);
    expect(strict.ok).toBe(false);
    expect(strict.stderr).toContain('convx: sync failed; commit stopped (hooks.strict)');
    expect(await git(['rev-parse', 'HEAD'], { cwd: repo })).toBe(before);
  });

  it('does not block the commit when convx fails, unless strict', async () => {
    const repo = await tempRepo({ commit: true });
    const failing = await fakeConvx('fail');
    await installHook({ repo });
    const lenient = await commitWith(repo, failing);
    expect(lenient.ok).toBe(true);
    expect(await git(['log', '-1', '--format=%s'], { cwd: repo })).toBe('work');

    await installHook({ repo, strict: true });
    const before = await git(['rev-parse', 'HEAD'], { cwd: repo });
    const strict = await commitWith(repo, failing);
    expect(strict.ok).toBe(false);
    expect(strict.stderr).toContain('convx: sync failed; commit stopped (hooks.strict)');
    expect(await git(['rev-parse', 'HEAD'], { cwd: repo })).toBe(before);
  });
});

describe('the line for a hook manager', () => {
  /** Runs a manager's line as husky does (`sh -e`), with `npx` standing in for the project's convx. */
  async function runLine(repo: string, line: string, behaviour: 'write' | 'write-then-fail') {
    const bin = await tempDir('convx-npx-');
    // `npx --no-install convx sync …` → the fake convx with `sync …`.
    await writeFileIn(bin, 'fake-convx', fakeConvxScript(behaviour));
    await writeFileIn(bin, 'npx', `#!/bin/sh\nshift 2\nexec "${bin}/fake-convx" "$@"\n`);
    await chmod(join(bin, 'fake-convx'), 0o755);
    await chmod(join(bin, 'npx'), 0o755);
    return new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(
        'sh',
        ['-e', '-c', line],
        { cwd: repo, env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } },
        (error, _out, stderr) => resolve({ code: error ? Number(error.code) : 0, stderr }),
      );
    });
  }

  it('stages what sync wrote even when sync fails, and fails only when strict', async () => {
    const repo = await tempRepo({ commit: true });
    await mkdir(join(repo, '.husky'));
    const lenient = await installHook({ repo });
    const strict = await installHook({ repo, strict: true });
    if (lenient.action !== 'use-manager' || strict.action !== 'use-manager')
      throw new Error('expected husky');
    const line = (result: typeof lenient) => result.managers[0]?.snippet ?? '';

    const ok = await runLine(repo, line(lenient), 'write');
    expect(ok).toEqual({ code: 0, stderr: '' });
    expect(await git(['diff', '--cached', '--name-only'], { cwd: repo })).toBe(TRANSCRIPT);

    await git(['reset', '--quiet'], { cwd: repo });
    const warned = await runLine(repo, line(lenient), 'write-then-fail');
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain('convx sync failed; committing with the transcripts it wrote');
    expect(await git(['diff', '--cached', '--name-only'], { cwd: repo })).toBe(TRANSCRIPT);

    await git(['reset', '--quiet'], { cwd: repo });
    const stopped = await runLine(repo, line(strict), 'write-then-fail');
    expect(stopped.code).not.toBe(0);
    expect(await git(['diff', '--cached', '--name-only'], { cwd: repo })).toBe(TRANSCRIPT);
  });
});

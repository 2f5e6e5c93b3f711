import { execFile } from 'node:child_process';
import { access, chmod, constants, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { git } from '../../src/git/run.js';
import { BLOCK_START } from '../../src/hooks/index.js';
import { cleanupTemp, tempDir, tempRepo, writeFileIn } from '../git/temp-repo.js';
import { cliEnv, runCli } from '../support/cli.js';
import { fakeUuid, writeCodexSession } from '../support/codex-fixture.js';
import { expectedBasename } from '../support/expected.js';
import { cliPath } from '../support/paths.js';

afterAll(cleanupTemp);

const hooks = (cwd: string, ...args: string[]) => runCli(['hooks', ...args], { cwd });
const isExecutable = (path: string) =>
  access(path, constants.X_OK).then(
    () => true,
    () => false,
  );

describe('convx hooks through the CLI', () => {
  it('installs around an existing hook and uninstall restores it byte for byte', async () => {
    const repo = await tempRepo();
    const hookPath = join(repo, '.git/hooks/pre-commit');
    const original = '#!/bin/sh\necho "running my checks"\nexit 0\n';
    await writeFile(hookPath, original);
    await chmod(hookPath, 0o755);

    const install = await hooks(repo, 'install');
    expect(install.code, install.stderr).toBe(0);
    expect(install.stdout).toContain(`Installed convx in the pre-commit hook ${hookPath}.`);
    const content = await readFile(hookPath, 'utf8');
    expect(content.startsWith(`#!/bin/sh\n${BLOCK_START}\n`)).toBe(true);
    expect(content.endsWith('echo "running my checks"\nexit 0\n')).toBe(true);

    const status = await hooks(repo, 'status');
    expect(status.stdout).toContain(`installed in ${hookPath}`);
    expect(status.stdout).toContain('the hook also runs other commands');
    const again = await hooks(repo, 'install');
    expect(again.stdout).toContain('Already installed:');

    const uninstall = await hooks(repo, 'uninstall');
    expect(uninstall.stdout).toContain(`Removed convx from ${hookPath}`);
    expect(await readFile(hookPath, 'utf8')).toBe(original);
    expect((await hooks(repo, 'status')).stdout).toContain('not installed');
  });

  it('honours core.hooksPath and bakes hooks.strict from the config into the hook', async () => {
    const repo = await tempRepo();
    await git(['config', 'core.hooksPath', '.githooks'], { cwd: repo });
    await writeFileIn(repo, '.convx/config.toml', '[hooks]\nstrict = true\n');
    const install = await hooks(repo, 'install');
    expect(install.code, install.stderr).toBe(0);
    const hookPath = join(repo, '.githooks/pre-commit');
    expect(install.stdout).toContain(`${hookPath} (core.hooksPath = .githooks)`);
    expect(install.stdout).toContain('a failing sync stops the commit');
    expect(await isExecutable(hookPath)).toBe(true);
    expect(await readFile(hookPath, 'utf8')).toContain('CONVX_HOOK_STRICT:-1');
    await expect(stat(join(repo, '.git/hooks/pre-commit'))).rejects.toThrow(/ENOENT/);
    expect((await hooks(repo, 'status')).stdout).toContain('(strict)');
    expect(JSON.parse((await hooks(repo, 'status', '--json')).stdout)).toMatchObject({
      installed: true,
      strict: true,
      hookPath,
      hooksPathSetting: '.githooks',
    });
    expect((await hooks(repo, 'uninstall')).stdout).toContain(`Removed ${hookPath} (convx had created it).`);
    await expect(stat(hookPath)).rejects.toThrow(/ENOENT/);
  });

  it('with husky it writes nothing and prints the line to add, unless --force', async () => {
    const repo = await tempRepo();
    await mkdir(join(repo, '.husky'));
    const install = await hooks(repo, 'install');
    expect(install.code, install.stderr).toBe(0);
    expect(install.stdout).toContain('managed by husky, so convx wrote nothing');
    expect(install.stdout).toContain('add to .husky/pre-commit:');
    expect(install.stdout).toContain(
      'npx --no-install convx sync || convx_status=$?; { [ ! -e .ai/history ] || git add --all -- .ai/history; }',
    );
    await expect(stat(join(repo, '.git/hooks/pre-commit'))).rejects.toThrow(/ENOENT/);
    const forced = await hooks(repo, 'install', '--force');
    expect(forced.stdout).toContain('Installed convx');
    expect(await readFile(join(repo, '.git/hooks/pre-commit'), 'utf8')).toContain(BLOCK_START);
  });

  it('finds the convx that installed it when PATH has no convx (a git GUI, an editor)', async () => {
    const repo = await tempRepo({ commit: true });
    const home = await tempDir('convx-hook-home-');
    const spec = {
      id: fakeUuid(43),
      startedAt: '2026-03-05T08:15:00.000Z',
      cwd: repo,
      turns: [{ prompt: 'rename the config loader', answer: 'Renamed it to loadSettings.' }],
    };
    await writeCodexSession(home, spec);
    expect((await hooks(repo, 'install')).code).toBe(0);
    const hook = await readFile(join(repo, '.git/hooks/pre-commit'), 'utf8');
    expect(hook).toContain(`${process.execPath} ${cliPath} sync --quiet || convx_status=$?`);

    // A project-local convx cannot start without `node` on PATH, so the hook must not pick it.
    await writeFileIn(
      repo,
      'node_modules/.bin/convx',
      '#!/bin/sh\necho "local convx without node" >&2\nexit 1\n',
    );
    await chmod(join(repo, 'node_modules/.bin/convx'), 0o755);
    await writeFileIn(repo, '.gitignore', 'node_modules/\n');
    await writeFileIn(repo, 'loader.ts', 'export const loadSettings = () => ({});\n');
    await git(['add', 'loader.ts', '.gitignore'], { cwd: repo });
    // An empty PATH (git puts its own exec path in front for the hook): no node, no convx, no npx.
    const env = cliEnv({ HOME: home, PATH: await tempDir('convx-empty-path-') });
    const gitBin = join((await git(['--exec-path'], { cwd: repo })).trim(), 'git');
    const stderr = await new Promise<string>((resolve, reject) => {
      execFile(gitBin, ['commit', '--quiet', '-m', 'rename'], { cwd: repo, env }, (error, _out, err) =>
        error ? reject(error) : resolve(err),
      );
    });
    expect(stderr).not.toContain('convx: sync failed');
    expect(stderr).not.toContain('local convx without node');
    const files = await git(['show', '--name-only', '--format=', 'HEAD'], { cwd: repo });
    const md = files.split('\n').filter((file) => file.endsWith(`/codex/${expectedBasename(spec)}.md`));
    expect(md, files).toHaveLength(1);
    expect(await git(['show', `HEAD:${md[0]}`], { cwd: repo })).toContain('Renamed it to loadSettings.');
  });

  it('rejects --json outside status and --force outside install', async () => {
    const repo = await tempRepo();
    const json = await hooks(repo, 'install', '--json');
    expect(json.code).toBe(2);
    expect(json.stderr).toContain('--json only applies to convx hooks status.');
    const force = await hooks(repo, 'uninstall', '--force');
    expect(force.code).toBe(2);
    expect(force.stderr).toContain('--force only applies to convx hooks install.');
    await expect(stat(join(repo, '.git/hooks/pre-commit'))).rejects.toThrow(/ENOENT/);
  });

  it('rejects a missing or unknown action, and runs only inside a repository', async () => {
    const repo = await tempRepo();
    expect(await hooks(repo)).toMatchObject({ code: 2 });
    const unknown = await hooks(repo, 'enable');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown hooks action "enable"; use install, uninstall or status.');
    const outside = await hooks(await tempDir(), 'install');
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('must run inside a git repository');
  });

  it('a real git commit through the installed hook carries the repository’s transcripts', async () => {
    const repo = await tempRepo({ commit: true });
    const home = await tempDir('convx-hook-home-');
    const bin = await tempDir('convx-hook-bin-');
    // `convx` on PATH is the built CLI, the way an installed one would be found.
    await writeFileIn(bin, 'convx', `#!/bin/sh\nexec "${process.execPath}" "${cliPath}" "$@"\n`);
    await chmod(join(bin, 'convx'), 0o755);
    const spec = {
      id: fakeUuid(41),
      startedAt: '2026-03-04T09:30:00.000Z',
      cwd: join(repo, 'api'),
      turns: [{ prompt: 'add rate limiting to the api', answer: 'Added a token bucket.' }],
    };
    await writeCodexSession(home, spec);
    await writeCodexSession(home, {
      ...spec,
      id: fakeUuid(42),
      cwd: join(home, 'other-project'),
      turns: [{ prompt: 'something unrelated', answer: 'ok' }],
    });
    expect((await hooks(repo, 'install')).code).toBe(0);

    await writeFileIn(repo, 'api/limit.ts', 'export const limit = 10;\n');
    await git(['add', 'api/limit.ts'], { cwd: repo });
    const env = cliEnv({ HOME: home, USER: 'hooker', PATH: `${bin}:${process.env.PATH ?? ''}` });
    const commit = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(
        'git',
        ['commit', '--quiet', '-m', 'rate limiting'],
        { cwd: repo, env },
        (error, _out, stderr) => resolve({ code: error ? Number(error.code) : 0, stderr }),
      );
    });
    expect(commit.stderr).not.toContain('convx: sync failed');
    expect(commit.code).toBe(0);

    const files = (await git(['show', '--name-only', '--format=%s', 'HEAD'], { cwd: repo })).split('\n');
    expect(files[0]).toBe('rate limiting');
    const transcripts = files.filter((file) => file.startsWith('.ai/history/'));
    const md = transcripts.find((file) => file.endsWith(`/codex/${expectedBasename(spec)}.md`));
    expect(md).toBeDefined();
    expect(transcripts).toHaveLength(2);
    expect(files).toContain('api/limit.ts');
    const committed = await git(['show', `HEAD:${md}`], { cwd: repo });
    expect(committed).toContain('add rate limiting to the api');
    expect(committed).toContain('Added a token bucket.');
    expect(committed).not.toContain('something unrelated');
    expect(files).toContain('.convx/.gitignore');
    // Nothing left over: the hook staged everything it wrote, and the state folder is ignored.
    expect(await git(['status', '--porcelain'], { cwd: repo })).toBe('');
  });
});

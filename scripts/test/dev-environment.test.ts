import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { vitestEnv } from '../vitest.mjs';

const exec = promisify(execFile);
const repo = join(import.meta.dirname, '../..');

/** The environment without what the outer test run set (a nested vitest would take it as its own). */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of Object.keys(env)) if (name.startsWith('VITEST') || name === 'NO_COLOR') delete env[name];
  delete env.FORCE_COLOR;
  return env;
}

describe('the developer environment', () => {
  it('silences npm’s and pnpm’s update notices and Turborepo’s telemetry (and its banner)', async () => {
    const { stdout } = await exec('bash', ['-c', 'source scripts/toolchain.sh >/dev/null && env'], {
      cwd: repo,
      env: cleanEnv(),
    });
    const env = new Map(
      stdout.split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect(env.get('NO_UPDATE_NOTIFIER')).toBe('1');
    expect(env.get('npm_config_update_notifier')).toBe('false');
    expect(env.get('pnpm_config_update_notifier')).toBe('false');
    expect(env.get('TURBO_TELEMETRY_DISABLED')).toBe('1');
  });

  it('turbo says telemetry is off, with a fresh config folder (where its first-run banner would show)', async () => {
    const home = await mkdtemp(join(tmpdir(), 'convx-dev-home-'));
    try {
      const { stdout, stderr } = await exec(
        'bash',
        ['-c', 'source scripts/toolchain.sh >/dev/null && node_modules/.bin/turbo telemetry status'],
        { cwd: repo, env: cleanEnv({ HOME: home, XDG_CONFIG_HOME: join(home, '.config') }) },
      );
      expect(stdout + stderr).toContain('Status: Disabled');
      expect(stdout + stderr).not.toContain('Attention');
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});

describe('./dev convx', () => {
  it('runs the built CLI in the folder it was called from, with nothing from pnpm around it', async () => {
    const here = await mkdtemp(join(tmpdir(), 'convx-dev-cwd-'));
    try {
      const failed = await exec(join(repo, 'dev'), ['convx', 'stats', '--output-path', 'nope'], {
        cwd: here,
        env: cleanEnv({ NO_COLOR: '1' }),
      }).catch((error: { code: number; stdout: string; stderr: string }) => error);
      expect(failed).toMatchObject({
        code: 2,
        stdout: '',
        stderr: `convx: The output folder ${join(here, 'nope')} does not exist; check --output-path.\n`,
      });
      const version = await exec(join(repo, 'dev'), ['convx', '--version'], { cwd: here, env: cleanEnv() });
      expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    } finally {
      await rm(here, { recursive: true, force: true });
    }
  });
});

describe('scripts/vitest.mjs', () => {
  it('turns colours off when stdout is not a terminal, unless the caller chose', () => {
    expect(vitestEnv({ TERM: 'xterm' }, false)).toEqual({ TERM: 'xterm', NO_COLOR: '1' });
    expect(vitestEnv({ TERM: 'xterm' }, true)).toEqual({ TERM: 'xterm' });
    expect(vitestEnv({ FORCE_COLOR: '1' }, false)).toEqual({ FORCE_COLOR: '1' });
  });

  it('writes a test log without escape codes, and passes the exit code on', async () => {
    const run = (file: string) =>
      exec(process.execPath, ['scripts/vitest.mjs', 'run', '--project', 'render-md', file], {
        cwd: repo,
        env: cleanEnv({ TERM: 'xterm-256color' }),
      }).then(
        (result) => ({ code: 0, ...result }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
    const passed = await run('test/markdown.test.ts');
    expect(passed.code).toBe(0);
    expect(passed.stdout).toContain('markdown.test.ts');
    expect(passed.stdout + passed.stderr).not.toContain('\u001b[');
    const missing = await run('test/no-such-file.test.ts');
    expect(missing.code).toBe(1);
  });
});

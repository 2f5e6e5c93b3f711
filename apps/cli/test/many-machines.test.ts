import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import type { SyncReport } from '@convx/core';
import { afterAll, describe, expect, it } from 'vitest';
import { git } from '../src/git/run.js';
import { cleanupTemp, tempDir, tempRepo, writeFileIn } from './git/temp-repo.js';
import { runCli } from './support/cli.js';
import { fakeUuid, writeCodexSession } from './support/codex-fixture.js';

// Three machines back up hourly into one remote, each into its own history/<user>/<source>/<machine>
// folders: `convx backup --push` fetches, rebases its own commit and pushes again when another machine
// pushed first. Real git: a bare remote and a clone per machine.

afterAll(cleanupTemp);

interface Machine {
  name: string;
  home: string;
  out: string;
}

let ids = 0;
async function addSession(machine: Machine, prompt: string) {
  ids++;
  await writeCodexSession(machine.home, {
    id: fakeUuid(900 + ids),
    startedAt: `2026-06-${String((ids % 28) + 1).padStart(2, '0')}T08:00:00.000Z`,
    cwd: join(machine.home, 'code/app'),
    turns: [{ prompt, answer: `Done: ${prompt}.` }],
  });
}

/** A bare remote with one commit, and a clone of it per machine (each with a home holding one session). */
async function setup(names: string[]) {
  const remote = join(await tempDir('convx-remote-'), 'history.git');
  await git(['init', '--quiet', '--bare', '--initial-branch=main', remote], { cwd: await tempDir() });
  const seed = await tempRepo({ commit: true });
  await git(['remote', 'add', 'origin', remote], { cwd: seed });
  await git(['push', '--quiet', '-u', 'origin', 'main'], { cwd: seed });
  const machines: Machine[] = [];
  for (const name of names) {
    const root = await tempDir(`convx-${name}-`);
    const out = join(root, 'history');
    await git(['clone', '--quiet', remote, out], { cwd: root });
    await git(['config', 'user.name', name], { cwd: out });
    await git(['config', 'user.email', `${name}@example.invalid`], { cwd: out });
    await git(['config', 'commit.gpgsign', 'false'], { cwd: out });
    const machine = { name, home: join(root, 'home'), out };
    await addSession(machine, `first task on ${name}`);
    machines.push(machine);
  }
  return { remote, machines };
}

const backup = (m: Machine, ...extra: string[]) =>
  runCli([
    'backup',
    '--output-path',
    m.out,
    '--home',
    m.home,
    '--user',
    'ana',
    '--system-name',
    m.name,
    '--source-system',
    'codex',
    '--push',
    ...extra,
  ]);
const remoteFiles = async (remote: string) =>
  (await git(['ls-tree', '-r', '--name-only', 'main'], { cwd: remote })).split('\n');
const machineOf = (file: string) => file.match(/^history\/ana\/codex\/([^/]+)\//)?.[1];

describe('convx backup --push from several machines into one remote', () => {
  it('rebases onto what another machine pushed first and pushes (exit 0)', async () => {
    const { remote, machines } = await setup(['laptop', 'desktop']);
    const [laptop, desktop] = machines as [Machine, Machine];
    expect((await backup(laptop)).code).toBe(0);
    const second = await backup(desktop);
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(
      'Pushed to origin (main), on top of the commits other machines pushed meanwhile.',
    );
    expect(await git(['log', '--format=%s', 'main'], { cwd: remote })).toBe(
      ['convx: 1 new session (desktop)', 'convx: 1 new session (laptop)', 'initial'].join('\n'),
    );
    const files = await remoteFiles(remote);
    expect(new Set(files.map(machineOf))).toEqual(new Set([undefined, 'laptop', 'desktop']));
    // The desktop's clone now holds the laptop's transcripts too, and is clean.
    expect(await git(['status', '--porcelain'], { cwd: desktop.out })).toBe('');
    expect(await git(['ls-files', 'history/ana/codex/laptop'], { cwd: desktop.out })).not.toBe('');
  });

  it('three machines pushing at the same moment, hour after hour: every push goes through', async () => {
    const { remote, machines } = await setup(['one', 'two', 'three']);
    for (let hour = 0; hour < 2; hour++) {
      for (const m of machines) await addSession(m, `hour ${hour} on ${m.name}`);
      const results = await Promise.all(machines.map((m) => backup(m, '--json')));
      for (const result of results) {
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        const report = JSON.parse(result.stdout) as SyncReport & { git: { pushed: { attempts: number } } };
        expect(report.git.pushed.attempts).toBeGreaterThanOrEqual(1);
      }
    }
    const files = (await remoteFiles(remote)).filter((file) => file.endsWith('.md'));
    for (const m of machines) expect(files.filter((file) => machineOf(file) === m.name)).toHaveLength(3);
    const heads = await Promise.all(machines.map((m) => git(['rev-parse', 'HEAD'], { cwd: m.out })));
    // The last machine to push has everything; the history is linear (no merge commits).
    expect(heads).toContain(await git(['rev-parse', 'main'], { cwd: remote }));
    expect(await git(['rev-list', '--merges', '--count', 'main'], { cwd: remote })).toBe('0');
  }, 180_000);

  it('stops on a real conflict with exit 1: the summary, a clear message, the local commit kept', async () => {
    const { remote, machines } = await setup(['laptop', 'desktop']);
    const [laptop, desktop] = machines as [Machine, Machine];
    await writeFileIn(laptop.out, '.convx/config.toml', 'exclude = ["~/work/**"]\n');
    expect((await backup(laptop)).code).toBe(0);
    await writeFileIn(desktop.out, '.convx/config.toml', 'exclude = ["~/clients/**"]\n');
    const remoteHead = await git(['rev-parse', 'main'], { cwd: remote });

    const result = await backup(desktop);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Wrote 2 files for 1 session');
    expect(result.stdout).toMatch(/Committed [0-9a-f]{7}: convx: 1 new session \(desktop\)/);
    expect(result.stderr).toBe(
      `convx: Cannot push: origin/main changed .convx/config.toml differently from this machine's commit. Your commit is kept on main and nothing was pushed; run git pull --rebase in ${desktop.out}, resolve the conflict, and push.\n`,
    );
    expect(await git(['log', '-1', '--format=%s'], { cwd: desktop.out })).toBe(
      'convx: 1 new session (desktop)',
    );
    expect(await git(['status', '--porcelain'], { cwd: desktop.out })).toBe('');
    expect(await git(['rev-parse', 'main'], { cwd: remote })).toBe(remoteHead);
  });

  it('a push the remote refuses is exit 1, not the usage code; --json says why', async () => {
    const { remote, machines } = await setup(['laptop']);
    const [laptop] = machines as [Machine];
    await writeFileIn(remote, 'hooks/pre-receive', '#!/bin/sh\necho "read-only mirror" >&2\nexit 1\n');
    await chmod(join(remote, 'hooks/pre-receive'), 0o755);
    const result = await backup(laptop, '--json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as SyncReport & { git: Record<string, unknown> };
    expect(report.totals.new).toBe(1);
    expect(report.git).toMatchObject({
      commit: expect.stringMatching(/^[0-9a-f]{40}$/),
      pushed: null,
      error: `git push to origin was refused, and not because of other machines' commits; see git push in ${laptop.out}.`,
    });
    expect(result.stderr).toContain('convx: git push to origin was refused');
  });
});

import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageForFiles } from '../src/git/message.js';
import { git } from '../src/git/run.js';
import { cleanupTemp, tempDir, tempRepo } from './git/temp-repo.js';
import { runCli } from './support/cli.js';
import { fakeUuid, writeCodexSession } from './support/codex-fixture.js';

afterAll(cleanupTemp);

// What a person sees around their first backup: what --init made, what to do next, and the first commit.
let home: string;
let sessions = 0;
const addSession = async (prompt: string) => {
  sessions++;
  await writeCodexSession(home, {
    id: fakeUuid(700 + sessions),
    startedAt: `2026-05-${String(sessions).padStart(2, '0')}T08:00:00.000Z`,
    cwd: join(home, 'code/shop'),
    turns: [{ prompt, answer: `Done: ${prompt}.` }],
  });
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
const subject = (repo: string) => git(['log', '-1', '--format=%s'], { cwd: repo });

beforeAll(async () => {
  home = await tempDir('convx-first-run-home-');
  await addSession('add a cart page');
  await addSession('fix the checkout total');
});

describe('the first run', () => {
  it('--init says what it created: the folder and the repository, or the repository in a folder', async () => {
    const root = await tempDir('convx-first-run-');
    const fresh = join(root, 'ai history');
    const created = await backup(fresh, '--init');
    expect(created.code).toBe(0);
    expect(created.stdout.split('\n')[0]).toBe(`Created ${fresh} and a git repository in it (--init).`);

    const plain = join(root, 'plain');
    await mkdir(plain);
    const initialized = await backup(plain, '--init', '--json');
    expect(JSON.parse(initialized.stdout).initialized).toBe(plain);
    expect(initialized.stderr).toBe('');

    // An existing repository: nothing was created, nothing is said.
    const again = await backup(fresh, '--init');
    expect(again.stdout).not.toContain('Created');
    expect((await backup(fresh, '--init', '--json')).stdout).not.toContain('"initialized"');
  });

  it('says how to commit while convx’s files are uncommitted, and nothing once they are', async () => {
    const out = await tempRepo({ commit: true });
    const first = await backup(out);
    const hint = `Not committed yet: pass --commit (or set commit = true under [backup] in .convx/config.toml), or run git -C ${out} add history .convx && git -C ${out} commit -m "AI history".`;
    expect(first.stdout.trim().split('\n').at(-1)).toBe(hint);
    // A run that changed nothing still has the first run's files to commit.
    const second = await backup(out);
    expect(second.stdout).toContain('Nothing changed');
    expect(second.stdout.trim().split('\n').at(-1)).toBe(hint);
    expect((await backup(out, '--quiet')).stdout).toBe('');
    expect((await backup(out, '--dry-run')).stdout).not.toContain('Not committed');

    // The first --commit after runs that did not commit is titled by what it adds, not by this run's counts.
    const committed = await backup(out, '--commit');
    expect(committed.stdout).toMatch(/Committed [0-9a-f]{7}: convx: 2 new sessions \(box\)/);
    expect(await subject(out)).toBe('convx: 2 new sessions (box)');
    expect(committed.stdout).not.toContain('Not committed');
    expect((await backup(out)).stdout).not.toContain('Not committed');
  });

  it('titles a later commit by the sessions it adds and changes', async () => {
    const out = await tempRepo({ commit: true });
    expect((await backup(out, '--commit')).code).toBe(0);
    await addSession('add a wish list');
    expect((await backup(out)).code).toBe(0);
    // A renderer option changed in the config: every session re-rendered, committed with the new one.
    await mkdir(join(out, '.convx'), { recursive: true });
    await writeFile(join(out, '.convx/config.toml'), '[renderer_options]\nshowContext = true\n');
    expect((await backup(out, '--commit')).code).toBe(0);
    expect(await subject(out)).toBe(`convx: 1 new, ${sessions - 1} updated sessions (box)`);
    await rm(join(out, '.convx/config.toml'));
  });
});

describe('messageForFiles', () => {
  const twin = (name: string) => `history/me/codex/box/app/.${name}.json`;
  it('counts sessions by their JSON twins under the history folder', () => {
    expect(
      messageForFiles(
        [
          { status: 'added', path: twin('a') },
          { status: 'added', path: 'history/me/codex/box/app/a.md' },
          { status: 'added', path: 'history/me/codex/box/app/a/agent-x.md' },
          { status: 'modified', path: twin('b') },
          { status: 'renamed', path: twin('c') },
          { status: 'deleted', path: twin('d') },
          { status: 'added', path: '.convx/config.toml' },
        ],
        'history',
        'box',
      ),
    ).toBe('convx: 1 new, 2 updated sessions, 1 excluded session removed (box)');
    expect(messageForFiles([{ status: 'modified', path: '.convx/config.toml' }], 'history')).toBe(
      'convx: update settings',
    );
    expect(messageForFiles([{ status: 'modified', path: 'history/x/a.md' }], 'history/')).toBe(
      'convx: update transcripts',
    );
    // A file named like a twin outside the history folder is not a session.
    expect(messageForFiles([{ status: 'added', path: 'other/.a.json' }], 'history')).toBe(
      'convx: update settings',
    );
  });
});

import { lstat, mkdir, mkdtemp, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { globby } from 'globby';
import { beforeEach, describe, expect, it } from 'vitest';
import { runSync, type SyncOptions } from '../src/index.js';
import { aliceBackup } from './support/sync-options.js';

// Nothing is written, renamed or deleted outside the output's history and state folders: not through a
// symbolic link committed to the history repository, whatever a path in a log or an option says.

let home: string;
let out: string;
let src: string;
/** A folder outside the output, holding something to keep. */
let elsewhere: string;

const project = 'history/alice/fake/laptop/code/app';
const header = (id: string, extra: Record<string, string>) =>
  JSON.stringify({ id, start: '2026-01-02T03:04:00Z', cwd: '/home/alice/code/app', ...extra });

async function source(id: string, text: string, extra: Record<string, string> = {}) {
  const lines = [header(id, extra), JSON.stringify({ role: 'user', text })];
  await writeFile(join(src, `${id}.jsonl`), `${lines.join('\n')}\n`);
}

const options = (overrides: Partial<SyncOptions> = {}) => aliceBackup(out, home, overrides);
const filesIn = async (dir: string) => (await globby('**/*', { cwd: dir, dot: true })).sort();

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'convx-home-'));
  out = await mkdtemp(join(tmpdir(), 'convx-out-'));
  elsewhere = await mkdtemp(join(tmpdir(), 'convx-elsewhere-'));
  src = join(home, '.fake');
  await mkdir(src, { recursive: true });
  await mkdir(join(elsewhere, 'tmp'));
  await writeFile(join(elsewhere, 'tmp', 'precious.txt'), 'keep me\n');
  await source('s1', 'Fix the login bug');
  await source('s2', 'Add dark mode', { title: 'Dark mode', cwd: '/home/alice/code/site' });
});

describe('a symbolic link in .convx/', () => {
  it.each([
    ['.convx/state', async () => symlink(elsewhere, join(out, '.convx', 'state'))],
    ['.convx', async () => symlink(elsewhere, join(out, '.convx'))],
    ['.convx/state/tmp', async () => symlink(join(elsewhere, 'tmp'), join(out, '.convx', 'state', 'tmp'))],
    [
      '.convx/state/index.jsonl',
      async () => symlink(join(elsewhere, 'tmp', 'precious.txt'), join(out, '.convx/state/index.jsonl')),
    ],
    [
      '.convx/config.toml',
      async () => symlink(join(elsewhere, 'tmp', 'precious.txt'), join(out, '.convx/config.toml')),
    ],
  ])('at %s stops the run, naming it, before anything is written or deleted', async (name, plant) => {
    await mkdir(join(out, '.convx', 'state'), { recursive: true });
    if (name === '.convx') await rm(join(out, '.convx'), { recursive: true });
    if (name === '.convx/state') await rm(join(out, '.convx', 'state'), { recursive: true });
    await plant();
    const before = await filesIn(elsewhere);
    for (const dryRun of [false, true]) {
      await expect(runSync(options({ dryRun }))).rejects.toMatchObject({
        code: 'OUTPUT_SYMLINK',
        message: expect.stringContaining(`${join(out, name)} is a symbolic link`),
      });
    }
    expect(await filesIn(elsewhere)).toEqual(before);
    expect(await readFile(join(elsewhere, 'tmp', 'precious.txt'), 'utf8')).toBe('keep me\n');
    expect(await globby('history/**', { cwd: out })).toEqual([]);
  });
});

describe('a symbolic link among the history folders', () => {
  it('fails the sessions below it, each naming the link, and exports the others', async () => {
    await mkdir(join(out, 'history/alice/fake/laptop/code'), { recursive: true });
    const link = join(out, 'history/alice/fake/laptop/code/app');
    await symlink(elsewhere, link);
    const report = await runSync(options());
    expect(report.totals).toMatchObject({ new: 1, failed: 1 });
    expect(report.failures).toEqual([
      expect.objectContaining({
        path: join(src, 's1.jsonl'),
        message: expect.stringContaining(`${link} is a symbolic link`),
      }),
    ]);
    expect(await filesIn(elsewhere)).toEqual(['tmp/precious.txt']);
    expect(await globby('history/**/*.md', { cwd: out })).toEqual([
      'history/alice/fake/laptop/code/site/2026-01-02-0304-dark-mode.md',
    ]);
    // Once the link is replaced by a folder, the next run exports the session.
    await rm(link);
    const next = await runSync(options());
    expect(next.totals).toMatchObject({ new: 1, unchanged: 1, failed: 0 });
  });

  it('is found even when the files through it already hold the same bytes', async () => {
    await runSync(options());
    // The folder is moved out and replaced by a link to it: the transcripts are now outside the output.
    await rename(join(out, project), join(elsewhere, 'app'));
    await symlink(join(elsewhere, 'app'), join(out, project));
    const report = await runSync(options({ force: true }));
    expect(report.failures.map((f) => f.message)).toEqual([
      expect.stringContaining(`${join(out, project)} is a symbolic link`),
    ]);
  });

  it('stops the run when it is the history folder itself, or a folder above it', async () => {
    await symlink(elsewhere, join(out, 'history'));
    await expect(runSync(options())).rejects.toMatchObject({
      code: 'OUTPUT_SYMLINK',
      message: expect.stringContaining(`${join(out, 'history')} is a symbolic link`),
    });
    await mkdir(join(out, 'archive'));
    await symlink(elsewhere, join(out, 'archive', 'ai'));
    await expect(runSync(options({ historySubpath: 'archive/ai/history' }))).rejects.toMatchObject({
      code: 'OUTPUT_SYMLINK',
      message: expect.stringContaining(`${join(out, 'archive', 'ai')} is a symbolic link`),
    });
    expect(await filesIn(elsewhere)).toEqual(['tmp/precious.txt']);
  });

  it('never deletes through a link: a session that moved, or was withdrawn', async () => {
    await runSync(options());
    // Both projects' folders are replaced by links to copies elsewhere, holding the same files.
    for (const name of ['app', 'site']) {
      const dir = join(out, 'history/alice/fake/laptop/code', name);
      await rename(dir, join(elsewhere, name));
      await symlink(join(elsewhere, name), dir);
    }
    await source('s1', 'Fix the login bug', { title: 'A new title' });
    await source('s2', 'Add dark mode', { title: 'Dark mode', cwd: '/home/alice/code/site', extra: 'x' });
    const report = await runSync(
      options({
        withdraw: { id: 'hide-s2', test: (s) => (s.sessionId === 's2' ? 'skip marker' : undefined) },
      }),
    );
    expect(report.failures).toHaveLength(2);
    for (const failure of report.failures) expect(failure.message).toMatch(/is a symbolic link/);
    expect((await filesIn(elsewhere)).sort()).toEqual(
      [
        'app/.2026-01-02-0304-fix-the-login-bug.json',
        'app/2026-01-02-0304-fix-the-login-bug.md',
        'site/.2026-01-02-0304-dark-mode.json',
        'site/2026-01-02-0304-dark-mode.md',
        'tmp/precious.txt',
      ].sort(),
    );
  });

  it('replaces a link at a transcript’s own name with the file, leaving what it pointed to alone', async () => {
    await runSync(options());
    const md = join(out, project, '2026-01-02-0304-fix-the-login-bug.md');
    const copy = join(elsewhere, 'copy.md');
    await rename(md, copy);
    await symlink(copy, md);
    await source('s1', 'Fix the login bug', { extra: 'changed' });
    const report = await runSync(options());
    expect(report.failures).toEqual([]);
    expect((await lstat(md)).isFile()).toBe(true);
    expect(await readFile(copy, 'utf8')).toBe(await readFile(md, 'utf8'));
    expect(await readdir(elsewhere)).toContain('copy.md');
  });
});

describe('the history subpath', () => {
  it.each([
    ['.convx/state/tmp', /is inside \.convx\//],
    ['.convx', /is inside \.convx\//],
    ['.Convx./x', /is inside \.convx\//],
    ['.git/convx', /is inside \.git\//],
    ['history/.git', /is inside \.git\//],
    ['../outside', /leaves the output folder/],
    ['history/../../outside', /leaves the output folder/],
    ['/tmp/history', /is absolute/],
    ['C:\\history', /is absolute/],
    ['./', /is empty/],
  ])('%s is refused before anything is written', async (historySubpath, message) => {
    await expect(runSync(options({ historySubpath }))).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      message: expect.stringMatching(message),
    });
    expect(await filesIn(out)).toEqual([]);
  });

  it('inside .convx/state/tmp would have lost every transcript on the second run; it is refused', async () => {
    await runSync(options());
    const transcripts = async () => (await globby('history/**/*.md', { cwd: out })).sort();
    const before = await transcripts();
    expect(before).toHaveLength(2);
    await expect(runSync(options({ historySubpath: '.convx/state/tmp' }))).rejects.toThrow(/\.convx/);
    expect(await transcripts()).toEqual(before);
  });
});

describe('folders from a path in a log', () => {
  it('a cwd of 45 folders of 100 characters is exported, under the path limits, the same way every run', async () => {
    const deep = Array.from({ length: 45 }, (_, i) => `folder-${i}-`.padEnd(100, 'x'));
    await source('s3', 'Deep work', { title: 'Deep', cwd: `/home/alice/${deep.join('/')}` });
    const report = await runSync(options());
    expect(report.failures).toEqual([]);
    expect(report.totals).toMatchObject({ new: 3, failed: 0 });
    const deepFiles = report.written.filter((f) => f.includes('deep'));
    expect(deepFiles).toHaveLength(2);
    for (const file of deepFiles) {
      expect(file).toMatch(/^history\/alice\/fake\/laptop\/folder-0-x+\/.*folder-44-x+-[0-9a-f]{12}\//);
      expect(Buffer.byteLength(file)).toBeLessThan(700);
      expect(Buffer.byteLength(join(out, file))).toBeLessThan(1024);
    }
    const again = await runSync(options({ force: true }));
    expect(again.totals).toMatchObject({ unchanged: 3, failed: 0 });
    expect(again.written).toEqual([]);
  });

  it('drops bidirectional and zero-width characters from folder names', async () => {
    await source('s3', 'Spoof', { title: 'Spoof', cwd: '/home/alice/code/\u202eppa\u202c\u200b-x\ufeff' });
    const report = await runSync(options());
    expect(report.failures).toEqual([]);
    expect(report.written).toContain('history/alice/fake/laptop/code/ppa-x/2026-01-02-0304-spoof.md');
  });
});

describe('a dry run', () => {
  it('reports a session below a link as failed, as a real run would, and makes no folder', async () => {
    await mkdir(join(out, 'history/alice/fake/laptop/code'), { recursive: true });
    const link = join(out, 'history/alice/fake/laptop/code/app');
    await symlink(elsewhere, link);
    const report = await runSync(options({ dryRun: true }));
    expect(report.totals).toMatchObject({ new: 1, failed: 1 });
    expect(report.failures[0]?.message).toContain(`${link} is a symbolic link`);
    expect(await readdir(join(out, 'history/alice/fake/laptop/code'))).toEqual(['app']);
    expect(await filesIn(elsewhere)).toEqual(['tmp/precious.txt']);
  });
});

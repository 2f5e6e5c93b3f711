import { createHash } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupArgs, makeWorkspace, runCli, snapshotContents, type Workspace } from '../test/support/cli.js';
import { fakeUuid, writeCodexSession } from '../test/support/codex-fixture.js';

// Hostile inputs against the rule "nothing is written, renamed or deleted outside the output's history and
// state folders": symbolic links planted wherever a committed repository can carry them, and cwds and titles
// that try to climb out or break the path limits. After every run, everything outside the output must be
// exactly as it was; once the links are gone, the output converges to a clean run's.

let ws: Workspace;
let outside: string;

/** Every entry below `dir`: path → content hash (files), link target (links) or `dir`. */
async function fingerprint(dir: string): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  for (const name of await readdir(dir, { recursive: true })) {
    const path = join(dir, name);
    const stats = await lstat(path);
    if (stats.isSymbolicLink()) map.set(name, `link ${await readlink(path)}`);
    else if (stats.isDirectory()) map.set(name, 'dir');
    else
      map.set(
        name,
        createHash('sha256')
          .update(await readFile(path))
          .digest('hex'),
      );
  }
  return map;
}

const hostileCwds = () => [
  join(ws.home, 'code/app'),
  `${ws.home}/../../../../${relative('/', outside)}`,
  '/home/x/../../../../../tmp/escape',
  'C:\\Users\\x\\..\\..\\..\\escape',
  join(ws.home, ...Array.from({ length: 45 }, (_, i) => `deep-${i}-`.padEnd(100, 'z'))),
  join(ws.home, 'code', '\u202Eppa\u202C\u200B', '..', '..', '..', 'up'),
  join(ws.home, 'code', '.git', 'hooks'),
  join(ws.home, 'code', '.convx', 'state'),
];

beforeAll(async () => {
  ws = await makeWorkspace({ copyFixtures: false });
  outside = join(ws.root, 'outside');
  await mkdir(join(outside, 'tmp'), { recursive: true });
  await writeFile(join(outside, 'tmp', 'precious.txt'), 'keep me\n');
  await writeFile(join(outside, 'file.md'), 'not a transcript\n');
  let n = 0;
  for (const cwd of hostileCwds()) {
    n++;
    await writeCodexSession(ws.home, {
      id: fakeUuid(n),
      startedAt: `2026-05-0${n}T08:00:00.000Z`,
      cwd,
      turns: [{ prompt: `../../../outside/${n} fix it`, answer: `Done ${n}.` }],
    });
  }
});
afterAll(() => ws.cleanup());

/** Where a link is planted, relative to the output, and what it points to. */
const plants: Array<[string, () => string]> = [
  ['.convx', () => outside],
  ['.convx/state', () => outside],
  ['.convx/state/tmp', () => join(outside, 'tmp')],
  ['.convx/state/index.jsonl', () => join(outside, 'file.md')],
  ['.convx/state/lock', () => join(outside, 'file.md')],
  ['.convx/state/cache.json', () => join(outside, 'file.md')],
  ['.convx/config.toml', () => join(outside, 'file.md')],
  ['history', () => outside],
  ['history/tester/codex', () => outside],
  ['history/tester/codex/box/code', () => outside],
  ['history/tester/codex/box/code/app', () => join(outside, 'tmp')],
];

describe('symbolic links planted in the output', () => {
  let clean: Map<string, string>;
  beforeAll(async () => {
    const result = await runCli(backupArgs(ws));
    expect(result.code, result.stderr).toBe(0);
    clean = await snapshotContents(ws.out);
    expect([...clean.keys()].every((path) => path.startsWith('history/') || path.startsWith('.convx/'))).toBe(
      true,
    );
  });

  it.each(plants)('at %s: nothing outside the output changes, and the output converges', async (at, to) => {
    const before = await fingerprint(outside);
    const link = join(ws.out, at);
    await rm(link, { recursive: true, force: true });
    await mkdir(join(link, '..'), { recursive: true });
    await symlink(to(), link);
    // A warm run with nothing to write looks at no folder (it costs a stat per session), so it may pass;
    // once anything is to be written, the link is refused (2) or fails its sessions (1), naming it.
    const plain = await runCli(backupArgs(ws));
    expect([0, 1, 2], plain.stderr).toContain(plain.code);
    for (const extra of [
      ['--force', '--jobs', '2'],
      ['--dry-run', '--force'],
    ]) {
      const result = await runCli(backupArgs(ws, ...extra));
      expect([1, 2], `${at} ${extra.join(' ')}: ${result.stderr}`).toContain(result.code);
      expect(`${result.stdout}${result.stderr}`).toContain(`${link} is a symbolic link`);
      expect(await fingerprint(outside)).toEqual(before);
    }
    await rm(link);
    // The files the planting removed come back (an unchanged session's missing files need --force).
    const after = await runCli(backupArgs(ws, '--force'));
    expect(after.code, after.stderr).toBe(0);
    expect(await snapshotContents(ws.out)).toEqual(clean);
  });
});

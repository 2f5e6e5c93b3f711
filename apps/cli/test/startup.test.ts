import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readIndex } from '@convx/core';
import { DEFAULT_PORT } from '@convx/explore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PORT as CLI_DEFAULT_PORT } from '../src/options/explore-table.js';
import { backupArgs, gitInit, makeWorkspace, runCli, type Workspace } from './support/cli.js';

// A warm backup or sync with nothing to export is start-up plus a stat per session: it must not load the code
// that only exporting, searching, exploring or reading a rare file format needs. Node's module hooks list what
// the built CLI loaded.
const RECORDER = `
import { registerHooks } from 'node:module';
import { writeFileSync } from 'node:fs';
const loaded = new Set();
registerHooks({
  resolve(specifier, context, next) {
    const resolved = next(specifier, context);
    loaded.add(resolved.url);
    return resolved;
  },
});
process.on('exit', () => writeFileSync(process.env.CONVX_TEST_MODULES, [...loaded].join('\\n')));
`;

/**
 * Node's HTTP stack, the explorers, search, yaml (read with a Copilot CLI workspace.yaml), jsonc-parser
 * (read with a multi-root window's `.code-workspace`) and the TOML parser (read with a config file; the
 * fixtures' outputs have none).
 */
const UNWANTED =
  /^node:(http|https|net|zlib)$|\/(explore|explore-tui|search)\/dist\/|\/node_modules\/\.pnpm\/(yaml|jsonc-parser|smol-toml)@/;

let ws: Workspace;
beforeAll(async () => {
  ws = await makeWorkspace();
  await writeFile(join(ws.root, 'recorder.mjs'), RECORDER);
  const first = await runCli(backupArgs(ws, '--json'));
  // 1: the fixtures hold an unreadable Cursor database (a counted failure).
  expect([0, 1], first.stderr).toContain(first.code);
});
afterAll(() => ws.cleanup());

async function loadedBy(
  args: string[],
  cwd?: string,
): Promise<{ modules: string[]; report: { totals: object } }> {
  const list = join(ws.root, 'modules.txt');
  const result = await runCli(args, {
    ...(cwd ? { cwd } : {}),
    env: {
      CONVX_NO_RELAUNCH: '1',
      CONVX_TEST_MODULES: list,
      NODE_OPTIONS: `--import ${join(ws.root, 'recorder.mjs')}`,
    },
  });
  expect([0, 1], result.stderr).toContain(result.code);
  return { modules: (await readFile(list, 'utf8')).split('\n'), report: JSON.parse(result.stdout) };
}

describe('start-up', () => {
  it('a warm backup loads no explorer, search, HTTP stack or source-format parser it does not use', async () => {
    const { modules, report } = await loadedBy(backupArgs(ws, '--json'));
    expect(report.totals).toMatchObject({ new: 0, updated: 0 });
    // Loading works at all (the adapters' modules are there)…
    expect(modules.some((url) => url.includes('adapter-codex'))).toBe(true);
    // …but nothing that only exporting, `convx search` or `convx explore` needs.
    const unwanted = modules.filter((url) => UNWANTED.test(url));
    expect(unwanted).toEqual([]);
  });

  it('a warm sync (a pre-commit hook) loads the adapters and nothing unwanted either', async () => {
    // A repository named like a fixture project: --match-name selects that project's sessions.
    const repo = join(ws.root, 'code', 'webapp');
    await gitInit(repo);
    const args = ['sync', '--json', '--match-name', '--home', ws.home, '--user', 'ana'];
    const first = await runCli(args, { cwd: repo });
    expect([0, 1], first.stderr).toContain(first.code);
    const { modules, report } = await loadedBy(args, repo);
    expect(report.totals).toMatchObject({ new: 0, updated: 0 });
    expect((report.totals as { unchanged: number }).unchanged).toBeGreaterThan(0);
    expect(modules.some((url) => url.includes('adapter-codex'))).toBe(true);
    expect(modules.filter((url) => UNWANTED.test(url))).toEqual([]);
  });

  it('still sees what changed: a session file’s title, the session index’s start times', async () => {
    const continueRun = async () =>
      (await loadedBy(backupArgs(ws, '--json', '--source-system', 'continue'))).report as {
        totals: object;
        written: string[];
      };
    const file = join(ws.home, '.continue/sessions/3b9f2c41-7d1e-4a8b-9c0d-2e5f6a7b8c9d.json');
    const session = JSON.parse(await readFile(file, 'utf8')) as { title: string };
    session.title = 'Parse invoice dates in every format';
    await writeFile(file, JSON.stringify(session));
    const edited = await continueRun();
    expect(edited.totals).toMatchObject({ new: 0, updated: 1, unchanged: 3 });
    expect(edited.written.some((path) => path.includes('every-format'))).toBe(true);

    const index = join(ws.home, '.continue/sessions/sessions.json');
    const entries = JSON.parse(await readFile(index, 'utf8')) as Array<{ dateCreated: string }>;
    for (const entry of entries) entry.dateCreated = String(Number(entry.dateCreated) + 86_400_000);
    await writeFile(index, JSON.stringify(entries));
    const reindexed = await continueRun();
    // Each listed session was read again (its exported start time comes from its own file here): the
    // index now records the new start time in each fingerprint.
    expect(reindexed.totals).toMatchObject({ new: 0, updated: 0, unchanged: 4 });
    const recorded = await readIndex(ws.out);
    const fingerprints = Object.values(recorded.sessions)
      .filter((entry) => entry.source === 'continue')
      .map((entry) => entry.fingerprint.split(':').at(-1));
    expect(fingerprints.sort()).toEqual(['', ...entries.map((entry) => entry.dateCreated)].sort());
    expect((await continueRun()).totals).toMatchObject({ new: 0, updated: 0, unchanged: 4 });
  });

  it('prints the explorer’s default port without loading it', () => {
    expect(CLI_DEFAULT_PORT).toBe(DEFAULT_PORT);
  });
});

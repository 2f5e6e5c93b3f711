import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git } from '../../src/git/run.js';
import { cleanupTemp, tempDir, tempRepo, writeFileIn } from '../git/temp-repo.js';
import { runCli } from '../support/cli.js';
import { type CodexSessionSpec, fakeUuid, writeCodexSession } from '../support/codex-fixture.js';
import { expectedBasename } from '../support/expected.js';
import { fixturesHome } from '../support/paths.js';

afterAll(cleanupTemp);

let home: string;
const specs: CodexSessionSpec[] = [];
const backup = (out: string, ...extra: string[]) =>
  runCli(['backup', '--output-path', out, '--home', home, '--source-system', 'codex', ...extra]);
const mdFiles = async (dir: string) =>
  existsSync(dir) ? (await readdir(dir)).filter((name) => name.endsWith('.md')).sort() : [];

beforeAll(async () => {
  home = await tempDir('convx-config-home-');
  const places = ['code/shop', 'code/shop/api', 'clients/acme/portal'];
  for (const [i, place] of places.entries()) {
    const spec = {
      id: fakeUuid(200 + i),
      startedAt: `2026-05-0${i + 1}T12:00:00.000Z`,
      cwd: join(home, place),
      turns: [{ prompt: `session in ${place}`, answer: 'ok' }],
    };
    specs.push(spec);
    await writeCodexSession(home, spec);
  }
});

describe('.convx/config.toml through the CLI', () => {
  it.each([
    ['[sync]\nrecursive = "yes"\n', 'sync.recursive must be a boolean (got "yes")'],
    ['[backup]\ncomit = true\n', 'unknown key backup.comit (did you mean backup.commit?)'],
    ['exclude = "**/tmp"\n', 'exclude must be a list of strings (got "**/tmp")'],
    ['[backup\nuser = "x"\n', '.convx/config.toml: line 1, column'],
    [
      'timezone = "Mars/Olympus"\n',
      'timezone must be a time zone: an IANA name such as "Europe/Berlin", an offset such as "+02:00", or "UTC" (got "Mars/Olympus")',
    ],
  ])('an invalid file stops backup and sync with exit 2, naming the key: %j', async (text, message) => {
    const out = await tempRepo();
    await writeFileIn(out, '.convx/config.toml', text);
    const result = await backup(out);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const sync = await runCli(['sync', '--home', home], { cwd: out });
    expect(sync.code).toBe(2);
    expect(sync.stderr).toContain(message);
    const config = await runCli(['config'], { cwd: out });
    expect(config.code).toBe(2);
    expect(existsSync(join(out, 'history'))).toBe(false);
  });

  it('convx config --output-path names a folder that does not exist instead of printing defaults', async () => {
    const missing = join(await tempDir(), 'ai-histroy');
    const result = await runCli(['config', '--output-path', missing]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`The output folder ${missing} does not exist`);
  });

  it('the file’s [backup] settings apply, and typed flags override them', async () => {
    const out = await tempRepo();
    await writeFileIn(
      out,
      '.convx/config.toml',
      '[backup]\nuser = "cfg-user"\nsystem_name = "cfg-box"\nhistory_subpath = "archive"\n',
    );
    const fromConfig = await backup(out);
    expect(fromConfig.code).toBe(0);
    expect(await mdFiles(join(out, 'archive/cfg-user/codex/cfg-box/code/shop'))).toEqual([
      `${expectedBasename(specs[0] as CodexSessionSpec)}.md`,
    ]);
    const fromFlags = await backup(out, '--user', 'flag-user', '--history-subpath', 'other');
    expect(fromFlags.code).toBe(0);
    expect(await mdFiles(join(out, 'other/flag-user/codex/cfg-box/code/shop'))).toHaveLength(1);

    const shown = await runCli(['config', '--output-path', out]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('user = "cfg-user"  # config');
    expect(shown.stdout).toContain('history_subpath = "archive"  # config');
    expect(shown.stdout).toContain('commit = false  # default');
  });

  it('[sync] recursive = false applies to sync, and --recursive overrides it', async () => {
    const repo = join(home, 'code/shop');
    await mkdir(repo, { recursive: true });
    await git(['init', '--quiet'], { cwd: repo });
    await writeFileIn(repo, '.convx/config.toml', '[sync]\nrecursive = false\n');
    const sync = async (...args: string[]) => {
      const result = await runCli(
        ['sync', '--home', home, '--user', 'ana', '--source-system', 'codex', '--dry-run', '--json', ...args],
        { cwd: repo },
      );
      expect(result.code).toBe(0);
      return (JSON.parse(result.stdout).wouldWrite as string[]).filter((path) => path.endsWith('.md'));
    };
    expect(await sync()).toEqual([
      `.ai/history/ana/codex/${expectedBasename(specs[0] as CodexSessionSpec)}.md`,
    ]);
    expect(await sync('--recursive')).toHaveLength(2);
    const shown = await runCli(['config'], { cwd: repo });
    expect(shown.stdout).toContain('recursive = false  # config');
    expect(shown.stdout).toContain('match_name = false  # default');
  });

  it('exclude in the config (with ~) and --exclude withdraw projects and remove their earlier files', async () => {
    const out = await tempRepo();
    const first = await backup(out, '--user', 'u', '--system-name', 'm', '--json');
    expect(JSON.parse(first.stdout).totals.new).toBe(3);
    const acme = join(out, 'history/u/codex/m/clients/acme/portal');
    expect(await mdFiles(acme)).toHaveLength(1);

    await writeFileIn(out, '.convx/config.toml', 'exclude = ["~/clients/*"]\n');
    const second = await backup(out, '--user', 'u', '--system-name', 'm');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Removed 2 old files of moved or excluded sessions.');
    expect(second.stdout).toContain('Skipped 1 session: 1 excluded; --verbose lists them.');
    const verbose = await backup(out, '--user', 'u', '--system-name', 'm', '--verbose');
    expect(verbose.stdout).toContain(`  excluded (1):\n    codex  ${join(home, '.codex')}`);
    expect(verbose.stdout).toMatch(
      /\.jsonl: its project .*clients\/acme\/portal is excluded \(~\/clients\/\*\)\n/,
    );
    expect(await mdFiles(acme)).toEqual([]);
    expect(existsSync(join(out, 'history/u/codex/m/clients'))).toBe(false);
    expect(await mdFiles(join(out, 'history/u/codex/m/code/shop'))).toHaveLength(1);

    const third = await backup(out, '--user', 'u', '--system-name', 'm', '--exclude', 'api', '--json');
    const report = JSON.parse(third.stdout);
    expect(report.removed.filter((path: string) => path.endsWith('.md'))).toEqual([
      `history/u/codex/m/code/shop/api/${expectedBasename(specs[1] as CodexSessionSpec)}.md`,
    ]);
    expect(await mdFiles(join(out, 'history/u/codex/m/code/shop'))).toHaveLength(1);
  });
});

describe('timezone in .convx/config.toml', () => {
  it('shows the times of sessions whose source recorded no offset in that zone; Codex sessions keep their own', async () => {
    const out = await tempRepo();
    await writeFileIn(out, '.convx/config.toml', 'timezone = "+02:00"\n');
    const result = await runCli([
      'backup',
      '--output-path',
      out,
      '--home',
      fixturesHome,
      '--source-system',
      'claude,codex',
      '--user',
      'ana',
      '--system-name',
      'box',
    ]);
    expect(result.code).toBe(0);
    const transcripts = async (source: string) => {
      const dir = join(out, 'history/ana', source, 'box');
      const files = (await readdir(dir, { recursive: true })).filter((f) => String(f).endsWith('.md'));
      return Promise.all(files.map((f) => readFile(join(dir, String(f)), 'utf8')));
    };
    const claude = await transcripts('claude');
    expect(claude.length).toBeGreaterThan(0);
    for (const text of claude) expect(text).toMatch(/`claude` · \d{4}-\d\d-\d\d \d\d:\d\d[^·]* UTC\+02:00 ·/);
    // The fixtures' Codex rollouts were named on a machine one hour ahead of UTC.
    expect((await transcripts('codex')).some((text) => / UTC\+01:00 ·/.test(text))).toBe(true);
    expect((await runCli(['config'], { cwd: out })).stdout).toContain('timezone = "+02:00"  # config');
  });
});

import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { indexPath, openIndex, type SearchHit } from '@convx/search';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSearch } from '../src/commands/search.js';
import { builtinSources } from '../src/sources.js';
import { makeWorkspace, runCli, type Workspace } from './support/cli.js';
import { fakeUuid, writeCodexSession } from './support/codex-fixture.js';

const HIT_KEYS = [
  'key',
  'source',
  'title',
  'project',
  'machine',
  'user',
  'startedAt',
  'endedAt',
  'path',
  'messageIndex',
  'snippet',
  'score',
];

describe('convx search', () => {
  let ws: Workspace;
  let home: string;
  const backup = () =>
    runCli([
      'backup',
      '--output-path',
      ws.out,
      '--home',
      home,
      '--user',
      'alice',
      '--system-name',
      'laptop',
      '--quiet',
    ]);
  const search = (...args: string[]) =>
    runCli(['search', '--output-path', ws.out, ...args], { cwd: ws.root });

  beforeAll(async () => {
    ws = await makeWorkspace({ copyFixtures: false });
    home = join(ws.root, 'home');
    await writeCodexSession(home, {
      id: fakeUuid(1),
      startedAt: '2026-02-01T09:00:00.000Z',
      cwd: join(home, 'code/shop'),
      turns: [
        {
          prompt: 'The checkout test is flaky on CI',
          answer: 'It races the payment webhook; I added a wait.',
        },
        { prompt: 'Now round the cart total to cents', answer: 'Rounded with Math.round.' },
      ],
    });
    await writeCodexSession(home, {
      id: fakeUuid(2),
      startedAt: '2026-02-03T09:00:00.000Z',
      cwd: join(home, 'code/blog'),
      turns: [{ prompt: 'Draft a post about <caching> & CDNs', answer: 'Drafted the checkout-free post.' }],
    });
    expect((await backup()).code).toBe(0);
  });
  afterAll(() => ws.cleanup());

  it('is not created by a backup; the first search builds it', async () => {
    expect(existsSync(indexPath(ws.out))).toBe(false);
    const result = await search('flaky', 'checkout');
    expect(result.code).toBe(0);
    expect(existsSync(indexPath(ws.out))).toBe(true);
  });

  it('prints the hits as JSON in the documented shape', async () => {
    const result = await search('--json', 'flaky', 'checkout');
    expect(result.code).toBe(0);
    const hits = JSON.parse(result.stdout) as SearchHit[];
    expect(hits).toHaveLength(1);
    const [hit] = hits;
    expect(Object.keys(hit ?? {})).toEqual(HIT_KEYS);
    expect(hit).toMatchObject({
      key: `codex:${fakeUuid(1)}`,
      source: 'codex',
      title: 'The checkout test is flaky on CI',
      project: join(home, 'code/shop'),
      machine: 'laptop',
      user: 'alice',
      startedAt: '2026-02-01T09:00:00.000Z',
      messageIndex: expect.any(Number),
      score: expect.any(Number),
    });
    expect(hit?.path).toMatch(
      /^history\/alice\/codex\/laptop\/code\/shop\/2026-02-01-0900-the-checkout-test-is-flaky-on-ci\.md$/,
    );
    expect(existsSync(join(ws.out, hit?.path ?? ''))).toBe(true);
    expect(hit?.snippet).toBe('The <mark>checkout</mark> test is <mark>flaky</mark> on CI');
    expect(JSON.parse((await search('--json', 'nothing-like-this-anywhere')).stdout)).toEqual([]);
  });

  it('prints one entry per session for a person: date, source, project, title, snippet, path from here', async () => {
    const result = await search('caching');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        '1 session',
        '',
        `2026-02-03 09:00  codex  ${join(home, 'code/blog')}`,
        '  Draft a post about <caching> & CDNs',
        '  Draft a post about <caching> & CDNs',
        `  ${join('out', 'history/alice/codex/laptop/code/blog/2026-02-03-0900-draft-a-post-about-caching-cdns.md')}`,
        '',
      ].join('\n'),
    );
  });

  it('colours the matches and links the path on a terminal that shows links', async () => {
    let stdout = '';
    const terminal = {
      write: (chunk: string) => {
        stdout += chunk;
      },
      isTTY: true,
    };
    const io = {
      stdout: terminal,
      stderr: { write: () => undefined, isTTY: false },
      env: { TERM: 'xterm-256color', TERM_PROGRAM: 'WezTerm' },
      cwd: ws.root,
      platform: process.platform,
    };
    await runSearch('caching', { outputPath: ws.out }, io);
    expect(stdout).toContain('\u001b[1m\u001b[33mcaching\u001b[39m\u001b[22m');
    const link = stdout.indexOf('\u001b]8;;file://');
    expect(link).toBeGreaterThan(0);
    expect(stdout.slice(link)).toMatch(/^.{5}file:\/\/\S*draft-a-post-about-caching-cdns\.md.{2}out\//);
    stdout = '';
    await runSearch(
      'caching',
      { outputPath: ws.out },
      { ...io, env: { ...io.env, NO_COLOR: '1', TERM_PROGRAM: 'Apple_Terminal' } },
    );
    expect(stdout).not.toContain('\u001b');
  });

  it('takes filters as options and in the query', async () => {
    const keys = async (...args: string[]) =>
      (JSON.parse((await search('--json', ...args)).stdout) as SearchHit[]).map((h) => h.key);
    expect(await keys('checkout')).toHaveLength(2);
    expect(await keys('checkout', '--project', 'blog')).toEqual([`codex:${fakeUuid(2)}`]);
    expect(await keys('checkout', '--since', '2026-02-02')).toEqual([`codex:${fakeUuid(2)}`]);
    expect(await keys('checkout', '--until', '2026-02-01')).toEqual([`codex:${fakeUuid(1)}`]);
    expect(await keys('checkout', '--source', 'claude')).toEqual([]);
    expect(await keys('checkout', '--limit', '1', '--sort', 'newest')).toEqual([`codex:${fakeUuid(2)}`]);
    expect(await keys('checkout before:2026-02-02')).toEqual([`codex:${fakeUuid(1)}`]);
    expect(await keys('--', 'checkout', '-flaky')).toEqual([`codex:${fakeUuid(2)}`]);
    expect(await keys('webhook role:assistant')).toEqual([`codex:${fakeUuid(1)}`]);
  });

  it('refuses a mistyped --source in one sentence with the closest name, like --source-system', async () => {
    const typo = await search('--source', 'codex,clade', 'checkout');
    expect(typo.code).toBe(2);
    expect(typo.stdout).toBe('');
    expect(typo.stderr).toBe(
      `convx: Unknown source system "clade" (did you mean claude?); valid ones are all, ${Object.keys(builtinSources).join(', ')}.\n`,
    );
    const two = await search('--source', 'Vim,codx', 'checkout');
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(
      /^convx: Unknown source systems "vim", "codx" \(did you mean codex\?\); valid ones are all, codex,/,
    );
    // Built-in names in any case, `all`, and spaces are fine.
    const fine = await search('--json', '--source', ' Codex , all', 'checkout');
    expect(fine.code).toBe(0);
    expect(JSON.parse(fine.stdout)).toHaveLength(2);
  });

  it('stops with the interruption when Ctrl-C comes during the index update', async () => {
    const io = {
      stdout: { write: () => undefined },
      stderr: { write: () => undefined },
      env: {},
      cwd: ws.root,
      platform: process.platform,
      signal: AbortSignal.abort(),
    };
    await expect(runSearch('flaky', { outputPath: ws.out }, io)).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('searches the repository it runs in without --output-path', async () => {
    const result = await runCli(['search', '--json', 'flaky'], { cwd: ws.out });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveLength(1);
  });

  it('says plainly what is wrong with a query or a flag (exit 2)', async () => {
    const cases: [string[], RegExp][] = [
      [['sorce:codex'], /Unknown filter "sorce:"; did you mean "source:"\?/],
      [['after:soon'], /"soon" is not a date for after:/],
      [['--limit', '0', 'x'], /--limit must be a whole number/],
      [['--sort', 'best', 'x'], /--sort must be relevance or newest/],
      [['--since', 'monday', 'x'], /"monday" is not a date/],
      [['checkout', '-flaky'], /put it after -- \(convx search -- flaky -skip\)/],
    ];
    for (const [args, message] of cases) {
      const result = await search(...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    const nowhere = await runCli(['search', 'x'], {
      cwd: ws.root,
      env: { XDG_CONFIG_HOME: join(ws.root, 'cfg') },
    });
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toMatch(/convx search needs a history to read/);
  });

  it('is brought up to date by the next backup, for the sessions it wrote', async () => {
    await writeCodexSession(home, {
      id: fakeUuid(3),
      startedAt: '2026-02-05T09:00:00.000Z',
      cwd: join(home, 'code/shop'),
      turns: [{ prompt: 'Add a coupon field to checkout', answer: 'Added.' }],
    });
    expect((await backup()).code).toBe(0);
    // Read without update(): only what the backup indexed.
    const index = await openIndex(ws.out);
    try {
      expect(index.search('coupon').hits.map((h) => h.key)).toEqual([`codex:${fakeUuid(3)}`]);
    } finally {
      index.close();
    }
  });

  it('warns but does not fail a backup whose index update fails', async () => {
    await rm(indexPath(ws.out), { force: true });
    await mkdir(indexPath(ws.out));
    await writeCodexSession(home, {
      id: fakeUuid(4),
      startedAt: '2026-02-06T09:00:00.000Z',
      cwd: join(home, 'code/shop'),
      turns: [{ prompt: 'Rename the basket module', answer: 'Renamed.' }],
    });
    const result = await runCli([
      'backup',
      '--output-path',
      ws.out,
      '--home',
      home,
      '--user',
      'alice',
      '--system-name',
      'laptop',
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /warning: the search index was not updated .*; convx search brings it up to date\./,
    );
    await rm(indexPath(ws.out), { recursive: true, force: true });
    const hits = JSON.parse((await search('--json', 'basket')).stdout) as SearchHit[];
    expect(hits.map((h) => h.key)).toEqual([`codex:${fakeUuid(4)}`]);
  });
});

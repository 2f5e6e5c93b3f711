import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Adapter } from '@convx/core';
import { cac } from 'cac';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFlags } from '../src/options/argv.js';
import { parseHistorySubpath } from '../src/options/history-subpath.js';
import { parseInputPaths } from '../src/options/input-paths.js';
import { selectSources } from '../src/options/source-system.js';
import { resolvePathFlag } from '../src/options/tilde.js';
import { aggregateStats } from '../src/stats/aggregate.js';
import { makeWorkspace, type Workspace } from './support/cli.js';

const adapter = (name: string) => ({ name }) as unknown as Adapter;
const registry = { codex: adapter('codex'), claude: adapter('claude'), cursor: adapter('cursor') };

describe('flag parsing', () => {
  const command = cac('convx')
    .command('backup')
    .option('--output-path <dir>', '')
    .option('--input-path <path>', '', { type: [String] })
    .option('--dry-run', '');

  it('keeps values as strings and collects repeated flags', () => {
    const { flags, positionals } = parseFlags(
      ['backup', '--output-path', '007', '--input-path', 'a', '--input-path=b', '--dry-run'],
      command.options,
      'convx backup',
    );
    expect(positionals).toEqual(['backup']);
    expect(flags).toEqual({ outputPath: '007', inputPath: ['a', 'b'], dryRun: true });
  });

  it('rejects unknown flags and switches given values', () => {
    expect(() => parseFlags(['--nope'], command.options, 'convx backup')).toThrow(
      'Unknown option --nope for convx backup; run convx backup --help to see the options.',
    );
    expect(() => parseFlags(['--dry-run=yes'], command.options, 'convx backup')).toThrow(
      '--dry-run is a switch and takes no value.',
    );
  });
});

describe('--source-system', () => {
  it('selects all by default and named ones in registry order', () => {
    expect(selectSources(undefined, registry)).toEqual(['codex', 'claude', 'cursor']);
    expect(selectSources(' Cursor, codex ', registry)).toEqual(['codex', 'cursor']);
    expect(() => selectSources('codex,vim,ed', registry)).toThrow(
      'Unknown source systems "vim", "ed"; valid ones are all, codex, claude, cursor.',
    );
  });
});

describe('--input-path', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await makeWorkspace({ copyFixtures: false });
    await mkdir(join(ws.root, 'a'));
    await mkdir(join(ws.root, 'notes=old'));
  });
  afterAll(() => ws.cleanup());

  it('assigns prefixed and unprefixed paths', async () => {
    const one = ['codex'];
    expect(await parseInputPaths(['a', 'codex=a'], one, registry, ws.root)).toEqual({
      codex: [join(ws.root, 'a')],
    });
    // An existing path with "=" in its name is a path, not a prefix.
    expect(await parseInputPaths(['notes=old'], one, registry, ws.root)).toEqual({
      codex: [join(ws.root, 'notes=old')],
    });
    const two = ['codex', 'claude'];
    expect(await parseInputPaths(['claude=a'], two, registry, ws.root)).toEqual({
      claude: [join(ws.root, 'a')],
    });
    await expect(parseInputPaths(['a'], two, registry, ws.root)).rejects.toThrow(/must say which source/);
    await expect(parseInputPaths(['cursor=a'], two, registry, ws.root)).rejects.toThrow(/does not select/);
  });
});

describe('--history-subpath', () => {
  it('normalizes relative folders and rejects escapes', () => {
    expect(parseHistorySubpath('./archive//ai/')).toBe('archive/ai');
    expect(() => parseHistorySubpath('a/../../b')).toThrow(/leaves the output/);
    expect(() => parseHistorySubpath('C:\\x')).toThrow(/absolute/);
    expect(() => parseHistorySubpath('.')).toThrow(/empty/);
    expect(() => parseHistorySubpath('.convx/state/tmp')).toThrow(/inside \.convx\//);
    expect(() => parseHistorySubpath('.git')).toThrow(/inside \.git\//);
  });
});

describe('stats aggregation', () => {
  it('counts sessions and messages per group with the date range', () => {
    const entry = (key: string, user: string, cwd: string | undefined, start: string, messages: number) => ({
      key,
      source: 'codex',
      sessionId: key,
      fingerprint: '',
      renderKey: '',
      outputs: [`history/${key}.md`],
      sourcePath: '',
      messageCount: messages,
      models: [],
      user,
      startedAt: start,
      exportedAt: start,
      ...(cwd ? { cwd } : {}),
    });
    const stats = aggregateStats('/out', {
      version: 2,
      sessions: {
        a: entry('a', 'ann', '/p/x', '2026-01-02T00:00:00Z', 4),
        b: entry('b', 'ann', undefined, '2026-01-01T00:00:00Z', 2),
        c: entry('c', 'ben', '/p/x', '2026-01-05T00:00:00Z', 10),
      },
    });
    expect(stats).toMatchObject({
      sessions: 3,
      messages: 16,
      first: '2026-01-01T00:00:00Z',
      last: '2026-01-05T00:00:00Z',
    });
    expect(stats.byProject).toEqual([
      {
        name: '/p/x',
        sessions: 2,
        messages: 14,
        first: '2026-01-02T00:00:00Z',
        last: '2026-01-05T00:00:00Z',
      },
      {
        name: '(unknown)',
        sessions: 1,
        messages: 2,
        first: '2026-01-01T00:00:00Z',
        last: '2026-01-01T00:00:00Z',
      },
    ]);
    expect(stats.bySystem).toEqual([
      {
        name: '(unknown)',
        sessions: 3,
        messages: 16,
        first: '2026-01-01T00:00:00Z',
        last: '2026-01-05T00:00:00Z',
      },
    ]);
  });
});

describe('path flags', () => {
  it('resolve against the working directory and expand a leading ~', () => {
    expect(resolvePathFlag('/work', 'out')).toBe('/work/out');
    expect(resolvePathFlag('/work', '/abs/out')).toBe('/abs/out');
    expect(resolvePathFlag('/work', '~/ai-history')).toBe(join(homedir(), 'ai-history'));
    expect(resolvePathFlag('/work', '~')).toBe(homedir());
    expect(resolvePathFlag('/work', '~other/x')).toBe('/work/~other/x');
  });
});

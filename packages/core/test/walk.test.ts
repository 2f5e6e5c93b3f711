import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAdapterContext, splitPath } from '../src/index.js';

let root: string;
const walked = async (
  options: Parameters<ReturnType<typeof createAdapterContext>['walk']>[1],
  from = root,
) => {
  const out: string[] = [];
  for await (const entry of createAdapterContext({ home: root }).walk(from, options)) {
    out.push(relative(root, entry.path));
    expect(entry.size).toBeGreaterThan(0);
    expect(entry.mtimeMs).toBeGreaterThan(0);
  }
  return out.sort();
};

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'convx-walk-'));
  const files = [
    'a.jsonl',
    'p1/s1.jsonl',
    'p1/s1/subagents/agent-1.jsonl',
    'p1/notes.txt',
    '.hidden/h.jsonl',
    'node_modules/pkg/x.jsonl',
    'deep/1/2/3/far.jsonl',
  ];
  for (const file of files) {
    await mkdir(join(root, file, '..'), { recursive: true });
    await writeFile(join(root, file), 'x');
  }
  await symlink(join(root, 'p1'), join(root, 'loop'));
  await symlink(join(root, 'a.jsonl'), join(root, 'linked.jsonl'));
});

describe('walk', () => {
  it('finds files matching the patterns, dot folders included, without following symlinked folders', async () => {
    expect(await walked({ patterns: ['**/*.jsonl'] })).toEqual([
      '.hidden/h.jsonl',
      'a.jsonl',
      'deep/1/2/3/far.jsonl',
      'linked.jsonl',
      'node_modules/pkg/x.jsonl',
      'p1/s1.jsonl',
      'p1/s1/subagents/agent-1.jsonl',
    ]);
  });

  it('skips ignored folders and bounds the depth as fast-glob counts it', async () => {
    expect(
      await walked({ patterns: ['**/*.jsonl'], ignore: ['**/node_modules/**', '**/.*/**'], deep: 2 }),
    ).toEqual(['a.jsonl', 'linked.jsonl', 'p1/s1.jsonl']);
    expect(await walked({ patterns: ['*/*.jsonl', '*/*/subagents/*.jsonl'] })).toEqual([
      '.hidden/h.jsonl',
      'p1/s1.jsonl',
      'p1/s1/subagents/agent-1.jsonl',
    ]);
  });

  it('lists a file statIf declines without a stat (size and mtime -1), and still reports it found', async () => {
    const entries: Array<[string, number, number]> = [];
    const asked: string[] = [];
    for await (const entry of createAdapterContext({ home: root }).walk(join(root, 'p1'), {
      patterns: ['**/*.jsonl'],
      statIf: (path) => {
        asked.push(relative(root, path));
        return !path.endsWith('s1.jsonl');
      },
    })) {
      entries.push([relative(root, entry.path), entry.size, entry.mtimeMs]);
    }
    expect(asked.sort()).toEqual(['p1/s1.jsonl', 'p1/s1/subagents/agent-1.jsonl']);
    expect(entries.sort()).toEqual([
      ['p1/s1.jsonl', -1, -1],
      ['p1/s1/subagents/agent-1.jsonl', 1, expect.any(Number)],
    ]);
  });

  it('answers an array in walk order (files by name, then subfolders), with the paths join gives', () => {
    const listing = createAdapterContext({ home: root }).walk(`${root}/`, { patterns: ['**/*.jsonl'] });
    expect(Array.isArray(listing)).toBe(true);
    expect(listing.map((entry) => entry.path)).toEqual(
      [
        'a.jsonl',
        'linked.jsonl',
        '.hidden/h.jsonl',
        'deep/1/2/3/far.jsonl',
        'node_modules/pkg/x.jsonl',
        'p1/s1.jsonl',
        'p1/s1/subagents/agent-1.jsonl',
      ].map((path) => join(root, path)),
    );
  });

  it('yields nothing for a missing root or a file given as the root', async () => {
    expect(await walked({ patterns: ['**'] }, join(root, 'missing'))).toEqual([]);
    expect(await walked({ patterns: ['**'] }, join(root, 'a.jsonl'))).toEqual([]);
  });
});

describe('splitPath', () => {
  it('splits a walked path into what dirname and basename answer', () => {
    const paths = createAdapterContext({ home: root })
      .walk(root, { patterns: ['**/*'] })
      .map((entry) => entry.path);
    expect(paths.length).toBeGreaterThan(5);
    for (const path of [...paths, join(root, 'a.jsonl'), join('/', 'x.json')]) {
      expect(splitPath(path)).toEqual({ dir: dirname(path), name: basename(path) });
    }
    expect(splitPath('plain.json')).toEqual({ dir: '.', name: 'plain.json' });
  });
});

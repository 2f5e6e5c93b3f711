import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '../..');
const packageDirs = ['packages', 'apps', 'examples'].flatMap((group) =>
  readdirSync(join(repo, group), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(repo, group, entry.name, 'package.json')))
    .map((entry) => `${group}/${entry.name}`),
);

describe('every package', () => {
  const license = readFileSync(join(repo, 'LICENSE'), 'utf8');

  it('the repository has an MIT LICENSE of the convx contributors', () => {
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} convx contributors\n/);
    expect(packageDirs.length).toBeGreaterThanOrEqual(11);
  });

  it.each(packageDirs)('%s has the same LICENSE and says MIT', (dir) => {
    expect(readFileSync(join(repo, dir, 'LICENSE'), 'utf8')).toBe(license);
    expect(JSON.parse(readFileSync(join(repo, dir, 'package.json'), 'utf8')).license).toBe('MIT');
  });
});

// docs/writing-an-adapter.md: every adapter package has the same files, so a reader who knows one knows them all.
const ADAPTER_LAYOUT = [
  'src/index.ts',
  'src/paths.ts',
  'src/discover.ts',
  'src/load.ts',
  'src/parse.ts',
  'src/types.ts',
  'test/conformance.test.ts',
  'test/export.test.ts',
];

describe('every adapter package', () => {
  const adapterDirs = packageDirs.filter((dir) => /\/adapter-/.test(dir));

  it('there are the built-in ones and the example', () => {
    expect(adapterDirs.length).toBeGreaterThanOrEqual(12);
    expect(adapterDirs).toContain('examples/adapter-aider');
  });

  it.each(adapterDirs)('%s has the one layout', (dir) => {
    expect(ADAPTER_LAYOUT.filter((file) => !existsSync(join(repo, dir, file)))).toEqual([]);
  });
});

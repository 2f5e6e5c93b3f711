import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveInside } from '../src/store/output.js';

describe('resolveInside (nothing is written outside the history folder)', () => {
  const history = resolve('/tmp/out/history');

  it('resolves a relative path inside the folder, normalizing it', () => {
    expect(resolveInside(history, 'codex/2026/a.md')).toBe(join(history, 'codex', '2026', 'a.md'));
    expect(resolveInside(history, 'codex/./x/../a.md')).toBe(join(history, 'codex', 'a.md'));
    expect(resolveInside(`${history}${sep}`, 'a.md')).toBe(join(history, 'a.md'));
  });

  it.each([
    ['a parent folder', '../escape.md'],
    ['a parent folder, deeper', 'codex/../../escape.md'],
    ['a sibling whose name starts like the folder', '../history-other/a.md'],
    ['the folder itself', '.'],
    ['the folder itself, by a detour', 'codex/..'],
    ['an absolute path', '/etc/passwd'],
  ])('refuses %s', (_, path) => {
    expect(() => resolveInside(history, path)).toThrow(/refusing/);
  });

  it('answers for whichever folder it is given (the resolved folder is cached per folder)', () => {
    const other = resolve('/tmp/elsewhere');
    expect(resolveInside(other, 'a.md')).toBe(join(other, 'a.md'));
    expect(resolveInside(history, 'a.md')).toBe(join(history, 'a.md'));
    expect(() => resolveInside(other, '../history/a.md')).toThrow(/refusing/);
  });
});

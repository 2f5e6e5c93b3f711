import { describe, expect, it } from 'vitest';
import { createExcludeRule, globToRegExp } from '../src/options/exclude.js';

const rule = (...globs: string[]) => {
  const created = createExcludeRule(
    globs.map((glob) => ({ glob, from: '--exclude' })),
    '/home/ana',
  );
  if (!created) throw new Error('no rule');
  return created;
};

describe('exclude globs', () => {
  it('compile * ? ** {a,b} and [..] like shells, ** spanning dot folders', () => {
    expect(globToRegExp('/a/*/c').test('/a/b/c')).toBe(true);
    expect(globToRegExp('/a/*/c').test('/a/b/x/c')).toBe(false);
    expect(globToRegExp('/a/**/c').test('/a/c')).toBe(true);
    expect(globToRegExp('/a/**/c').test('/a/.worktrees/x/c')).toBe(true);
    expect(globToRegExp('/a/{x,y}').test('/a/y')).toBe(true);
    expect(globToRegExp('/a/[xy]?').test('/a/x1')).toBe(true);
    expect(globToRegExp('/a/b.c').test('/a/bxc')).toBe(false);
  });

  it('match a project folder and everything below it; ~ is the run’s home; relative globs match at any depth', () => {
    const r = rule('~/clients/*', 'scratch', '/srv/**/secret-*');
    expect(r.match('/home/ana/clients/acme')).toBe('~/clients/*');
    expect(r.match('/home/ana/clients/acme/src/deep')).toBe('~/clients/*');
    expect(r.match('/home/ana/clients')).toBeUndefined();
    expect(r.match('/home/ana/code/app/scratch/x')).toBe('scratch');
    expect(r.match('/home/ana/code/scratchpad')).toBeUndefined();
    expect(r.match('/srv/a/b/secret-x/y')).toBe('/srv/**/secret-*');
    expect(r.match(undefined)).toBeUndefined();
    expect(r.match('/home/ana/code/app')).toBeUndefined();
  });

  it('compare Windows paths with / and without case; trailing /** changes nothing', () => {
    const r = rule('C:/Users/Ana/Work/**');
    expect(r.match('c:\\users\\ana\\work\\client')).toBe('C:/Users/Ana/Work/**');
    expect(r.match('C:\\Users\\Ana\\Work')).toBe('C:/Users/Ana/Work/**');
    expect(r.match('C:\\Users\\Ana\\Play')).toBeUndefined();
  });

  it('has a stable id that changes with the globs, and no rule without globs', () => {
    expect(rule('a').id).toBe(rule('a').id);
    expect(rule('a').id).not.toBe(rule('b').id);
    expect(createExcludeRule([], '/h')).toBeUndefined();
    expect(() => rule('/a/{x,y')).toThrow(/--exclude: exclude glob "\/a\/\{x,y" is invalid/);
  });
});

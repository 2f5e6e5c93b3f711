import { describe, expect, it } from 'vitest';
import { parseQuery, QueryError } from '../src/index.js';

describe('parseQuery', () => {
  it('reads words, phrases, exclusions, OR, prefixes and filters', () => {
    expect(
      parseQuery(
        'flaky "login test" -skip a OR b pars* source:claude,codex project:"my app" after:2026-01-01',
      ),
    ).toEqual({
      clauses: [
        { anyOf: [{ type: 'word', text: 'flaky' }], negated: false },
        { anyOf: [{ type: 'phrase', text: 'login test' }], negated: false },
        { anyOf: [{ type: 'word', text: 'skip' }], negated: true },
        {
          anyOf: [
            { type: 'word', text: 'a' },
            { type: 'word', text: 'b' },
          ],
          negated: false,
        },
        { anyOf: [{ type: 'prefix', text: 'pars' }], negated: false },
      ],
      filters: { source: ['claude', 'codex'], project: 'my app', since: '2026-01-01' },
      terms: ['flaky', 'login test', 'a', 'b', 'pars'],
    });
  });

  it('keeps text that merely contains a colon', () => {
    for (const text of ['localhost:3000', 'TODO:', 'std::vector', 'http://example.com', 'a:b:c']) {
      expect(parseQuery(text).clauses).toEqual([{ anyOf: [{ type: 'word', text }], negated: false }]);
    }
  });

  it('reads aliases and repeated filters', () => {
    expect(
      parseQuery('since:2026-01-01 until:2026-02-01 before:2026-03-01 tool:Bash tool:Edit role:USER').filters,
    ).toEqual({
      since: '2026-01-01',
      until: '2026-03-01',
      tool: ['Bash', 'Edit'],
      role: 'user',
    });
  });

  it('treats a lone OR, dash or star as nothing to break on', () => {
    expect(parseQuery('OR a').clauses).toHaveLength(1);
    expect(parseQuery('a OR').clauses).toHaveLength(1);
    expect(parseQuery('- -- * "').clauses.every((c) => !c.negated || c.anyOf.length > 0)).toBe(true);
    expect(parseQuery('--no-color').clauses).toEqual([
      { anyOf: [{ type: 'word', text: '--no-color' }], negated: false },
    ]);
    expect(parseQuery('-a OR b').clauses).toEqual([
      { anyOf: [{ type: 'word', text: 'a' }], negated: true },
      { anyOf: [{ type: 'word', text: 'b' }], negated: false },
    ]);
  });

  it('rejects a misspelt or borrowed filter name, naming it', () => {
    expect(() => parseQuery('sorce:claude')).toThrow(QueryError);
    expect(() => parseQuery('brnch:main')).toThrow('Unknown filter "brnch:"; did you mean "branch:"?');
    expect(() => parseQuery('agent:claude')).toThrow('did you mean "source:"?');
  });
});

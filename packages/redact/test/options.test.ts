import { ConvxError } from '@convx/core';
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../src/index.js';
import { fakeChars } from '../src/rules/fake.js';

const ghToken = `ghp_${fakeChars(36, undefined, 41)}`;

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('user rules', () => {
  it('redact with their id, whole match or the named secret group', () => {
    const redactor = createRedactor({
      rules: [
        { id: 'acme-internal-token', description: 'ACME service tokens', pattern: 'acme_tok_[a-z0-9]{16}' },
        { id: 'employee-id', pattern: 'employee #(?<secret>\\d{6})', flags: 'i' },
      ],
    });
    expect(redactor.redactText('use acme_tok_0123456789abcdef, then Employee #204311 signs').text).toBe(
      'use [REDACTED:acme-internal-token], then Employee #[REDACTED:employee-id] signs',
    );
    expect(redactor.ruleIds).toContain('acme-internal-token');
  });

  it('reject an invalid regex with INVALID_OPTION naming the rule and the pattern', () => {
    const error = catchError(() => createRedactor({ rules: [{ id: 'broken', pattern: 'token_([a-z' }] }));
    expect(error).toBeInstanceOf(ConvxError);
    expect((error as ConvxError).code).toBe('INVALID_OPTION');
    expect((error as ConvxError).message).toContain('"broken"');
    expect((error as ConvxError).message).toContain('/token_([a-z/');
  });

  it('reject invalid flags, empty-matching patterns, bad and duplicate ids', () => {
    const code = (fn: () => unknown) => (catchError(fn) as ConvxError).code;
    expect(code(() => createRedactor({ rules: [{ id: 'f', pattern: 'x', flags: 'q' }] }))).toBe(
      'INVALID_OPTION',
    );
    expect(code(() => createRedactor({ rules: [{ id: 'empty', pattern: 'a*' }] }))).toBe('INVALID_OPTION');
    expect(code(() => createRedactor({ rules: [{ id: 'has space', pattern: 'x' }] }))).toBe('INVALID_OPTION');
    expect(code(() => createRedactor({ rules: [{ id: 'jwt', pattern: 'x' }] }))).toBe('INVALID_OPTION');
    expect(
      code(() =>
        createRedactor({
          rules: [
            { id: 'a', pattern: 'x' },
            { id: 'a', pattern: 'y' },
          ],
        }),
      ),
    ).toBe('INVALID_OPTION');
  });
});

describe('allow list', () => {
  it('keeps literal secrets and whole matches', () => {
    const redactor = createRedactor({ allow: [ghToken, 'postgres://app:devpass1@localhost'] });
    expect(redactor.redactText(`GH_TOKEN=${ghToken}`).text).toBe(`GH_TOKEN=${ghToken}`);
    expect(redactor.redactText('postgres://app:devpass1@localhost').findings).toEqual([]);
    expect(redactor.redactText('see postgres://app:devpass1@localhost:5432/x').findings).toEqual([]);
    // The same password against another host is not covered by the allowed literal.
    expect(redactor.redactText('postgres://app:devpass1@db.prod').text).toBe(
      'postgres://app:[REDACTED:url-password]@db.prod',
    );
  });

  it('keeps what a /regex/ entry matches and still redacts the rest', () => {
    const redactor = createRedactor({ allow: ['/EXAMPLE$/'] });
    const example = 'AKIAIOSFODNN7EXAMPLE';
    const real = `AKIA${fakeChars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 42)}`;
    expect(redactor.redactText(`${example} ${real}`).text).toBe(`${example} [REDACTED:aws-access-key-id]`);
  });

  it('rejects an invalid /regex/ entry', () => {
    const error = catchError(() => createRedactor({ allow: ['/([/'] }));
    expect((error as ConvxError).code).toBe('INVALID_OPTION');
    expect((error as ConvxError).message).toContain('/([/');
  });
});

describe('disable', () => {
  it('turns built-in rules off by id and rejects unknown ids', () => {
    const redactor = createRedactor({ disable: ['github-token'] });
    expect(redactor.redactText(`GH=${ghToken}`).findings).toEqual([]);
    expect(redactor.ruleIds).not.toContain('github-token');
    const error = catchError(() => createRedactor({ disable: ['no-such-rule'] }));
    expect((error as ConvxError).code).toBe('INVALID_OPTION');
    expect((error as ConvxError).message).toContain('no-such-rule');
  });
});

describe('sanitize keywords', () => {
  it('replaces whole words and phrases case-insensitively', () => {
    const redactor = createRedactor({ sanitizeKeywords: ['ProjectFalcon', 'Jane Doe', 'globex'] });
    expect(
      redactor.redactText(
        'projectfalcon ships Friday; ask JANE  DOE at Globex, not globexcorp or ProjectFalcons',
      ).text,
    ).toBe(
      '[REDACTED:keyword] ships Friday; ask [REDACTED:keyword] at [REDACTED:keyword], not globexcorp or ProjectFalcons',
    );
  });

  it('handles non-ASCII words', () => {
    const redactor = createRedactor({ sanitizeKeywords: ['Müller'] });
    expect(redactor.redactText('Herr MÜLLER und müller, nicht Müllerstraße').text).toBe(
      'Herr [REDACTED:keyword] und [REDACTED:keyword], nicht Müllerstraße',
    );
  });
});

describe('redactor id', () => {
  it('is stable for equal options and changes when any option changes', () => {
    const base = createRedactor().id;
    expect(createRedactor().id).toBe(base);
    expect(createRedactor({}).id).toBe(base);
    const variants = [
      createRedactor({ disable: ['jwt'] }).id,
      createRedactor({ allow: ['x'] }).id,
      createRedactor({ sanitizeKeywords: ['falcon'] }).id,
      createRedactor({ rules: [{ id: 'r', pattern: 'abc' }] }).id,
      createRedactor({ rules: [{ id: 'r', pattern: 'abd' }] }).id,
    ];
    expect(new Set([base, ...variants]).size).toBe(6);
    expect(base).toMatch(/^redact-[0-9a-f]{16}$/);
    expect(createRedactor({ disable: ['jwt', 'npm-token'] }).id).toBe(
      createRedactor({ disable: ['npm-token', 'jwt'] }).id,
    );
  });
});

describe('scanText', () => {
  it('reports 1-based line and column of each finding', () => {
    const redactor = createRedactor();
    const text = `first line\n  GH=${ghToken}\nthird\nurl: https://u:${fakeChars(12, undefined, 43)}@h.example`;
    expect(redactor.scanText(text).map((f) => [f.ruleId, f.line, f.column])).toEqual([
      ['github-token', 2, 6],
      ['url-password', 4, 16],
    ]);
  });
});

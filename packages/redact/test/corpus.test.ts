import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../src/index.js';

const corpusDir = join(import.meta.dirname, 'corpus');
const files = readdirSync(corpusDir).filter((name) => name.endsWith('.md'));

describe('false-positive corpus (prose, code in many languages, logs, paths, hashes, UUIDs, URLs)', () => {
  const redactor = createRedactor();

  it('has a few hundred lines to check', () => {
    const lines = files.reduce((n, f) => n + readFileSync(join(corpusDir, f), 'utf8').split('\n').length, 0);
    expect(lines).toBeGreaterThan(500);
  });

  it.each(files)('%s passes through unchanged', (file) => {
    const text = readFileSync(join(corpusDir, file), 'utf8');
    const located = redactor.scanText(text).map((f) => `${f.ruleId} at ${f.line}:${f.column}`);
    expect(located).toEqual([]);
    expect(redactor.redactText(text).text).toBe(text);
  });

  it('still finds a secret planted in the middle of the corpus', () => {
    const text = readFileSync(join(corpusDir, files[0] ?? ''), 'utf8').split('\n');
    text.splice(100, 0, `export GITLAB_TOKEN=glpat-${'Zq3'.repeat(7)}`);
    const found = redactor.scanText(text.join('\n'));
    expect(found.map((f) => [f.ruleId, f.line, f.column])).toEqual([['gitlab-token', 101, 21]]);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileBuiltin } from '../src/compile.js';
import { Detector } from '../src/detect.js';
import { builtinRules, createRedactor } from '../src/index.js';
import { type KeywordScan, keywordScanner } from '../src/keyword-scan.js';
import { fakeChars } from '../src/rules/fake.js';
import { random } from './support/random.js';

/** Every occurrence the slow way: each keyword at each position, ASCII case folding only. */
function naiveScan(keywords: string[], text: string): string[] {
  const fold = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const folded = fold(text);
  const out: string[] = [];
  keywords.forEach((keyword, index) => {
    for (let at = folded.indexOf(keyword); at !== -1; at = folded.indexOf(keyword, at + 1)) {
      out.push(`${index}@${at}`);
    }
  });
  return out.sort();
}

function scanned(scan: KeywordScan, text: string): string[] {
  const hits = scan(text) ?? [];
  const out: string[] = [];
  for (let h = 0; h < hits.length; h += 2) out.push(`${hits[h]}@${hits[h + 1]}`);
  return out.sort();
}

const corpusDir = join(import.meta.dirname, 'corpus');
const corpusTexts = readdirSync(corpusDir)
  .filter((name) => name.endsWith('.md'))
  .flatMap((name) => readFileSync(join(corpusDir, name), 'utf8').split(/\n(?=## )/));

describe('keywordScanner', () => {
  const keywords = ['token', 'tok', 'ken', 'sharedaccesskey=', 'accesskey', 'q~', 'xox', 'a', '://'];
  const scan = keywordScanner(keywords);

  it('reports every occurrence, overlapping and case-folded, with its start', () => {
    expect(scanned(scan, 'MyToken SharedAccessKey=x; tokenxoxb://q~')).toEqual(
      naiveScan(keywords, 'MyToken SharedAccessKey=x; tokenxoxb://q~'),
    );
    expect(scan('nothing here but b, c, d')).toBeNull();
    expect(scan('')).toBeNull();
  });

  it('folds only ASCII letters, like a non-Unicode /i regex', () => {
    // U+212A KELVIN SIGN lower-cases to "k" but must not match it; neither may ſ (long s) match "s".
    expect(scan('to\u212Aen')).toBeNull();
    expect(/token/i.test('to\u212Aen')).toBe(false);
    expect(scanned(keywordScanner(['secret']), 'ſecret SECRET')).toEqual(['0@7']);
  });

  it('agrees with a naive scan on random text over the keywords’ alphabet', () => {
    const next = random(42);
    const alphabet = 'tokenTOKENsharedacsy=Q~qxX:/ Ké-\u212A';
    for (let round = 0; round < 2000; round++) {
      let text = '';
      const length = Math.floor(next() * 60);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
      expect(scanned(scan, text), text).toEqual(naiveScan(keywords, text));
    }
  });

  it('refuses keywords it cannot fold correctly', () => {
    expect(() => keywordScanner(['clé'])).toThrow(/printable ASCII/);
    expect(() => keywordScanner([''])).toThrow(/printable ASCII/);
  });
});

describe('rules that start at their keyword', () => {
  const anchored = builtinRules.filter((rule) => rule.startsAtKeyword);
  const compiled = builtinRules.map(compileBuiltin);
  const fast = new Detector(compiled, undefined);
  // The same rules scanned the plain way: each triggered rule's global regex over the whole string.
  const plain = new Detector(
    compiled.map((rule) => ({ ...rule, startsAtKeyword: false })),
    undefined,
  );

  it('are the slow ones worth anchoring, and each lists the spellings its pattern accepts', () => {
    expect(anchored.map((rule) => rule.id).sort()).toEqual([
      'basic-auth-header',
      'bearer-token',
      'generic-secret',
      'twilio-api-key',
    ]);
  });

  it('find exactly what a scan of the whole string finds', () => {
    const next = random(7);
    const keys = [
      'SK',
      'password',
      'PASSWD',
      'secret',
      'token',
      'api-key',
      'access-key',
      'AuthKey',
      'private-key',
    ];
    const texts = [
      ...corpusTexts,
      ...builtinRules.flatMap((rule) => [rule.examples.positive, rule.examples.negative]),
    ];
    for (let i = 0; i < 500; i++) {
      const key = keys[i % keys.length] as string;
      const value = fakeChars(8 + (i % 30), undefined, i);
      const glue = ['=', ': ', ' := ', '="', "='", '=>'][Math.floor(next() * 6)] as string;
      const quote = glue.endsWith('"') ? '"' : glue.endsWith("'") ? "'" : '';
      // Half start with another trigger word, so the rule runs even where the key itself were no keyword.
      texts.push(
        `${i % 2 ? 'a token, then ' : ''}${'x'.repeat(i % 7)}MY_${key}${key}${glue}${value}${quote} and Bearer ${value}${value} trailing`,
      );
    }
    let findings = 0;
    for (const text of texts) {
      const expected = plain.detect(text);
      expect(fast.detect(text), text).toEqual(expected);
      findings += expected.length;
    }
    expect(findings).toBeGreaterThan(400);
  });

  it('catch an assignment key spelled with a dash or run together', () => {
    const redactor = createRedactor();
    const secret = fakeChars(32, undefined, 5);
    for (const key of ['auth-key', 'authkey', 'private-key', 'privatekey', 'access-key']) {
      expect(redactor.redactText(`tailscale up --${key}=${secret}`).text).toBe(
        `tailscale up --${key}=[REDACTED:generic-secret]`,
      );
    }
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CompiledRule, compileAllow, compileBuiltin, compileSanitizeKeywords } from '../src/compile.js';
import { Detector } from '../src/detect.js';
import { builtinRules } from '../src/index.js';
import { keywordScanner } from '../src/keyword-scan.js';
import { fakeChars } from '../src/rules/fake.js';
import { planted } from './support/planted.js';
import { random } from './support/random.js';

// The detector's fast path (one keyword scan, then only the triggered rules, anchored ones only where their
// keyword starts) must find exactly what the brute-force path finds: every rule's regex over every string.

const rules: CompiledRule[] = [
  ...builtinRules.map(compileBuiltin),
  compileSanitizeKeywords(['Project Falcon', 'acme']) as CompiledRule,
];
const allow = compileAllow(['AKIAIOSFODNN7EXAMPLE', '/^test_/']);
const fast = new Detector(rules, allow);
/** No trigger keywords: every rule's global regex runs over the whole string. */
const bruteForce = new Detector(
  rules.map((rule) => ({ ...rule, keywords: [], startsAtKeyword: false })),
  allow,
);

const corpusDir = join(import.meta.dirname, 'corpus');
const corpusTexts = readdirSync(corpusDir)
  .filter((name) => name.endsWith('.md'))
  .map((name) => readFileSync(join(corpusDir, name), 'utf8'));

/** Secrets in context: every rule's examples and every planted family. */
const samples = [
  ...builtinRules.flatMap((rule) => [rule.examples.positive, rule.examples.negative]),
  ...planted.map((p) => p.context),
];
const keywords = [...new Set(builtinRules.flatMap((rule) => rule.keywords))];

/** Text that is no plain ASCII: accents, CJK, an emoji (a surrogate pair), the Kelvin sign, a zero-width space. */
const UNICODE = ['é', '中文', '😀', '\u212A', '\u200B', 'ſ', 'İ'];

function flipCase(text: string, next: () => number): string {
  let out = '';
  for (const ch of text)
    out += next() < 0.3 ? (ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase()) : ch;
  return out;
}

function expectSame(text: string): number {
  const expected = bruteForce.detect(text);
  expect(fast.detect(text), JSON.stringify(text.length > 300 ? `${text.slice(0, 300)}…` : text)).toEqual(
    expected,
  );
  return expected.length;
}

describe('the fast path finds what the brute-force path finds', () => {
  it('on every sample alone, at the very start and end of a string, and glued to its neighbours', () => {
    let found = 0;
    for (const sample of samples) {
      found += expectSame(sample);
      for (const other of samples.slice(0, 12)) found += expectSame(`${sample}${other}`);
      found += expectSame(`x${sample}`) + expectSame(`${sample}x`) + expectSame(`"${sample}"`);
    }
    expect(found).toBeGreaterThan(samples.length);
  });

  it('with random case changes and unicode around and inside', () => {
    const next = random(11);
    let found = 0;
    for (let round = 0; round < 1500; round++) {
      let text = samples[Math.floor(next() * samples.length)] as string;
      if (round % 2) text = flipCase(text, next);
      const at = Math.floor(next() * (text.length + 1));
      const unicode = UNICODE[round % UNICODE.length] as string;
      text = round % 3 ? `${unicode}${text}${unicode}` : `${text.slice(0, at)}${unicode}${text.slice(at)}`;
      found += expectSame(text);
    }
    expect(found).toBeGreaterThan(500);
  });

  it('on random text made of keywords, their pieces, secrets’ alphabets and punctuation', () => {
    const next = random(23);
    const pieces = [
      ...keywords,
      ...keywords.map((k) => k.slice(0, Math.ceil(k.length / 2))),
      ...keywords.map((k) => k.toUpperCase()),
      ...UNICODE,
      '=',
      ': ',
      '"',
      "'",
      ' ',
      '\n',
      '\\n',
      '.',
      '-',
      '_',
      '@',
      '://',
      fakeChars(8, undefined, 1),
      fakeChars(40, undefined, 2),
      fakeChars(64, '0123456789abcdef', 3),
    ];
    for (let round = 0; round < 3000; round++) {
      let text = '';
      const count = Math.floor(next() * 12);
      for (let i = 0; i < count; i++) text += pieces[Math.floor(next() * pieces.length)];
      expectSame(text);
    }
  });

  it('on very long strings: the corpus with secrets planted at random places, the first and last at the ends', () => {
    const next = random(5);
    const base = corpusTexts.join('\n').repeat(3);
    let found = 0;
    for (let round = 0; round < 6; round++) {
      let text = base;
      for (let i = 0; i < 20; i++) {
        const at = Math.floor(next() * text.length);
        text = `${text.slice(0, at)} ${samples[Math.floor(next() * samples.length)]} ${text.slice(at)}`;
      }
      const first = samples[round] as string;
      const last = samples[samples.length - 1 - round] as string;
      found += expectSame(`${first}${text}${last}`);
    }
    expect(found).toBeGreaterThan(60);
  });
});

describe('the keyword scan with every built-in keyword', () => {
  /** Every occurrence the slow way: each keyword at each position, ASCII case folding only. */
  function naive(text: string): string[] {
    const folded = text.replace(/[A-Z]/g, (c) => c.toLowerCase());
    const out: string[] = [];
    keywords.forEach((keyword, index) => {
      const key = keyword.toLowerCase();
      for (let at = folded.indexOf(key); at !== -1; at = folded.indexOf(key, at + 1))
        out.push(`${index}@${at}`);
    });
    return out.sort();
  }
  const scan = keywordScanner(keywords);

  it('agrees with a naive search on samples, case changes, unicode and long strings', () => {
    const next = random(99);
    const texts = [
      ...samples,
      ...samples.map((s) => flipCase(s, next)),
      samples.join(UNICODE.join('')),
      corpusTexts.join('\n'),
      keywords.join(''),
      keywords.join('').toUpperCase(),
    ];
    let hits = 0;
    for (const text of texts) {
      const found = scan(text) ?? [];
      const got: string[] = [];
      for (let h = 0; h < found.length; h += 2) got.push(`${found[h]}@${found[h + 1]}`);
      expect(got.sort()).toEqual(naive(text));
      hits += got.length;
    }
    expect(hits).toBeGreaterThan(1000);
  });
});

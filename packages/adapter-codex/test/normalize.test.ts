import { describe, expect, it } from 'vitest';
import { normalize } from '../src/parse-turns.js';

describe('normalize (the key an echoed prompt is matched by)', () => {
  it('collapses whitespace runs and trims, and returns text already normal unchanged', () => {
    const samples = [
      '',
      ' ',
      'a',
      'a b',
      ' a',
      'a ',
      'a  b',
      'a\tb',
      'a\nb',
      'a\u00a0b',
      'a\u3000b',
      '\n',
      'a b c',
    ];
    for (const a of samples)
      for (const b of samples) {
        const text = `${a}${b}`;
        expect(normalize(text)).toBe(text.replace(/\s+/g, ' ').trim());
      }
    const normal = 'already normal text';
    expect(normalize(normal)).toBe(normal);
  });
});

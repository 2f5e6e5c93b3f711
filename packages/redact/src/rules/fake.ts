// Builds realistic-looking fake credentials at runtime, so this repository never contains a literal token
// that a secret scanner (GitHub push protection, gitleaks) would flag.

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A deterministic pseudo-random string of `length` characters from `alphabet`. */
export function fakeChars(length: number, alphabet: string = ALNUM, seed = length): string {
  let state = (seed * 2654435761) >>> 0 || 1;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out += alphabet[(state >>> 8) % alphabet.length];
  }
  return out;
}

export const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const HEX = '0123456789abcdef';
export const BASE64 = `${ALNUM}+/`;
export const BASE64URL = `${ALNUM}_-`;
export const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

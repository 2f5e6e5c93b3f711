import type { RedactionRule } from '../types.js';
import { BASE64, BASE64URL, fakeChars, HEX } from './fake.js';

/** A fake PEM body: 64-character base64 lines, joined with `newline` (a real or an escaped `\n`). */
export function fakePemBlock(label: string, newline: string, lines = 6): string {
  const body = Array.from({ length: lines }, (_, i) => fakeChars(64, BASE64, 11 + i));
  return [
    `-----BEGIN ${label}-----`,
    ...body,
    `${fakeChars(20, BASE64, 99)}==`,
    `-----END ${label}-----`,
  ].join(newline);
}

// The END line is searched up to this far; without one (a truncated paste) only base64 and header lines
// directly below BEGIN are taken, so the prose after a cut-off key stays readable.
const PRIVATE_KEY =
  /-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]{0,16000}?-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----|(?:(?:\r?\n|\\r?\\n)(?:[A-Za-z0-9+/=]{4,}|[A-Za-z-]+: [^\r\n\\]*)(?=\r?\n|\\r?\\n|["'`]|$))*)/g;

export const keyAndTokenRules: RedactionRule[] = [
  {
    id: 'private-key',
    description:
      'Whole PEM / OpenSSH / PGP private-key block, BEGIN to END (also with escaped \\n inside JSON strings)',
    keywords: ['-----BEGIN'],
    pattern: PRIVATE_KEY,
    examples: {
      positive: `cat ~/.ssh/id_ed25519\n${fakePemBlock('OPENSSH PRIVATE KEY', '\n')}\n`,
      negative: '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----',
    },
  },
  {
    id: 'putty-private-key',
    description: 'PuTTY private key file (PuTTY-User-Key-File-… through Private-MAC)',
    keywords: ['PuTTY-User-Key-File-'],
    pattern: /PuTTY-User-Key-File-\d+: [\s\S]{0,20000}?Private-MAC: [0-9a-f]+/g,
    examples: {
      positive: `PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nPublic-Lines: 2\n${fakeChars(64, BASE64)}\nPrivate-Lines: 1\n${fakeChars(44, BASE64, 4)}\nPrivate-MAC: ${fakeChars(64, HEX)}`,
      negative: 'PuTTYgen writes PuTTY-User-Key-File-3 headers',
    },
  },
  {
    id: 'jwt',
    description: 'JSON Web Token (eyJ….eyJ….signature)',
    keywords: ['eyJ'],
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/g,
    examples: {
      positive: `id_token: eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJ${fakeChars(120, BASE64URL)}.${fakeChars(86, BASE64URL)}`,
      negative: 'the header eyJhbGciOiJIUzI1NiJ9 decodes to {"alg":"HS256"}',
    },
  },
];

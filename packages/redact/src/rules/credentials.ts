import { hasLetterAndDigit, shannonEntropy } from '../entropy.js';
import type { RedactionRule } from '../types.js';
import { BASE64, fakeChars } from './fake.js';

const PLACEHOLDER_WORDS = new Set([
  'password',
  'passwd',
  'pass',
  'secret',
  'token',
  'changeme',
  'redacted',
  'example',
  'your_password',
  'yourpassword',
  'your-password',
  'mypassword',
]);

/** Obvious stand-ins: `${VAR}`, `$VAR`, `%s`, `{{x}}`, `<password>`, `***`, `xxxx`, `...`, `DB_PASSWORD`. */
export function isPlaceholder(value: string): boolean {
  if (/^[$%{<[*]|^\.\.\.|…/.test(value)) return true;
  if (/^(.)\1*$/.test(value)) return true;
  if (/^[A-Z][A-Z0-9]*_[A-Z0-9_]*$/.test(value)) return true;
  if (/REDACTED/.test(value)) return true;
  return PLACEHOLDER_WORDS.has(value.toLowerCase());
}

/** Generic `key = value` secrets: the value must look generated, not like a word, a path or a reference. */
export const GENERIC_MIN_ENTROPY = 3;
/** Passwords are chosen by people, so a lower bar applies after a `password` / `passwd` / `passphrase` key. */
export const PASSWORD_MIN_ENTROPY = 2.5;

function isReference(value: string): boolean {
  if (isPlaceholder(value)) return true;
  if (/^(?:\/|~|\.\.?\/|[A-Za-z]:\\)/.test(value) || value.includes('://')) return true;
  // Code references: process.env.X, os.environ, self.token, getpass.getpass.
  return /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(value);
}

/**
 * Resource names built from words, numbers and short tags (`api-secrets-v2`, `db-credentials-2024`,
 * `release-2026-11-18`): what a Kubernetes `secret:` or a `token:` label usually holds. Their entropy is as
 * high as a human-made password's, so it cannot tell them apart; their shape can.
 */
function isResourceName(value: string): boolean {
  const parts = value.split(/[-_./:]/);
  return parts.length >= 2 && parts.every((p) => /^(?:[A-Za-z]*|\d*|[A-Za-z0-9]{1,3})$/.test(p));
}

function looksGenerated(value: string): boolean {
  if (isReference(value) || isResourceName(value)) return false;
  return hasLetterAndDigit(value) && shannonEntropy(value) >= GENERIC_MIN_ENTROPY;
}

function looksLikePassword(value: string): boolean {
  if (isReference(value)) return false;
  // Letters only ("changeme", "password") are defaults or words; a real password mixes in digits or symbols.
  return /[^A-Za-z]/.test(value) && /[A-Za-z]/.test(value) && shannonEntropy(value) >= PASSWORD_MIN_ENTROPY;
}

const ASSIGNMENT_KEYWORDS = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'api_key',
  'api-key',
  'apikey',
  'access_key',
  'access-key',
  'accesskey',
  'auth_key',
  'auth-key',
  'authkey',
  'private_key',
  'private-key',
  'privatekey',
  'credential',
];

export const credentialRules: RedactionRule[] = [
  {
    id: 'url-password',
    description:
      'Password embedded in a URL or connection string (scheme://user:password@host); user and host are kept',
    keywords: ['://'],
    // Starts with the literal `://` (scheme checked behind it), so V8 can skip ahead instead of trying
    // every letter as a scheme start.
    pattern:
      /:\/\/(?<=[A-Za-z0-9+.-]:\/\/)(?<user>[^\s:/?#@"'`<>\\]*):(?<secret>[^\s/?#@"'`<>\\]+)@(?=[A-Za-z0-9[])/g,
    // user:user (postgres:postgres, guest:guest) is a well-known local default, not a secret.
    validate: (secret, match) => !isPlaceholder(secret) && match !== `://${secret}:${secret}@`,
    examples: {
      positive: `DATABASE_URL=postgres://app:${fakeChars(18)}@db.internal:5432/app`,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${VAR} placeholder is the point
      negative: 'DATABASE_URL=postgres://app:${DB_PASSWORD}@db.internal:5432/app',
    },
  },
  {
    id: 'bearer-token',
    description: 'Bearer token in an Authorization header or curl command',
    keywords: ['bearer'],
    startsAtKeyword: true,
    pattern: /(?<![A-Za-z0-9])[Bb]earer\s+(?<secret>[A-Za-z0-9._~+/-]{20,}=*)/g,
    validate: (secret) => looksGenerated(secret) && shannonEntropy(secret) >= 3.5,
    examples: {
      positive: `curl -H "Authorization: Bearer ${fakeChars(40, BASE64, 21)}" https://api.example.com/v1/me`,
      negative: 'curl -H "Authorization: Bearer $API_TOKEN" https://api.example.com/v1/me',
    },
  },
  {
    id: 'basic-auth-header',
    description: 'HTTP Basic credentials in an Authorization header',
    keywords: ['authorization'],
    startsAtKeyword: true,
    pattern: /authorization["']?\s*[:=]\s*["']?basic\s+(?<secret>[A-Za-z0-9+/]{8,}={0,2})/gi,
    validate: (secret) => !isPlaceholder(secret),
    examples: {
      positive: `Authorization: Basic ${fakeChars(28, BASE64, 17)}=`,
      negative: 'Authorization: Basic <base64 of user:password>',
    },
  },
  {
    id: 'generic-secret',
    description: `password / secret / token / api_key / … assignments whose value looks generated (≥ 8 chars, letters and digits, Shannon entropy ≥ ${GENERIC_MIN_ENTROPY} bits/char, not a word-built name; for password keys: not letters only, entropy ≥ ${PASSWORD_MIN_ENTROPY})`,
    keywords: ASSIGNMENT_KEYWORDS,
    startsAtKeyword: true,
    // Starts at the keyword: only the value is redacted, so the rest of the key name needs no matching.
    pattern:
      /(?:password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key|auth[_-]?key|private[_-]?key|credentials?)["']?\s*(?::=|=>|:|=)\s*(?<q>["'`]?)(?<secret>[^\s"'`\\,;(){}<>[\]]{8,256})\k<q>/gi,
    // Unquoted `token:abc@host` is the user-info part of a URL; url-password and the token rules handle it.
    validate: (secret, match) => {
      if (secret.includes('@') && !/["'`]$/.test(match)) return false;
      return /^pass/i.test(match) ? looksLikePassword(secret) : looksGenerated(secret);
    },
    examples: {
      positive: `export DB_PASSWORD='${fakeChars(16, BASE64, 31)}'`,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${VAR} placeholder is the point
      negative: 'password: "changeme"  # and password=${PASSWORD} in the template',
    },
  },
];

import { hostname, userInfo } from 'node:os';
import { usageError } from '../errors.js';

/** The login name, or `USER`/`USERNAME` when the account has no passwd entry (some containers). */
export function defaultUser(env: Readonly<Record<string, string | undefined>>): string {
  try {
    const name = userInfo().username;
    if (name) return name;
  } catch {
    // No passwd entry for this uid: fall through to the environment.
  }
  return env.USER || env.USERNAME || 'user';
}

/** The machine's short host name (`laptop.local` → `laptop`). */
export function defaultSystemName(): string {
  return hostname().split('.')[0] || 'localhost';
}

/** A label typed as a flag that becomes a folder name; it must say something (`example`: the default). */
export function parseLabel(raw: string, flag: string, example: string | undefined): string {
  const value = raw.trim();
  if (value === '' || value === '.' || value === '..' || /[/\\]/.test(value)) {
    throw usageError(
      `${flag} "${raw}" cannot be used as a folder name; give a plain name such as ${example}.`,
    );
  }
  return value;
}

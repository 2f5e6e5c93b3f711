import type { FlagValue } from './argv.js';

/** Typed reads of parsed flags (parseArgs already enforced each flag's type). */
export function stringFlag(flags: Record<string, FlagValue>, name: string): string | undefined {
  const value = flags[name];
  if (Array.isArray(value)) return value.at(-1);
  return typeof value === 'string' ? value : undefined;
}

export function booleanFlag(flags: Record<string, FlagValue>, name: string): boolean {
  return flags[name] === true;
}

export function listFlag(flags: Record<string, FlagValue>, name: string): string[] {
  const value = flags[name];
  if (Array.isArray(value)) return value;
  return typeof value === 'string' ? [value] : [];
}

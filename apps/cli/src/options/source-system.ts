import { ConvxError } from '@convx/core';
import { didYouMean } from '../text/did-you-mean.js';

export function validNames(known: readonly string[]): string {
  return ['all', ...known].join(', ');
}

/** `"codx" (did you mean codex?)`: an unknown source name with the closest known one. */
export function unknownSourceName(name: string, known: readonly string[]): string {
  return `"${name}"${didYouMean(name, known)}`;
}

/**
 * Every name must be a known source (`--source-system`, `search --source`); else one sentence naming the
 * unknown ones, each with the closest known name, and the valid ones.
 */
export function checkSourceNames(names: readonly string[], known: readonly string[]): void {
  const unknown = names.filter((name) => name !== 'all' && !known.includes(name));
  if (unknown.length === 0) return;
  const list = unknown.map((name) => unknownSourceName(name, known)).join(', ');
  throw new ConvxError(
    'UNKNOWN_SOURCE',
    `Unknown source system${unknown.length > 1 ? 's' : ''} ${list}; valid ones are ${validNames(known)}.`,
  );
}

/** Parses `--source-system all|codex,claude,…` into source names, in registry order, rejecting unknown ones. */
export function selectSources(
  raw: string | undefined,
  registry: Readonly<Record<string, unknown>>,
): string[] {
  const known = Object.keys(registry);
  const names = (raw ?? 'all')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  if (names.length === 0) {
    throw new ConvxError('UNKNOWN_SOURCE', `--source-system is empty; valid ones are ${validNames(known)}.`);
  }
  if (names.includes('all')) return known;
  checkSourceNames(names, known);
  return known.filter((name) => names.includes(name));
}

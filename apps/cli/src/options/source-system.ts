import { ConvxError } from '@convx/core';
import { didYouMean } from '../text/did-you-mean.js';

export function validNames(registry: Readonly<Record<string, unknown>>): string {
  return ['all', ...Object.keys(registry)].join(', ');
}

/** `"codx" (did you mean codex?)`: an unknown source name with the closest known one. */
export function unknownSourceName(name: string, registry: Readonly<Record<string, unknown>>): string {
  return `"${name}"${didYouMean(name, Object.keys(registry))}`;
}

/** Parses `--source-system all|codex,claude,…` into source names, in registry order, rejecting unknown ones. */
export function selectSources(
  raw: string | undefined,
  registry: Readonly<Record<string, unknown>>,
): string[] {
  const names = (raw ?? 'all')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  if (names.length === 0) {
    throw new ConvxError(
      'UNKNOWN_SOURCE',
      `--source-system is empty; valid ones are ${validNames(registry)}.`,
    );
  }
  if (names.includes('all')) return Object.keys(registry);
  const unknown = names.filter((name) => !Object.hasOwn(registry, name));
  if (unknown.length > 0) {
    const list = unknown.map((name) => unknownSourceName(name, registry)).join(', ');
    throw new ConvxError(
      'UNKNOWN_SOURCE',
      `Unknown source system${unknown.length > 1 ? 's' : ''} ${list}; valid ones are ${validNames(registry)}.`,
    );
  }
  return Object.keys(registry).filter((name) => names.includes(name));
}

import { ConvxError } from '@convx/core';
import type { RedactionRule, UserRule } from './types.js';

/** A rule ready to run: its regex is global, and has indices when it marks a `secret` group. */
export interface CompiledRule {
  id: string;
  pattern: RegExp;
  hasSecretGroup: boolean;
  /** Prefilter trigger literals (case-insensitive); empty means "run on every string". */
  keywords: string[];
  /** The regex runs only at the keywords' start positions (see `RedactionRule.startsAtKeyword`). */
  startsAtKeyword?: boolean | undefined;
  minEntropy?: number | undefined;
  validate?: ((secret: string, match: string) => boolean) | undefined;
}

const RULE_ID = /^[a-z0-9][a-z0-9._-]*$/i;

export function compileBuiltin(rule: RedactionRule): CompiledRule {
  const hasSecretGroup = rule.pattern.source.includes('(?<secret>');
  const flags = withFlags(rule.pattern.flags, hasSecretGroup);
  return {
    id: rule.id,
    pattern: new RegExp(rule.pattern.source, flags),
    hasSecretGroup,
    keywords: rule.keywords,
    startsAtKeyword: rule.startsAtKeyword,
    minEntropy: rule.minEntropy,
    validate: rule.validate,
  };
}

export function compileUserRule(rule: UserRule): CompiledRule {
  if (typeof rule.id !== 'string' || !RULE_ID.test(rule.id)) {
    throw invalid(`redaction rule id ${JSON.stringify(rule.id)} must be letters, digits, ".", "_" or "-"`);
  }
  if (typeof rule.pattern !== 'string' || rule.pattern.length === 0) {
    throw invalid(`redaction rule "${rule.id}" needs a non-empty "pattern" string`);
  }
  const hasSecretGroup = rule.pattern.includes('(?<secret>');
  let pattern: RegExp;
  try {
    pattern = new RegExp(rule.pattern, withFlags((rule.flags ?? '').replace(/[gyd]/g, ''), hasSecretGroup));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw invalid(
      `redaction rule "${rule.id}" has an invalid regular expression /${rule.pattern}/${rule.flags ?? ''}: ${reason}`,
    );
  }
  if (pattern.test('')) {
    throw invalid(`redaction rule "${rule.id}" pattern /${rule.pattern}/ matches the empty string`);
  }
  pattern.lastIndex = 0;
  return { id: rule.id, pattern, hasSecretGroup, keywords: [] };
}

/** Whole-word, case-insensitive replacement of the user's sanitize keywords, as one rule with id `keyword`. */
export function compileSanitizeKeywords(words: string[]): CompiledRule | undefined {
  const cleaned = words.map((w) => (typeof w === 'string' ? w.trim() : '')).filter((w) => w.length > 0);
  if (cleaned.length === 0) return undefined;
  // Longest first, so a phrase wins over a word it starts with.
  const alternatives = [...new Set(cleaned)]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.split(/\s+/).map(escapeRegex).join('\\s+'));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
  // Runs on every string (no prefilter trigger): a keyword may straddle a built-in trigger, and a regex of a
  // few literals costs little (measured ~1.2 GB/s).
  return { id: 'keyword', pattern, hasSecretGroup: false, keywords: [] };
}

/** Whether a finding must be kept: `text.slice(start, end)` is the secret, `match` the rule's whole match. */
export type AllowCheck = (text: string, start: number, end: number, match: string) => boolean;

/**
 * `allow` entries: a literal keeps any finding it covers in the text (or equals); a `/regex/flags` entry keeps
 * a finding when it matches the secret or the rule's whole match.
 */
export function compileAllow(entries: string[]): AllowCheck | undefined {
  if (entries.length === 0) return undefined;
  const literals = new Set<string>();
  const regexes: RegExp[] = [];
  for (const entry of entries) {
    if (typeof entry !== 'string' || entry.length === 0)
      throw invalid('redaction allow entries must be non-empty strings');
    const asRegex = /^\/(.+)\/([a-z]*)$/s.exec(entry);
    if (!asRegex) {
      literals.add(entry);
      continue;
    }
    try {
      regexes.push(new RegExp(asRegex[1] ?? '', (asRegex[2] ?? '').replace(/[gy]/g, '')));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw invalid(`redaction allow entry ${entry} is not a valid regular expression: ${reason}`);
    }
  }
  return (text, start, end, match) => {
    const secret = text.slice(start, end);
    if (literals.has(secret) || regexes.some((r) => r.test(secret) || r.test(match))) return true;
    for (const literal of literals) {
      // The last occurrence starting at or before the secret is the only one that can cover it.
      const at = text.lastIndexOf(literal, start);
      if (at !== -1 && at + literal.length >= end) return true;
    }
    return false;
  };
}

function withFlags(flags: string, indices: boolean): string {
  let out = flags.includes('g') ? flags : `${flags}g`;
  if (indices && !out.includes('d')) out += 'd';
  return out;
}

export function escapeRegex(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

export function invalid(message: string): ConvxError {
  return new ConvxError('INVALID_OPTION', message, '@convx/redact');
}

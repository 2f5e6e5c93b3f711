import { createHash } from 'node:crypto';
import type { Message, Session } from '@convx/core';
import {
  type CompiledRule,
  compileAllow,
  compileBuiltin,
  compileSanitizeKeywords,
  compileUserRule,
  invalid,
} from './compile.js';
import { applyFindings, Detector } from './detect.js';
import { type NameRedaction, nameRedaction } from './names.js';
import { builtinRules, RULESET_VERSION } from './rules/index.js';
import { redactMessageWith, redactSessionWith, type SessionRedaction } from './session.js';
import type { LocatedFinding, RedactorOptions, RedactResult } from './types.js';

export interface Redactor {
  /**
   * Stable hash of the rule set and options: pass it as the engine transform id, so changing the
   * configuration re-renders every session.
   */
  readonly id: string;
  /** Redacts one string. Returns the same string (and no findings) when nothing matched. */
  redactText(text: string): RedactResult;
  /**
   * A new session with every field that reaches an output redacted: messages, title, tool input/output,
   * meta, child sessions, and the names — session and agent ids, cwd, source paths, branch, models.
   */
  redactSession(session: Session): Session;
  /** A new message with its text, tool input/output and label redacted (what `redactSession` does to each). */
  redactMessage(message: Message): Message;
  /** Names: path segments become `redacted-<rule>`, ids `redacted-<rule>-<hash>`, when they hold a secret. */
  readonly names: NameRedaction;
  /** Findings with 1-based line and column, for reports (`convx scan`). */
  scanText(text: string): LocatedFinding[];
  /** The ids of the rules in effect (built-in minus disabled, then user rules, then `keyword`). */
  readonly ruleIds: readonly string[];
}

/**
 * Builds a redactor from the built-in rules plus the user's options. Throws a ConvxError `INVALID_OPTION`
 * naming the offending entry when a user pattern, allow entry or disabled id is invalid.
 */
export function createRedactor(options: RedactorOptions = {}): Redactor {
  const userRules = options.rules ?? [];
  const disable = new Set(options.disable ?? []);
  const known = new Set([...builtinRules.map((r) => r.id), ...userRules.map((r) => r.id), 'keyword']);
  for (const id of disable) {
    if (!known.has(id)) throw invalid(`cannot disable unknown redaction rule "${id}"`);
  }
  const compiled: CompiledRule[] = [];
  const seen = new Set<string>();
  for (const rule of builtinRules) if (!disable.has(rule.id)) compiled.push(compileBuiltin(rule));
  for (const rule of userRules) {
    if (builtinRules.some((b) => b.id === rule.id) || seen.has(rule.id) || rule.id === 'keyword') {
      throw invalid(`redaction rule id "${rule.id}" is already taken; pick another id`);
    }
    seen.add(rule.id);
    const compiledRule = compileUserRule(rule);
    if (!disable.has(rule.id)) compiled.push(compiledRule);
  }
  const sanitize = compileSanitizeKeywords(options.sanitizeKeywords ?? []);
  if (sanitize && !disable.has('keyword')) compiled.push(sanitize);

  const detector = new Detector(compiled, compileAllow(options.allow ?? []));

  const redactText = (text: string): RedactResult => {
    const findings = detector.detect(text);
    return { text: applyFindings(text, findings), findings };
  };

  const names = nameRedaction(redactText);
  // A session's strings are redacted one by one, most with nothing found: no result object for those.
  const text = (value: string) => {
    const findings = detector.detect(value);
    return findings.length ? applyFindings(value, findings) : value;
  };
  const all: SessionRedaction = { ...names, text };
  const redactor: Redactor = {
    id: configId(options),
    ruleIds: compiled.map((r) => r.id),
    redactText,
    names,
    redactSession: (session) => redactSessionWith(session, all),
    redactMessage: (message) => redactMessageWith(message, all),
    scanText: (text) => locate(text, detector.detect(text)),
  };
  return redactor;
}

function configId(options: RedactorOptions): string {
  const identity = {
    version: RULESET_VERSION,
    builtin: builtinRules.map((r) => [
      r.id,
      r.pattern.source,
      r.pattern.flags,
      r.keywords,
      r.minEntropy,
      r.validate?.toString(),
    ]),
    rules: (options.rules ?? []).map((r) => [r.id, r.pattern, r.flags ?? '']),
    allow: options.allow ?? [],
    disable: [...(options.disable ?? [])].sort(),
    sanitizeKeywords: options.sanitizeKeywords ?? [],
  };
  return `redact-${createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 16)}`;
}

function locate(text: string, findings: ReturnType<Detector['detect']>): LocatedFinding[] {
  const out: LocatedFinding[] = [];
  let line = 1;
  let lineStart = 0;
  let at = 0;
  for (const f of findings) {
    for (let nl = text.indexOf('\n', at); nl !== -1 && nl < f.start; nl = text.indexOf('\n', nl + 1)) {
      line++;
      lineStart = nl + 1;
    }
    at = lineStart;
    out.push({ ...f, line, column: f.start - lineStart + 1 });
  }
  return out;
}

/** The sync-engine transform (`SyncOptions.transform`) for a redactor: its id is part of the fingerprint. */
export function redactionTransform(redactor: Redactor): {
  id: string;
  apply(session: Session): Session;
  applyMessage(message: Message): Message;
  applyId(id: string): string;
  applyText(text: string): string;
} {
  return {
    id: redactor.id,
    apply: (session) => redactor.redactSession(session),
    applyMessage: (message) => redactor.redactMessage(message),
    applyId: (id) => redactor.names.id(id),
    applyText: (text) => redactor.redactText(text).text,
  };
}

/**
 * The sync-engine transform for redactor options, as a run spec names it:
 * `{ module: '@convx/redact', export: 'createRedactionTransform', options }`.
 */
export function createRedactionTransform(
  options: RedactorOptions = {},
): ReturnType<typeof redactionTransform> {
  return redactionTransform(createRedactor(options));
}

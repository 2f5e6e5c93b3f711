import { builtinRules, createRedactor, type Redactor, type RedactorOptions } from '@convx/redact';
import { CONFIG_FILE } from '../config/index.js';
import { usageError } from '../errors.js';
import type { Values } from '../options/values.js';

/** The options redaction reads (from the config file: none has a flag besides `--no-redact`). */
export type RedactionValues = Pick<
  Values,
  'sanitizeKeywords' | 'redactionRules' | 'redactionAllow' | 'redactionDisable'
>;

/** What a run or a scan redacts, built from the config. */
export interface RedactionSetup {
  /** False when `--no-redact` or `[redaction] enabled = false` turned the secret rules off. */
  secrets: boolean;
  /** Undefined when there is nothing to do (secrets off and no sanitize keywords). */
  redactor?: Redactor;
}

/**
 * The redactor for a run. Sanitize keywords are a separate choice from secret redaction: with redaction off
 * the built-in and user rules are disabled, but the keywords are still replaced.
 */
export function redactionFromConfig(config: RedactionValues, secrets: boolean): RedactionSetup {
  const options = redactionOptions(config, secrets);
  return options ? { secrets, redactor: buildRedactor(config, options) } : { secrets };
}

/**
 * The redactor options of a run, undefined when there is nothing to redact. Sanitize keywords are a separate
 * choice from secret redaction: with redaction off the built-in and user rules are disabled, but the keywords
 * are still replaced.
 */
export function redactionOptions(config: RedactionValues, secrets: boolean): RedactorOptions | undefined {
  const keywords = config.sanitizeKeywords ?? [];
  if (secrets) return redactorOptions(config);
  if (keywords.length === 0) return undefined;
  return { disable: builtinRules.map((rule) => rule.id), sanitizeKeywords: keywords };
}

/** The redactor options the config asks for (everything under `[redaction]` plus `sanitize_keywords`). */
export function redactorOptions(config: RedactionValues): RedactorOptions {
  return {
    rules: (config.redactionRules ?? []).map((rule, i) => {
      for (const required of ['id', 'pattern'] as const) {
        if (rule[required] === undefined) {
          throw usageError(`${CONFIG_FILE}: redaction.rules[${i}].${required} is required.`);
        }
      }
      return {
        id: rule.id ?? '',
        pattern: rule.pattern ?? '',
        ...(rule.description ? { description: rule.description } : {}),
      };
    }),
    allow: config.redactionAllow ?? [],
    disable: config.redactionDisable ?? [],
    sanitizeKeywords: config.sanitizeKeywords ?? [],
  };
}

/**
 * createRedactor, with its errors (an invalid pattern, a taken id, an unknown disabled rule) turned into
 * usage errors that name the config key to fix.
 */
function buildRedactor(config: RedactionValues, options: RedactorOptions): Redactor {
  try {
    return createRedactor(options);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw usageError(`${CONFIG_FILE}: ${culprit(config, options)}: ${reason}.`);
  }
}

/** Finds the first config entry createRedactor rejects, by building with one more entry at a time. */
function culprit(config: RedactionValues, options: RedactorOptions): string {
  const problem = (partial: RedactorOptions): string | undefined => {
    try {
      createRedactor(partial);
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  };
  const rules = options.rules ?? [];
  for (const [i, rule] of rules.entries()) {
    if (!problem({ rules: rules.slice(0, i + 1) })) continue;
    // Alone it fails on its own pattern or id; only with the others, its id is taken.
    const alone = problem({ rules: [rule] });
    return `redaction.rules[${i}].${alone && !/ id /.test(alone) ? 'pattern' : 'id'}`;
  }
  for (const [i, entry] of (options.allow ?? []).entries()) {
    if (problem({ allow: [entry] })) return `redaction.allow[${i}]`;
  }
  for (const [i, id] of (options.disable ?? []).entries()) {
    if (problem({ rules, disable: [id] })) return `redaction.disable[${i}]`;
  }
  for (const [i, word] of (config.sanitizeKeywords ?? []).entries()) {
    if (problem({ sanitizeKeywords: [word] })) return `sanitize_keywords[${i}]`;
  }
  return 'redaction';
}

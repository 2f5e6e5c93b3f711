/** A built-in detection rule. Rules are data: a trigger, a pattern and optional checks on the match. */
export interface RedactionRule {
  /** Stable id, used in `[REDACTED:<id>]`, in `disable`, and by `convx scan`. */
  id: string;
  /** One line for the docs and `convx scan --rules`. */
  description: string;
  /**
   * Trigger literals, matched case-insensitively: the rule's regex runs only on strings where one occurs.
   * All rules' keywords are found in one scan of the string. Empty: the rule runs on every string (keep
   * its regex cheap, starting with a literal).
   */
  keywords: string[];
  /**
   * Every match starts with one of `keywords` (case-insensitively), so the regex runs only where a keyword
   * starts, not over the whole string. Only for rules whose pattern begins with the keyword itself (a
   * lookbehind before it is fine); list every spelling the pattern accepts among the keywords.
   */
  startsAtKeyword?: boolean;
  /** Global regex. A named group `secret` marks the part to redact; otherwise the whole match is redacted. */
  pattern: RegExp;
  /** Minimum Shannon entropy (bits per character) of the secret part. */
  minEntropy?: number;
  /** Extra check on the secret part (and the whole match); return false to keep the text. */
  validate?: (secret: string, match: string) => boolean;
  /** Example strings for the docs and the tests: one that is redacted and one near miss that is not. */
  examples: { positive: string; negative: string };
}

/** A rule supplied by the user (config file or CLI). */
export interface UserRule {
  id: string;
  description?: string;
  /** A JavaScript regular expression source. A named group `secret` limits what is redacted. */
  pattern: string;
  /** Regex flags (`g` is always added). */
  flags?: string;
}

export interface RedactorOptions {
  /** Extra rules, run after the built-in ones. */
  rules?: UserRule[];
  /**
   * Never redact these. A literal keeps every finding it covers where it occurs in the text (a whole
   * `postgres://dev:dev@localhost` URL, or just a key); a `/regex/flags` entry keeps findings whose secret
   * or whole rule match it matches.
   */
  allow?: string[];
  /** Built-in or user rule ids to turn off. */
  disable?: string[];
  /** Words or phrases replaced with `[REDACTED:keyword]` (case-insensitive, whole words). */
  sanitizeKeywords?: string[];
}

/** One redacted span in the original text (`end` exclusive, UTF-16 offsets). */
export interface Finding {
  ruleId: string;
  start: number;
  end: number;
}

/** A finding located by line (1-based) and column (1-based, UTF-16 units). */
export interface LocatedFinding extends Finding {
  line: number;
  column: number;
}

export interface RedactResult {
  text: string;
  findings: Finding[];
}

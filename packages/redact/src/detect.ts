import type { AllowCheck, CompiledRule } from './compile.js';
import { shannonEntropy } from './entropy.js';
import { type KeywordScan, keywordScanner } from './keyword-scan.js';
import type { Finding } from './types.js';

/** Findings so far, with the index of the rule that made each (the earlier rule names a merged span). */
type Found = Array<Finding & { order: number }>;

/**
 * Finds secrets in strings. One scan finds every rule's trigger keywords (case-insensitive, all
 * occurrences); a rule's own (costlier) regex runs only on strings where one of its keywords occurs — and a
 * rule whose every match starts at one of its keywords (`startsAtKeyword`) runs only at those positions.
 * Most message text has no trigger at all and costs the single scan.
 */
export class Detector {
  private readonly scan: KeywordScan | undefined;
  /** Rules to run per keyword (index into `keywords`). */
  private readonly rulesByKeyword: number[][] = [];
  private readonly alwaysRun: number[] = [];
  /** Sticky copies of the `startsAtKeyword` rules' patterns, by rule index. */
  private readonly anchored: Array<RegExp | undefined>;

  constructor(
    private readonly rules: CompiledRule[],
    private readonly allow: AllowCheck | undefined,
  ) {
    const keywords: string[] = [];
    rules.forEach((rule, index) => {
      if (rule.keywords.length === 0) this.alwaysRun.push(index);
      for (const keyword of rule.keywords) {
        const key = keyword.toLowerCase();
        let at = keywords.indexOf(key);
        if (at === -1) at = keywords.push(key) - 1;
        const list = this.rulesByKeyword[at] ?? [];
        if (!list.includes(index)) list.push(index);
        this.rulesByKeyword[at] = list;
      }
    });
    this.scan = keywords.length ? keywordScanner(keywords) : undefined;
    this.anchored = rules.map((rule) =>
      rule.startsAtKeyword && rule.keywords.length
        ? new RegExp(rule.pattern.source, `${rule.pattern.flags.replace('g', '')}y`)
        : undefined,
    );
  }

  /** The findings in `text`, sorted and merged so no two overlap. */
  detect(text: string): Finding[] {
    const hits = this.scan?.(text) ?? null;
    const found: Found = [];
    if (hits === null) {
      // The common case: no keyword, so only the rules without one run.
      for (const index of this.alwaysRun) this.runRule(this.rules[index] as CompiledRule, index, text, found);
      return found.length ? mergeFindings(found) : found;
    }
    // Per triggered rule: the start positions of its keywords (used only by the anchored ones).
    const triggered = new Map<number, number[]>();
    for (const index of this.alwaysRun) triggered.set(index, []);
    for (let h = 0; h < hits.length; h += 2) {
      for (const index of this.rulesByKeyword[hits[h] as number] as number[]) {
        const starts = triggered.get(index);
        if (starts) starts.push(hits[h + 1] as number);
        else triggered.set(index, [hits[h + 1] as number]);
      }
    }
    for (const [index, starts] of triggered) {
      const rule = this.rules[index] as CompiledRule;
      const sticky = this.anchored[index];
      if (sticky) this.runAt(rule, sticky, index, text, starts, found);
      else this.runRule(rule, index, text, found);
    }
    return mergeFindings(found);
  }

  /** Runs a `startsAtKeyword` rule only where its keywords start: the same matches as a global scan. */
  private runAt(
    rule: CompiledRule,
    sticky: RegExp,
    order: number,
    text: string,
    starts: number[],
    out: Found,
  ): void {
    // Usually in order already; V8's sort copies the list first (~160 MB of a cold `claude-heavy` backup).
    if (!ascending(starts)) starts.sort((a, b) => a - b);
    let from = 0;
    for (const start of starts) {
      if (start < from) continue; // inside the previous match, or the same start twice
      sticky.lastIndex = start;
      const m = sticky.exec(text);
      if (m === null) continue;
      this.accept(rule, order, text, m, out);
      from = m.index + Math.max(m[0].length, 1);
    }
  }

  private runRule(rule: CompiledRule, order: number, text: string, out: Found): void {
    const pattern = rule.pattern;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      if (m[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      this.accept(rule, order, text, m, out);
    }
  }

  /** Records a match unless its secret is too plain, fails the rule's check, or is allowed. */
  private accept(rule: CompiledRule, order: number, text: string, m: RegExpExecArray, out: Found): void {
    let start = m.index;
    let end = m.index + m[0].length;
    const span = rule.hasSecretGroup ? m.indices?.groups?.secret : undefined;
    if (span) [start, end] = span;
    else if (rule.hasSecretGroup) return; // the secret group did not take part in this match
    const secret = text.slice(start, end);
    if (rule.minEntropy !== undefined && shannonEntropy(secret) < rule.minEntropy) return;
    if (rule.validate && !rule.validate(secret, m[0])) return;
    if (this.allow?.(text, start, end, m[0])) return;
    out.push({ ruleId: rule.id, start, end, order });
  }
}

function ascending(list: number[]): boolean {
  for (let i = 1; i < list.length; i++) if ((list[i] as number) < (list[i - 1] as number)) return false;
  return true;
}

/** Sorts by position; overlapping spans become one, named by the earliest-starting (then most specific) rule. */
export function mergeFindings(found: Found): Finding[] {
  found.sort((a, b) => a.start - b.start || a.order - b.order);
  const merged: Finding[] = [];
  for (const f of found) {
    const last = merged[merged.length - 1];
    if (last && f.start < last.end) {
      if (f.end > last.end) last.end = f.end;
      continue;
    }
    merged.push({ ruleId: f.ruleId, start: f.start, end: f.end });
  }
  return merged;
}

/** Replaces every finding with `[REDACTED:<rule-id>]`. */
export function applyFindings(text: string, findings: Finding[]): string {
  if (findings.length === 0) return text;
  let out = '';
  let at = 0;
  for (const f of findings) {
    out += `${text.slice(at, f.start)}[REDACTED:${f.ruleId}]`;
    at = f.end;
  }
  return out + text.slice(at);
}

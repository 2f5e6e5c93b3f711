import { type AllowCheck, type CompiledRule, escapeRegex } from './compile.js';
import { shannonEntropy } from './entropy.js';
import type { Finding } from './types.js';

/**
 * Finds secrets in strings. One combined prefilter regex of every rule's trigger keywords runs first; a
 * rule's own (costlier) regex runs only on strings where one of its keywords occurs. Most message text has
 * no trigger at all and costs a single scan.
 */
export class Detector {
  private readonly prefilter: RegExp | undefined;
  /** Rules to run per lowercased trigger keyword. */
  private readonly rulesByKeyword = new Map<string, number[]>();
  private readonly alwaysRun: number[] = [];

  constructor(
    private readonly rules: CompiledRule[],
    private readonly allow: AllowCheck | undefined,
  ) {
    rules.forEach((rule, index) => {
      if (rule.keywords.length === 0) this.alwaysRun.push(index);
      for (const keyword of rule.keywords) {
        const key = keyword.toLowerCase();
        const list = this.rulesByKeyword.get(key) ?? [];
        if (!list.includes(index)) list.push(index);
        this.rulesByKeyword.set(key, list);
      }
    });
    // The prefilter's matches do not overlap, so a keyword inside a longer one (accesskey inside
    // sharedaccesskey=) also triggers through the longer one. (A keyword straddling the end of another,
    // as in `tokenxoxb-`, is missed; no real credential is glued to a trigger word like that.)
    for (const [outer, outerRules] of this.rulesByKeyword) {
      for (const [inner, innerRules] of this.rulesByKeyword) {
        if (inner === outer || !outer.includes(inner)) continue;
        for (const index of innerRules) if (!outerRules.includes(index)) outerRules.push(index);
      }
    }
    // A flat alternation of literals with the `i` flag, longest first: V8 scans it far faster than
    // character classes or a factored trie (measured; see docs/redaction.md).
    const keywords = [...this.rulesByKeyword.keys()].sort((a, b) => b.length - a.length);
    this.prefilter = keywords.length ? new RegExp(keywords.map(escapeRegex).join('|'), 'gi') : undefined;
  }

  /** The findings in `text`, sorted and merged so no two overlap. */
  detect(text: string): Finding[] {
    const triggered = this.triggeredRules(text);
    if (triggered.length === 0) return [];
    const found: Array<Finding & { order: number }> = [];
    for (const index of triggered) {
      const rule = this.rules[index];
      if (rule) this.runRule(rule, index, text, found);
    }
    return mergeFindings(found);
  }

  private triggeredRules(text: string): number[] {
    if (!this.prefilter) return this.alwaysRun;
    // One native call collects every hit; far cheaper than an exec() loop on keyword-dense text.
    const hits = text.match(this.prefilter);
    if (hits === null) return this.alwaysRun;
    const marked = new Set<number>(this.alwaysRun);
    let previous = '';
    for (const hit of hits) {
      if (hit === previous) continue;
      previous = hit;
      const rules = this.rulesByKeyword.get(hit.toLowerCase());
      if (rules) for (const index of rules) marked.add(index);
      else for (let i = 0; i < this.rules.length; i++) marked.add(i); // odd case folding: run everything
    }
    return [...marked].sort((a, b) => a - b);
  }

  private runRule(
    rule: CompiledRule,
    order: number,
    text: string,
    out: Array<Finding & { order: number }>,
  ): void {
    const pattern = rule.pattern;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      if (m[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      let start = m.index;
      let end = m.index + m[0].length;
      const span = rule.hasSecretGroup ? m.indices?.groups?.secret : undefined;
      if (span) [start, end] = span;
      else if (rule.hasSecretGroup) continue; // the secret group did not take part in this match
      const secret = text.slice(start, end);
      if (rule.minEntropy !== undefined && shannonEntropy(secret) < rule.minEntropy) continue;
      if (rule.validate && !rule.validate(secret, m[0])) continue;
      if (this.allow?.(text, start, end, m[0])) continue;
      out.push({ ruleId: rule.id, start, end, order });
    }
  }
}

/** Sorts by position; overlapping spans become one, named by the earliest-starting (then most specific) rule. */
export function mergeFindings(found: Array<Finding & { order: number }>): Finding[] {
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

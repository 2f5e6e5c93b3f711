import type { DatabaseSync } from 'node:sqlite';
import { editDistance } from '../query/edit-distance.js';
import type { QueryAtom, QueryClause } from '../query/types.js';
import { foldToken } from '../text/prepare.js';
import type { HighlightTerm } from './matcher.js';
import { highlightTerms, planQuery, type QueryPlan } from './plan.js';

const CJK = /[\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF66-\uFF9F]|[\uD840-\uD87F]/;
const TYPO_CANDIDATES = 5;
const SUBSTRING_CANDIDATES = 10;

export interface ApproximatePlan {
  plan: QueryPlan;
  terms: HighlightTerm[];
  /** Text to look for inside titles when the words found nothing either (3 characters or more). */
  titleText?: string;
}

/**
 * When a query finds nothing: each of its words that the index does not know at all is replaced by the
 * known words one or two edits away (a typo; two from 8 letters on) or containing it (a part of a word),
 * from the bounded vocabulary. Undefined when there is nothing to try.
 */
export function approximatePlan(
  db: DatabaseSync,
  plan: QueryPlan,
  clauses: QueryClause[],
): ApproximatePlan | undefined {
  const docs = db.prepare('SELECT doc FROM fts_vocab WHERE term = ?');
  const known = (term: string) => Number(docs.get(term)?.doc ?? 0);
  let replaced = false;
  const positiveText: string[] = [];
  const approximate = clauses.map((clause): QueryClause => {
    if (clause.negated) return clause;
    const anyOf: QueryAtom[] = [];
    for (const atom of clause.anyOf) {
      positiveText.push(atom.text);
      const word = singleWord(atom);
      if (!word || known(word) > 0) {
        anyOf.push(atom);
        continue;
      }
      const similar = similarWords(db, word, known);
      if (similar.length === 0) {
        anyOf.push(atom);
        continue;
      }
      replaced = true;
      for (const text of similar) anyOf.push({ type: 'word', text });
    }
    return { anyOf, negated: clause.negated };
  });
  const text = positiveText.join(' ').trim();
  const titleText = [...text].length >= 3 ? text : undefined;
  if (!replaced) return titleText ? { plan, terms: highlightTerms(plan), titleText } : undefined;
  const next = planQuery(approximate, plan.columns);
  return { plan: next, terms: highlightTerms(next), ...(titleText ? { titleText } : {}) };
}

/** The atom's word, folded as the index stores it, when it is one plain word (no phrase, prefix or CJK). */
function singleWord(atom: QueryAtom): string | undefined {
  if (atom.type !== 'word' || CJK.test(atom.text)) return undefined;
  const tokens = atom.text.match(/[\p{L}\p{N}\p{Co}]+/gu) ?? [];
  if (tokens.length !== 1) return undefined;
  return foldToken(tokens[0] ?? '');
}

/** Known words near `word`: misspellings first (fewest edits, then most used), then words containing it. */
function similarWords(db: DatabaseSync, word: string, known: (term: string) => number): string[] {
  const out: string[] = [];
  const n = word.length;
  if (n >= 4) {
    const max = n >= 8 ? 2 : 1;
    const near: { term: string; distance: number; docs: number }[] = [];
    for (const row of db
      .prepare('SELECT term FROM terms WHERE length BETWEEN ? AND ?')
      .all(n - max, n + max)) {
      const term = foldToken(String(row.term));
      const distance = editDistance(word, term, max);
      if (distance > max || distance === 0) continue;
      const docs = known(term);
      if (docs > 0) near.push({ term, distance, docs });
    }
    near.sort((a, b) => a.distance - b.distance || b.docs - a.docs);
    for (const { term } of near.slice(0, TYPO_CANDIDATES)) if (!out.includes(term)) out.push(term);
  }
  if (n >= 3) {
    const containing: { term: string; docs: number }[] = [];
    for (const row of db
      .prepare(
        'SELECT t.term FROM terms_tri JOIN terms t ON t.id = terms_tri.rowid WHERE terms_tri MATCH ? LIMIT 500',
      )
      .all(`"${word.replaceAll('"', '""')}"`)) {
      const term = foldToken(String(row.term));
      if (term === word || !term.includes(word)) continue;
      const docs = known(term);
      if (docs > 0) containing.push({ term, docs });
    }
    containing.sort((a, b) => b.docs - a.docs);
    for (const { term } of containing.slice(0, SUBSTRING_CANDIDATES)) if (!out.includes(term)) out.push(term);
  }
  return out;
}

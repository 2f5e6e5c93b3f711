import type { ParsedQuery, QueryAtom } from '../query/types.js';
import type { Column } from '../text/columns.js';
import { atomExpression, clauseExpression, inColumns } from './fts-query.js';
import type { HighlightTerm } from './matcher.js';

/** A parsed query as FTS5 expressions: what every matching session must hold, and must not. */
export interface QueryPlan {
  /** One expression per clause: a session must match each (in any of its chunks). */
  positive: string[];
  /** A session matching any of these is left out. */
  negative: string[];
  /** The positive atoms, each with its expression (for ranking and highlighting). */
  atoms: { atom: QueryAtom; expression: string }[];
  columns: Column[] | undefined;
}

export function planQuery(clauses: ParsedQuery['clauses'], columns: Column[] | undefined): QueryPlan {
  const plan: QueryPlan = { positive: [], negative: [], atoms: [], columns };
  for (const clause of clauses) {
    const expression = clauseExpression(clause);
    if (!expression) continue;
    if (clause.negated) {
      // Excluded when found in what the query searches (with --no-tool-output, tool output does not count).
      plan.negative.push(inColumns(expression, columns));
      continue;
    }
    plan.positive.push(inColumns(expression, columns));
    for (const atom of clause.anyOf) {
      const atomExpr = atomExpression(atom);
      if (atomExpr) plan.atoms.push({ atom, expression: atomExpr });
    }
  }
  return plan;
}

/** Any of the plan's positive atoms, in its columns: what ranks chunks. */
export function anyExpression(plan: QueryPlan, atoms = plan.atoms): string | undefined {
  if (atoms.length === 0) return undefined;
  const any = atoms.length === 1 ? (atoms[0]?.expression ?? '') : atoms.map((a) => a.expression).join(' OR ');
  return inColumns(any, plan.columns);
}

export function highlightTerms(plan: QueryPlan): HighlightTerm[] {
  return plan.atoms.map(({ atom }) => ({ text: atom.text, prefix: atom.type === 'prefix' }));
}

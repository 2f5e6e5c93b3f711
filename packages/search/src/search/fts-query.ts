import type { QueryAtom, QueryClause } from '../query/types.js';
import { COLUMNS, type Column, ROLE_COLUMNS, TOOL_OUTPUT_COLUMN } from '../text/columns.js';
import { hasTokens, prepareQueryText } from '../text/prepare.js';

/**
 * An atom as an FTS5 string: always quoted (`"` doubled), so no input is FTS5 syntax — `*`, `-`, `:`,
 * `AND`, parentheses and SQL are just text the tokenizer splits. A quoted string is a phrase of its tokens,
 * which is what makes `snake_case`, `a.b.c` and `src/x.ts` match as adjacent parts. Undefined when the atom
 * has no token (punctuation or emoji alone).
 */
export function atomExpression(atom: QueryAtom): string | undefined {
  if (!hasTokens(atom.text)) return undefined;
  const quoted = `"${prepareQueryText(atom.text).replaceAll('"', '""')}"`;
  return atom.type === 'prefix' ? `${quoted} *` : quoted;
}

/** A clause as FTS5: its atoms joined by OR; undefined when none has a token. */
export function clauseExpression(clause: QueryClause): string | undefined {
  const parts = clause.anyOf.map(atomExpression).filter((e): e is string => e !== undefined);
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`;
}

/** The columns a query may match in, or undefined for all of them. */
export function allowedColumns(
  role: 'user' | 'assistant' | undefined,
  toolOutput: boolean,
): Column[] | undefined {
  if (role) return ROLE_COLUMNS[role];
  if (!toolOutput) return COLUMNS.filter((c) => c !== TOOL_OUTPUT_COLUMN);
  return undefined;
}

/** An expression limited to some columns (`{a b} : (expr)`). */
export function inColumns(expression: string, columns: readonly Column[] | undefined): string {
  return columns ? `{${columns.join(' ')}} : (${expression})` : expression;
}

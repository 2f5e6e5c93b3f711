import { parseQuery } from '@convx/search';

/**
 * The lower-case words and phrases a query looks for (its filters and excluded words left out), for marking
 * and stepping through matches. A query the parser refuses is looked for as typed.
 */
export function termsOf(query: string): string[] {
  const text = query.trim();
  if (text === '') return [];
  try {
    return [
      ...new Set(
        parseQuery(text)
          .terms.map((t) => t.toLowerCase())
          .filter((t) => t.trim() !== ''),
      ),
    ];
  } catch {
    return [text.toLowerCase()];
  }
}

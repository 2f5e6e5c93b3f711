import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** At most this many words are kept for the typo and substring fallback. */
const MAX_TERMS = 250_000;

/**
 * The bounded vocabulary behind the approximate fallback: words (letters only, 4–24 of them, lower-cased) of
 * what people and assistants wrote, each stored once with its trigrams. Words are only added: one that no
 * longer occurs costs a candidate that finds nothing. Known words are kept in memory during an update, so
 * a session's words cost a set lookup each.
 */
export class Vocabulary {
  private known: Set<string> | undefined;
  private readonly insertTerm: StatementSync;
  private readonly insertTrigrams: StatementSync;

  constructor(private readonly db: DatabaseSync) {
    this.insertTerm = db.prepare('INSERT OR IGNORE INTO terms (term, length) VALUES (?, ?)');
    this.insertTrigrams = db.prepare('INSERT INTO terms_tri (rowid, term) VALUES (?, ?)');
  }

  /** Adds words (lower-case letters, 4–24: what parseTwin collects) not known yet. */
  add(words: readonly string[]): void {
    const known = this.load();
    if (known.size >= MAX_TERMS) return;
    for (const word of words) {
      if (known.has(word)) continue;
      known.add(word);
      const result = this.insertTerm.run(word, word.length);
      if (result.changes > 0) this.insertTrigrams.run(result.lastInsertRowid, word);
      if (known.size >= MAX_TERMS) return;
    }
  }

  private load(): Set<string> {
    if (!this.known) {
      this.known = new Set();
      for (const row of this.db.prepare('SELECT term FROM terms').all()) this.known.add(String(row.term));
    }
    return this.known;
  }
}

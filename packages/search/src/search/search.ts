import type { DatabaseSync } from 'node:sqlite';
import { SESSION_SHIFT } from '../db/schema.js';
import { parseQuery } from '../query/parse.js';
import { COLUMN_WEIGHTS, COLUMNS } from '../text/columns.js';
import { foldToken } from '../text/prepare.js';
import type { SearchHit, SearchOptions, SearchResult } from '../types.js';
import { ChunkReader } from './chunk-messages.js';
import { approximatePlan } from './fallback.js';
import { filterSql, roleOf, type SqlCondition } from './filters.js';
import { allowedColumns } from './fts-query.js';
import { type HighlightTerm, TermMatcher } from './matcher.js';
import { pickSnippet } from './pick.js';
import { anyExpression, highlightTerms, planQuery, type QueryPlan } from './plan.js';
import { SESSION_COLUMNS, toHit } from './rows.js';

const WEIGHTS = COLUMNS.map((c) => COLUMN_WEIGHTS[c]).join(', ');
const CHUNKS = 2 ** SESSION_SHIFT;
/** Sessions whose first matching chunk one pass over the matches finds (see `firstChunks`). */
const FIRST_CHUNKS_PER_PASS = 1000;
/** Below this many full-text rows every word takes part in ranking (see `rankingExpression`). */
const SMALL_INDEX_ROWS = 2000;

type Sort = 'relevance' | 'newest';
type Row = Record<string, unknown>;

/** One page of matching sessions, as the database returns them. */
interface Page {
  rows: Row[];
  total: number;
}

/**
 * Answers queries against an open index. A session matches when each positive clause matches one of its
 * chunks (any chunk: the words of a query may be spread over a conversation) and no negative clause
 * matches any; filters select sessions. Sessions rank by bm25 of their best chunk (columns weighted by
 * kind), then newest first. The page's snippets are read back from the twins.
 */
export class Searcher {
  private readonly chunks: ChunkReader;

  constructor(
    private readonly db: DatabaseSync,
    outputRoot: string,
  ) {
    this.chunks = new ChunkReader(db, outputRoot);
  }

  search(query: string, options: SearchOptions = {}): SearchResult {
    const started = performance.now();
    const parsed = parseQuery(query);
    const where = filterSql(options, parsed.filters);
    const columns = allowedColumns(roleOf(options, parsed.filters), options.toolOutput !== false);
    const sort: Sort = options.sort === 'newest' ? 'newest' : 'relevance';
    const page = { limit: count(options.limit, 20), offset: count(options.offset, 0) };
    const plan = planQuery(parsed.clauses, columns);
    let found = this.page(plan, where, sort, page);
    let terms = highlightTerms(plan);
    let approximate = false;
    let answered = plan;
    if (found.total === 0 && plan.atoms.length > 0) {
      const fallback = approximatePlan(this.db, plan, parsed.clauses);
      if (fallback) {
        let next = fallback.plan === plan ? found : this.page(fallback.plan, where, sort, page);
        if (next.total === 0 && fallback.titleText) next = this.titlePage(fallback.titleText, where, page);
        if (next.total > 0) {
          found = next;
          terms = fallback.terms;
          answered = fallback.plan;
          approximate = true;
        }
      }
    }
    const hits = this.hits(answered, found.rows, new TermMatcher(terms), sort);
    return { hits, total: found.total, approximate, tookMs: Math.round(performance.now() - started) };
  }

  /** One page of the sessions matching the plan, ranked or newest first, with the total. */
  private page(
    plan: QueryPlan,
    where: SqlCondition,
    sort: Sort,
    page: { limit: number; offset: number },
  ): Page {
    const match = `SELECT DISTINCT rowid >> ${SESSION_SHIFT} FROM fts WHERE fts MATCH ?`;
    const ranking = sort === 'relevance' ? this.rankingExpression(plan) : undefined;
    const params: (string | number)[] = [];
    const ctes: string[] = [];
    if (ranking) {
      ctes.push(
        `hit AS MATERIALIZED (SELECT rowid AS row, bm25(fts, ${WEIGHTS}) AS rank FROM fts WHERE fts MATCH ?)`,
      );
      params.push(ranking);
    }
    // Sessions holding every positive clause and no negative one. A single clause that is also what ranks
    // is read once, from the hits.
    const fromHits =
      ranking !== undefined &&
      plan.negative.length === 0 &&
      plan.positive.length === 1 &&
      plan.positive[0] === ranking;
    const filtered = plan.positive.length > 0 || plan.negative.length > 0;
    if (filtered) {
      const selects = fromHits
        ? `SELECT DISTINCT row >> ${SESSION_SHIFT} FROM hit`
        : plan.positive.length
          ? plan.positive.map(() => match).join(' INTERSECT ')
          : 'SELECT id FROM sessions';
      ctes.push(
        `candidate (id) AS MATERIALIZED (${selects}${plan.negative.map(() => ` EXCEPT ${match}`).join('')})`,
      );
      if (!fromHits) params.push(...plan.positive);
      params.push(...plan.negative);
    }
    const member = filtered ? 's.id IN candidate AND ' : '';
    if (ranking) {
      // Each session's best chunk: the lowest bm25 among its hits, else 0 (matched only by common words).
      // One grouping over both, not a join: a join with a CTE gets no index here and scans it per session.
      ctes.push(`ranked AS MATERIALIZED (SELECT id, min(rank) AS rank, row FROM (
          SELECT row >> ${SESSION_SHIFT} AS id, rank, row FROM hit UNION ALL SELECT id, 0, NULL FROM candidate
        ) GROUP BY id)`);
    }
    // The page first, then its columns. Unranked, the start-time index gives the page: it stops after a page.
    const shown = ranking
      ? `SELECT s.id, ranked.rank, ranked.row FROM ranked JOIN sessions s ON s.id = ranked.id
         WHERE ${member}${where.sql} ORDER BY ranked.rank, s.started_at DESC, s.id DESC LIMIT ? OFFSET ?`
      : `SELECT s.id, NULL AS rank, NULL AS row FROM sessions s WHERE ${member}${where.sql}
         ORDER BY s.started_at DESC, s.id DESC LIMIT ? OFFSET ?`;
    ctes.push(`shown AS (${shown})`);
    params.push(...where.params, page.limit, page.offset);
    const count =
      where.sql === '1' && filtered
        ? '(SELECT count(*) FROM candidate)'
        : `(SELECT count(*) FROM sessions s WHERE ${member}${where.sql})`;
    if (count.includes('?')) params.push(...where.params);
    const sql = `WITH ${ctes.join(',\n')}
      SELECT ${SESSION_COLUMNS}, s.chunk_count, shown.rank, shown.row, ${count} AS total
      FROM shown JOIN sessions s ON s.id = shown.id
      ORDER BY ${ranking ? 'shown.rank, ' : ''}s.started_at DESC, s.id DESC`;
    const rows = this.db.prepare(sql).all(...params);
    if (rows.length > 0 || page.offset === 0) return { rows, total: Number(rows[0]?.total ?? 0) };
    // Past the last page: count without one.
    return { rows, total: this.page(plan, where, sort, { limit: 1, offset: 0 }).total };
  }

  /** Sessions whose title holds `text` (the trigram index: any part of 3 characters or more), newest first. */
  private titlePage(text: string, where: SqlCondition, page: { limit: number; offset: number }): Page {
    const rows = this.db
      .prepare(
        `SELECT ${SESSION_COLUMNS}, s.chunk_count, count(*) OVER () AS total, NULL AS rank, NULL AS row
         FROM titles JOIN sessions s ON s.id = titles.rowid WHERE titles MATCH ? AND ${where.sql}
         ORDER BY s.started_at IS NULL, s.started_at DESC, s.id DESC LIMIT ? OFFSET ?`,
      )
      .all(`"${text.replaceAll('"', '""')}"`, ...where.params, page.limit, page.offset);
    return { rows, total: rows.length > 0 ? Number(rows[0]?.total) : 0 };
  }

  /**
   * What ranks chunks: any positive atom, except a plain word (or a prefix of only such words) found in
   * more than half of a large index's rows. bm25 gives such a word no weight (its IDF is clamped to nothing), and reading its postings would
   * cost most of the query; sessions it alone matches rank after the others, newest first.
   */
  private rankingExpression(plan: QueryPlan): string | undefined {
    if (plan.atoms.length === 0) return undefined;
    const rows = Number(this.db.prepare('SELECT count(*) AS n FROM fts_docsize').get()?.n ?? 0);
    if (rows < SMALL_INDEX_ROWS) return anyExpression(plan);
    const docs = this.db.prepare('SELECT doc FROM fts_vocab WHERE term = ?');
    // The most used word a prefix stands for (a prefix of common words is as uninformative as they are).
    const prefixDocs = this.db.prepare(
      'SELECT max(doc) AS doc FROM fts_vocab WHERE term >= ?1 AND term < ?1 || char(1114111)',
    );
    const informative = plan.atoms.filter(({ atom }) => {
      if (atom.type === 'phrase') return true;
      const tokens = atom.text.match(/[\p{L}\p{N}\p{Co}]+/gu) ?? [];
      if (tokens.length !== 1) return true;
      const token = foldToken(tokens[0] ?? '');
      const doc = atom.type === 'prefix' ? prefixDocs.get(token)?.doc : docs.get(token)?.doc;
      return Number(doc ?? 0) <= rows / 2;
    });
    return anyExpression(plan, informative);
  }

  private hits(plan: QueryPlan, rows: Row[], matcher: TermMatcher, sort: Sort): SearchHit[] {
    const firstChunks = this.firstChunks(plan, rows);
    return rows.map((row) => {
      const id = Number(row.id);
      let chunk = row.row === null || row.row === undefined ? undefined : Number(row.row) - id * CHUNKS;
      if (chunk === undefined && firstChunks) chunk = Number(row.chunk_count) > 1 ? firstChunks.get(id) : 0;
      const messages = chunk === undefined ? [] : this.chunks.read(id, chunk);
      const pick = pickSnippet(String(row.title), messages, matcher, plan.columns);
      const messageIndex = pick.number >= 0 && pick.number < Number(row.message_count) ? pick.number : -1;
      const score =
        sort === 'newest' || row.rank === null || row.rank === undefined ? 0 : round(-Number(row.rank));
      return toHit(row, messageIndex, pick.snippet, score);
    });
  }

  /**
   * The first chunk matching any positive atom of each page row not ranked (sorted by time, or matched by
   * common words only) that has several chunks; undefined when the plan has no atom. Ranking the chunks of a
   * session of thousands would not do. A rowid range seeks in the postings, but for a common word a seek
   * costs most of what reading its whole doclist does (~1 ms per word on 31,000 chunks): one such seek for a
   * single row, else one pass over the matches for the page's rows.
   */
  private firstChunks(plan: QueryPlan, rows: Row[]): Map<number, number> | undefined {
    const any = anyExpression(plan);
    if (!any) return undefined;
    const ids: number[] = [];
    for (const row of rows)
      if ((row.row === null || row.row === undefined) && Number(row.chunk_count) > 1)
        ids.push(Number(row.id));
    const first = new Map<number, number>();
    if (ids.length === 1) {
      const base = (ids[0] as number) * CHUNKS;
      const found = this.db
        .prepare('SELECT rowid FROM fts WHERE fts MATCH ? AND rowid >= ? AND rowid <= ? LIMIT 1')
        .get(any, base, base + CHUNKS - 1);
      if (found) first.set(ids[0] as number, Number(found.rowid) - base);
    } else {
      // A pass per thousand sessions: a page may be as long as the caller asks, a statement's parameters not.
      for (let from = 0; from < ids.length; from += FIRST_CHUNKS_PER_PASS) {
        const some = ids.slice(from, from + FIRST_CHUNKS_PER_PASS);
        const found = this.db
          .prepare(
            `SELECT rowid >> ${SESSION_SHIFT} AS id, min(rowid) AS row FROM fts
             WHERE fts MATCH ? AND rowid >> ${SESSION_SHIFT} IN (${some.map(() => '?').join(', ')}) GROUP BY 1`,
          )
          .all(any, ...some);
        for (const { id, row } of found) first.set(Number(id), Number(row) - Number(id) * CHUNKS);
      }
    }
    return first;
  }
}

function count(value: number | undefined, fallback: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.max(0, Math.floor(value));
}

const round = (score: number) => Math.round(score * 1e6) / 1e6;

export type { HighlightTerm };

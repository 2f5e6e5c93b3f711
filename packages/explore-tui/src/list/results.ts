import type { FilterOptions, SearchHit, SearchIndex, SessionSummary } from '@convx/search';

/** A row of the list: a session when browsing, a hit (with its snippet) when a search is shown. */
export type Row = { kind: 'session'; session: SessionSummary } | { kind: 'hit'; hit: SearchHit };

/** The filters the list applies besides the query text (the `s` and `p` keys). */
export interface ListFilters {
  source?: string;
  project?: string;
}

const PAGE = 100;
/** Pages kept in memory: scrolling anywhere in 10,000+ sessions holds a few thousand rows at most. */
const MAX_PAGES = 40;

/**
 * The rows of the list, read from the index a page at a time as the screen needs them (the list is
 * virtualized: only the visible rows are ever asked for). `query` empty: every session, newest first.
 * The constructor reads the first page, so a query the index refuses throws its QueryError here.
 */
export class ResultList {
  readonly total: number;
  readonly approximate: boolean;
  readonly tookMs: number;
  readonly #pages = new Map<number, Row[]>();

  constructor(
    readonly index: SearchIndex,
    readonly query: string,
    readonly filters: ListFilters,
  ) {
    const started = performance.now();
    const first = this.#read(0);
    this.total = first.total;
    this.approximate = first.approximate;
    this.tookMs = Math.round(performance.now() - started);
    this.#pages.set(0, first.rows);
  }

  get isSearch(): boolean {
    return this.query.trim() !== '';
  }

  /** Row `i`, reading its page when it is not held. */
  at(i: number): Row | undefined {
    if (i < 0 || i >= this.total) return undefined;
    const page = Math.floor(i / PAGE);
    let rows = this.#pages.get(page);
    if (!rows) {
      rows = this.#read(page).rows;
      this.#pages.set(page, rows);
      if (this.#pages.size > MAX_PAGES) {
        const oldest = this.#pages.keys().next().value;
        if (oldest !== undefined) this.#pages.delete(oldest);
      }
    }
    return rows[i - page * PAGE];
  }

  #read(page: number): { rows: Row[]; total: number; approximate: boolean } {
    const options: FilterOptions = filterOptions(this.filters);
    if (!this.isSearch) {
      const result = this.index.listSessions({
        ...options,
        sort: 'newest',
        limit: PAGE,
        offset: page * PAGE,
      });
      return {
        rows: result.sessions.map((session) => ({ kind: 'session', session })),
        total: result.total,
        approximate: false,
      };
    }
    const result = this.index.search(this.query, { ...options, limit: PAGE, offset: page * PAGE });
    return {
      rows: result.hits.map((hit) => ({ kind: 'hit', hit })),
      total: result.total,
      approximate: result.approximate,
    };
  }
}

export function filterOptions(filters: ListFilters): FilterOptions {
  return {
    ...(filters.source ? { source: [filters.source] } : {}),
    ...(filters.project ? { project: filters.project } : {}),
  };
}

/** The key, source, title, project and start of a row, whichever kind it is. */
export function rowSession(
  row: Row,
): Pick<SessionSummary, 'key' | 'source' | 'title' | 'project' | 'startedAt' | 'path'> {
  return row.kind === 'session' ? row.session : row.hit;
}

import type { SearchHit, SessionSummary } from '@convx/search';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from './api.js';

/** One row of the list: a session, or a search hit (with its snippet and best message). */
export interface Row {
  key: string;
  source: string;
  title: string;
  project: string | null;
  machine: string | null;
  user: string | null;
  startedAt: string | null;
  messageCount: number | null;
  snippet: string | null;
  messageIndex: number;
}

const PAGE = 100;

const fromHit = (hit: SearchHit): Row => ({ ...hit, messageCount: null, snippet: hit.snippet });
const fromSession = (s: SessionSummary): Row => ({ ...s, snippet: null, messageIndex: -1 });

export interface Results {
  total: number | null;
  approximate: boolean;
  tookMs: number | null;
  error: string | null;
  row(index: number): Row | undefined;
  /** Loads the pages covering rows from…to (the virtual list asks for what it shows). */
  ensure(from: number, to: number): void;
}

/**
 * The list for the URL's query: `/api/search` when there is a query, else `/api/sessions`, newest first.
 * Rows are loaded a page at a time as they scroll into view, so tens of thousands cost nothing up front.
 */
export function useResults(params: URLSearchParams, revision: number): Results {
  const query = params.get('q')?.trim() ?? '';
  const filterKey = params.toString();
  const [pages, setPages] = useState<Map<number, Row[]>>(new Map());
  const [total, setTotal] = useState<number | null>(null);
  const [meta, setMeta] = useState({ approximate: false, tookMs: null as number | null });
  const [error, setError] = useState<string | null>(null);
  const requested = useRef(new Set<number>());
  const generation = useRef(0);
  const shown = useRef(0);

  const fetchPage = (page: number, gen: number) => {
    requested.current.add(page);
    const p = new URLSearchParams(params);
    p.set('limit', String(PAGE));
    p.set('offset', String(page * PAGE));
    const done = (rows: Row[], count: number) => {
      if (gen !== generation.current) return;
      setTotal(count);
      setError(null);
      setPages((old) => {
        // The first answer of a new query (or after a live change) replaces every page shown before.
        if (shown.current === gen) return new Map(old).set(page, rows);
        shown.current = gen;
        return new Map([[page, rows]]);
      });
    };
    const failed = (failure: Error) => {
      if (gen !== generation.current || failure.name === 'AbortError') return;
      requested.current.delete(page);
      setError(failure.message);
      // A query the index refused (an unknown filter, a bad date) shows its message instead of old rows.
      if (page === 0) setTotal(0);
    };
    if (query) {
      api.search(p).then((result) => {
        if (gen === generation.current) setMeta({ approximate: result.approximate, tookMs: result.tookMs });
        done(result.hits.map(fromHit), result.total);
      }, failed);
    } else {
      p.delete('q');
      api.sessions(p).then((result) => {
        if (gen === generation.current) setMeta({ approximate: false, tookMs: null });
        done(result.sessions.map(fromSession), result.total);
      }, failed);
    }
  };

  useEffect(() => {
    const gen = ++generation.current;
    requested.current = new Set();
    // The old rows stay until the new first page arrives (no flash of an empty list).
    fetchPage(0, gen);
  }, [filterKey, revision]);

  return {
    total,
    approximate: meta.approximate,
    tookMs: meta.tookMs,
    error,
    row: (index) => pages.get(Math.floor(index / PAGE))?.[index % PAGE],
    ensure(from, to) {
      for (let page = Math.floor(from / PAGE); page <= Math.floor(to / PAGE); page++) {
        if (!requested.current.has(page) && (total === null || page * PAGE < total)) {
          fetchPage(page, generation.current);
        }
      }
    },
  };
}

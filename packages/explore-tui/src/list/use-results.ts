import { isQueryError, type SearchIndex } from '@convx/search';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Status } from '../ui/context.js';
import { type ListFilters, ResultList } from './results.js';

/** Typing pauses this long before the draft query runs (each key restarts the wait). */
export const SEARCH_DEBOUNCE_MS = 120;

/**
 * The list's rows: every session, or the results of a query, within the filters. `preview(query)` runs a
 * query as it is typed (debounced, so fast typing runs it once); `run(query)` runs it now. A query the index
 * refuses leaves the rows as they were and says why.
 */
export function useResults(index: SearchIndex, say: (status: Status) => void) {
  const [filters, setFilters] = useState<ListFilters>({});
  const [list, setList] = useState(() => new ResultList(index, '', {}));
  const timer = useRef<NodeJS.Timeout | undefined>(undefined);

  const attempt = useCallback(
    (query: string, nextFilters: ListFilters): boolean => {
      try {
        setList(new ResultList(index, query, nextFilters));
        return true;
      } catch (error) {
        say({
          text: isQueryError(error) ? error.message : `The search failed: ${String(error)}`,
          tone: 'error',
        });
        return false;
      }
    },
    [index, say],
  );

  const cancel = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = undefined;
  }, []);

  const run = useCallback(
    (query: string) => {
      cancel();
      return attempt(query, filters);
    },
    [attempt, cancel, filters],
  );

  const preview = useCallback(
    (query: string) => {
      cancel();
      timer.current = setTimeout(() => attempt(query, filters), SEARCH_DEBOUNCE_MS);
    },
    [attempt, cancel, filters],
  );

  const filter = useCallback(
    (next: ListFilters, query: string) => {
      cancel();
      setFilters(next);
      attempt(query, next);
    },
    [attempt, cancel],
  );

  useEffect(() => cancel, [cancel]);

  return { list, filters, run, preview, filter, cancel };
}

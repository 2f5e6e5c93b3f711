import { useEffect, useRef, useState } from 'preact/hooks';
import { dateTime, shortPath } from '../lib/format.js';
import { useRevision } from '../lib/live.js';
import { linkClick, navigate, withParam } from '../lib/route.js';
import { type Row, useResults } from '../lib/use-results.js';
import { Filters, markListShown } from '../parts/Filters.js';
import { VirtualList } from '../parts/VirtualList.js';

/** The keyboard selection of each list the user visited (back from a transcript, it is where it was). */
const selections = new Map<string, number>();

/** Where a row leads: the transcript, at the best-matching message for a search hit. */
export function rowHref(row: Row): string {
  return `/s/${encodeURIComponent(row.key)}${row.messageIndex >= 0 ? `#m${row.messageIndex}` : ''}`;
}

/** Search snippets arrive escaped with `<mark>` around matches; anything else that looks like a tag is escaped again. */
function safeSnippet(snippet: string): string {
  return snippet.replace(/<(?!\/?mark>)/g, '&lt;');
}

/** The session list (or search results) with the filter panel; `j`/`k` move, Enter opens. */
export function ListView({ params }: { params: URLSearchParams }) {
  const revision = useRevision();
  const results = useResults(params, revision);
  const listKey = params.toString();
  const [selected, setSelected] = useState(() => selections.get(listKey) ?? -1);
  useEffect(() => {
    selections.set(listKey, selected);
  }, [listKey, selected]);
  const [showFilters, setShowFilters] = useState(false);
  const searching = Boolean(params.get('q')?.trim());
  const total = results.total ?? 0;
  useEffect(() => {
    if (results.total !== null) markListShown();
  }, [results.total]);

  const firstKey = useRef(listKey);
  useEffect(() => {
    if (listKey !== firstKey.current) setSelected(-1);
  }, [listKey]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTyping(event) || event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === 'j' || event.key === 'ArrowDown') setSelected((s) => Math.min(total - 1, s + 1));
      else if (event.key === 'k' || event.key === 'ArrowUp') setSelected((s) => Math.max(0, s - 1));
      else if (event.key === 'Enter' && selected >= 0) {
        const row = results.row(selected);
        if (row) navigate(rowHref(row));
      } else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <div class={`list-view${showFilters ? ' filters-open' : ''}`}>
      <Filters params={params} path="/" />
      <section class="results" aria-label={searching ? 'Search results' : 'Sessions'}>
        <div class="results-head">
          <button type="button" class="filters-toggle" onClick={() => setShowFilters(!showFilters)}>
            Filters
          </button>
          <span class="results-count" aria-live="polite">
            {results.total === null
              ? 'Loading…'
              : searching
                ? `${total.toLocaleString('en')} ${total === 1 ? 'session matches' : 'sessions match'}${results.approximate ? ' (approximate: no exact match)' : ''}`
                : `${total.toLocaleString('en')} ${total === 1 ? 'session' : 'sessions'}, newest first`}
            {results.tookMs !== null ? <span class="muted"> · {results.tookMs} ms</span> : null}
          </span>
          {searching ? (
            <label class="sort">
              Sort
              <select
                value={params.get('sort') === 'newest' ? 'newest' : 'relevance'}
                onChange={(event) => {
                  const value = (event.currentTarget as HTMLSelectElement).value;
                  navigate(withParam(params, 'sort', value === 'newest' ? 'newest' : null), {
                    replace: true,
                  });
                }}
              >
                <option value="relevance">best match</option>
                <option value="newest">newest</option>
              </select>
            </label>
          ) : null}
        </div>
        {results.error ? <div class="error-box">{results.error}</div> : null}
        {results.total === 0 && !results.error ? (
          <div class="empty">
            {searching
              ? 'Nothing matches. Try fewer words, or a prefix like refact*.'
              : 'No sessions here yet.'}
          </div>
        ) : (
          <VirtualList
            count={total}
            rowHeight={searching ? 92 : 64}
            selected={selected}
            label={searching ? 'Search results' : 'Sessions'}
            key={listKey}
            memoryKey={listKey}
            onRange={results.ensure}
            renderRow={(index) => <ResultRow row={results.row(index)} selected={index === selected} />}
          />
        )}
      </section>
    </div>
  );
}

function ResultRow({ row, selected }: { row: Row | undefined; selected: boolean }) {
  if (!row) return <div class="row placeholder" />;
  const href = rowHref(row);
  return (
    <a
      class={`row${selected ? ' selected' : ''}`}
      href={href}
      onClick={(event) => linkClick(event, href)}
      aria-current={selected ? 'true' : undefined}
    >
      <div class="row-top">
        <span class={`source src-${row.source}`}>{row.source}</span>
        <span class="row-title">{row.title}</span>
        <time class="row-date" dateTime={row.startedAt ?? undefined}>
          {dateTime(row.startedAt)}
        </time>
      </div>
      <div class="row-meta muted">
        <span title={row.project ?? ''}>{shortPath(row.project, 3) || 'no project'}</span>
        {row.machine ? <span>{row.machine}</span> : null}
        {row.messageCount !== null ? <span>{row.messageCount} messages</span> : null}
      </div>
      {row.snippet ? (
        <div class="snippet" dangerouslySetInnerHTML={{ __html: safeSnippet(row.snippet) }} />
      ) : null}
    </a>
  );
}

/** True while the user types in a field (the list's single-key shortcuts must not fire then). */
export function isTyping(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  return Boolean(target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)));
}

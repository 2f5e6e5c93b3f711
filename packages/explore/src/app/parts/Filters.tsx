import type { Facets, FacetValue } from '@convx/search';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { useRevision } from '../lib/live.js';
import { navigate, withParam } from '../lib/route.js';
import { ProjectTree } from './ProjectTree.js';

let listShown: () => void = () => undefined;
/** Resolves when the first page of the list arrived (or soon after start, whatever shows first). */
const firstListShown = new Promise<void>((resolve) => {
  listShown = resolve;
  setTimeout(resolve, 400);
});
/** Called by the list when its first rows are in. */
export const markListShown = () => listShown();

/** The filter parameters the list and the stats take from the URL (and the API from them). */
export const FILTER_NAMES = [
  'source',
  'project',
  'machine',
  'user',
  'model',
  'tool',
  'since',
  'until',
] as const;

/** Just the filters of a URL's parameters (no query text, paging or view state). */
export function filterParams(params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const name of FILTER_NAMES) {
    const value = params.get(name);
    if (value) out.set(name, value);
  }
  return out;
}

const values = (params: URLSearchParams, name: string) => (params.get(name) ?? '').split(',').filter(Boolean);

/**
 * The filter panel: sources, projects (as a tree), machines, users, models and tools with their session
 * counts among the current selection, and a date range. Every choice is a URL parameter.
 */
export function Filters({ params, path }: { params: URLSearchParams; path: string }) {
  const [facets, setFacets] = useState<Facets | null>(null);
  const revision = useRevision();
  const filters = filterParams(params).toString();
  useEffect(() => {
    const controller = new AbortController();
    // The list comes first: the server answers one request at a time, and counts can wait a moment.
    void firstListShown
      .then(() => api.facets(new URLSearchParams(filters), controller.signal))
      .then(setFacets, () => undefined);
    return () => controller.abort();
  }, [filters, revision]);

  const go = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    next.delete('offset');
    navigate(withParam(next, name, value, path), { replace: false });
  };
  const toggle = (name: string, value: string) => {
    const chosen = values(params, name);
    const next = chosen.includes(value) ? chosen.filter((v) => v !== value) : [...chosen, value];
    go(name, next.join(','));
  };
  const active = FILTER_NAMES.some((name) => params.get(name));

  return (
    <aside class="filters" aria-label="Filters">
      {active ? (
        <button
          type="button"
          class="link clear"
          onClick={() => {
            const next = new URLSearchParams(params);
            for (const name of FILTER_NAMES) next.delete(name);
            navigate(withParam(next, 'offset', null, path));
          }}
        >
          Clear filters
        </button>
      ) : null}
      <Checks
        title="Source"
        name="source"
        items={facets?.source}
        chosen={values(params, 'source')}
        toggle={toggle}
      />
      <section class="facet">
        <h3>Project</h3>
        <ProjectTree
          items={facets?.project ?? []}
          chosen={params.get('project')}
          choose={(p) => go('project', p)}
        />
      </section>
      <Checks
        title="Machine"
        name="machine"
        items={facets?.machine}
        chosen={values(params, 'machine')}
        toggle={toggle}
      />
      <Checks title="User" name="user" items={facets?.user} chosen={values(params, 'user')} toggle={toggle} />
      <Checks
        title="Model"
        name="model"
        items={facets?.model}
        chosen={values(params, 'model')}
        toggle={toggle}
      />
      <Checks
        title="Tool"
        name="tool"
        items={facets?.tool}
        chosen={values(params, 'tool')}
        toggle={toggle}
        closed
      />
      <section class="facet dates">
        <h3>Date</h3>
        <label>
          From
          <input
            type="date"
            value={params.get('since') ?? ''}
            onChange={(e) => go('since', (e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <label>
          To
          <input
            type="date"
            value={params.get('until') ?? ''}
            onChange={(e) => go('until', (e.currentTarget as HTMLInputElement).value)}
          />
        </label>
      </section>
    </aside>
  );
}

const SHOWN = 8;

function Checks({
  title,
  name,
  items,
  chosen,
  toggle,
  closed = false,
}: {
  title: string;
  name: string;
  items: FacetValue[] | undefined;
  chosen: string[];
  toggle(name: string, value: string): void;
  closed?: boolean;
}) {
  const [all, setAll] = useState(false);
  if (!items?.length && !chosen.length) return null;
  // Chosen values stay listed even when the other filters leave them no sessions.
  const listed = [...(items ?? [])];
  for (const value of chosen)
    if (!listed.some((item) => item.value === value)) listed.push({ value, count: 0 });
  const visible = all ? listed : listed.filter((item, i) => i < SHOWN || chosen.includes(item.value));
  return (
    <details class="facet" open={!closed || chosen.length > 0}>
      <summary>
        <h3>{title}</h3>
      </summary>
      <ul>
        {visible.map((item) => (
          <li key={item.value}>
            <label>
              <input
                type="checkbox"
                checked={chosen.includes(item.value)}
                onChange={() => toggle(name, item.value)}
              />
              <span class="facet-value">{item.value}</span>
              <span class="count">{item.count.toLocaleString('en')}</span>
            </label>
          </li>
        ))}
      </ul>
      {listed.length > visible.length || all ? (
        <button type="button" class="link" onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${listed.length}`}
        </button>
      ) : null}
    </details>
  );
}

import type { IndexStats } from '@convx/search';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { bucketize } from '../lib/buckets.js';
import { useRevision } from '../lib/live.js';
import { navigate } from '../lib/route.js';
import { ActivityChart, BarList, CalendarHeatmap, HourOfWeek, SourceLegend } from '../parts/charts.js';
import { Filters, filterParams, markListShown } from '../parts/Filters.js';

/** The list's URL with the current filters plus these. */
function listWith(params: URLSearchParams, extra: Record<string, string>): string {
  const next = filterParams(params);
  for (const [name, value] of Object.entries(extra)) next.set(name, value);
  return `/?${next.toString()}`;
}

/** Activity, calendar, hours, projects, models, tools and lengths of the filtered sessions. */
export function StatsView({ params }: { params: URLSearchParams }) {
  const [stats, setStats] = useState<IndexStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const revision = useRevision();
  const filters = filterParams(params).toString();
  useEffect(() => {
    const controller = new AbortController();
    const query = new URLSearchParams(filters);
    query.set('utcOffsetMinutes', String(-new Date().getTimezoneOffset()));
    api.stats(query, controller.signal).then(
      (s) => {
        setStats(s);
        setError(null);
        markListShown();
      },
      (failure: Error) => failure.name !== 'AbortError' && setError(failure.message),
    );
    return () => controller.abort();
  }, [filters, revision]);
  const buckets = useMemo(() => bucketize(stats?.byDay ?? []), [stats]);
  const sources = useMemo(() => [...new Set((stats?.byDay ?? []).map((d) => d.source))].sort(), [stats]);
  const go = (extra: Record<string, string>) => navigate(listWith(params, extra));

  return (
    <div class="list-view stats-view">
      <Filters params={params} path="/stats" />
      <section class="stats" aria-label="Statistics">
        {error ? <div class="error-box">{error}</div> : null}
        {!stats ? (
          <div class="loading">Loading…</div>
        ) : (
          <>
            <div class="totals">
              <div>
                <strong>{stats.sessions.toLocaleString('en')}</strong> sessions
              </div>
              <div>
                <strong>{stats.messages.toLocaleString('en')}</strong> messages
              </div>
              <div>
                {stats.first?.slice(0, 10) ?? '—'} → {stats.last?.slice(0, 10) ?? '—'}
              </div>
            </div>
            <figure class="card wide">
              <figcaption>Activity by source</figcaption>
              <SourceLegend sources={sources} />
              <ActivityChart
                buckets={buckets}
                onPick={(bucket, source) =>
                  go({ since: bucket.start, until: bucket.end, ...(source ? { source } : {}) })
                }
              />
            </figure>
            <figure class="card wide">
              <figcaption>Calendar</figcaption>
              <CalendarHeatmap byDay={stats.byDay} onPick={(day) => go({ since: day, until: day })} />
            </figure>
            <figure class="card">
              <figcaption>Hour of the week</figcaption>
              <HourOfWeek cells={stats.byHourOfWeek} />
            </figure>
            <figure class="card">
              <figcaption>Session length (messages)</figcaption>
              <BarList
                items={stats.lengths.map((l) => ({ value: l.bucket, count: l.count }))}
                unit="session"
              />
            </figure>
            <figure class="card">
              <figcaption>Top projects</figcaption>
              <BarList
                items={stats.projects.slice(0, 15)}
                unit="session"
                onPick={(project) => go({ project })}
              />
            </figure>
            <figure class="card">
              <figcaption>Models</figcaption>
              <BarList items={stats.models.slice(0, 15)} unit="session" onPick={(model) => go({ model })} />
            </figure>
            <figure class="card">
              <figcaption>Tools</figcaption>
              <BarList items={stats.tools.slice(0, 15)} unit="call" onPick={(tool) => go({ tool })} />
            </figure>
          </>
        )}
      </section>
    </div>
  );
}

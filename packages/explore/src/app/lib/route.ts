import { useEffect, useState } from 'preact/hooks';

/** What the address bar says: the app's whole state lives in the URL, so links and back/forward work. */
export type Route =
  | { view: 'list'; params: URLSearchParams }
  | { view: 'stats'; params: URLSearchParams }
  | { view: 'session'; key: string; agent: string; message: number | null };

export function parseRoute(location: Location): Route {
  const path = location.pathname;
  const session = /^\/s\/([^/]+)(?:\/a\/([\d.]+))?\/?$/.exec(path);
  if (session) {
    const hash = /^#m(\d+)$/.exec(location.hash);
    return {
      view: 'session',
      key: decodeURIComponent(session[1] ?? ''),
      agent: session[2] ?? '',
      message: hash ? Number(hash[1]) : null,
    };
  }
  const params = new URLSearchParams(location.search);
  return path === '/stats' ? { view: 'stats', params } : { view: 'list', params };
}

const listeners = new Set<() => void>();

/** Goes to an app URL without a reload (a new history entry, or the same one with `replace`). */
export function navigate(url: string, options: { replace?: boolean } = {}): void {
  if (url === `${location.pathname}${location.search}${location.hash}`) return;
  // Entries the app made are marked, so Esc can go back to them rather than leave the app.
  if (options.replace) history.replaceState(history.state, '', url);
  else history.pushState({ convx: true }, '', url);
  for (const listener of listeners) listener();
}

/** The current route, re-rendered on navigate() and on back/forward. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location));
    listeners.add(update);
    window.addEventListener('popstate', update);
    window.addEventListener('hashchange', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
      window.removeEventListener('hashchange', update);
    };
  }, []);
  return route;
}

/** The list's URL with one parameter set (or removed when empty), keeping the rest. */
export function withParam(params: URLSearchParams, name: string, value: string | null, path = '/'): string {
  const next = new URLSearchParams(params);
  if (value === null || value === '') next.delete(name);
  else next.set(name, value);
  const query = next.toString();
  return query ? `${path}?${query}` : path;
}

/** Link clicks stay in the app (a plain click); modified clicks open a tab as usual. */
export function linkClick(event: MouseEvent, href: string): void {
  if (
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey ||
    event.altKey
  )
    return;
  event.preventDefault();
  navigate(href);
}

/** True when the previous history entry is a page of this app (so going back stays in it). */
export function cameFromApp(): boolean {
  return (history.state as { convx?: boolean } | null)?.convx === true;
}

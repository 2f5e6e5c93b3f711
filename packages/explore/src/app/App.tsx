import { useEffect, useRef, useState } from 'preact/hooks';
import { Revision, useLiveRevision } from './lib/live.js';
import {
  cameFromApp,
  linkClick,
  navigate,
  parseRoute,
  type Route,
  useRoute,
  withParam,
} from './lib/route.js';
import { Help } from './parts/Help.js';
import { isTyping, ListView } from './views/ListView.js';
import { SessionView } from './views/SessionView.js';
import { StatsView } from './views/StatsView.js';

const DEBOUNCE_MS = 180;

/** The explorer: a top bar with the search box, and the view the URL names. */
export function App() {
  const route = useRoute();
  const revision = useLiveRevision();
  const [help, setHelp] = useState(false);
  const search = useRef<HTMLInputElement>(null);
  const params = route.view === 'session' ? null : route.params;
  const [text, setText] = useState(params?.get('q') ?? '');
  const lastList = useRef('/');

  // The box follows the URL (back/forward, links) unless the user is typing in it.
  useEffect(() => {
    if (params && document.activeElement !== search.current) setText(params.get('q') ?? '');
    if (route.view === 'list') lastList.current = `${location.pathname}${location.search}`;
    if (route.view !== 'session') document.title = 'convx explore';
  }, [route]);

  // Instant search: the URL changes as the user types (debounced); the first keystroke adds a history entry.
  useEffect(() => {
    const current = parseRoute(location);
    const currentQ = current.view === 'list' ? (current.params.get('q') ?? '') : null;
    if (currentQ === text || (currentQ === null && text === '')) return;
    const timer = setTimeout(() => {
      const base = current.view === 'list' ? current.params : new URLSearchParams();
      navigate(withParam(base, 'q', text.trim() ? text : null), {
        replace: current.view === 'list' && currentQ !== '',
      });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === 'Escape') {
        if (help) setHelp(false);
        else if (isTyping(event)) (event.target as HTMLElement).blur();
        else if (route.view === 'session') goBack(lastList.current);
        else if (route.view === 'stats') navigate(lastList.current);
        return;
      }
      if (isTyping(event)) return;
      if (event.key === '/') {
        event.preventDefault();
        search.current?.focus();
        search.current?.select();
      } else if (event.key === '?') setHelp(!help);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <Revision.Provider value={revision}>
      <header class="topbar">
        <a class="brand" href="/" onClick={(event) => linkClick(event, '/')}>
          convx
        </a>
        <form class="search" onSubmit={(event) => event.preventDefault()}>
          <input
            ref={search}
            type="search"
            placeholder="Search conversations  ( / )"
            aria-label="Search conversations"
            value={text}
            onInput={(event) => setText((event.currentTarget as HTMLInputElement).value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' || event.key === 'ArrowDown')
                (event.currentTarget as HTMLInputElement).blur();
            }}
          />
        </form>
        <nav class="views">
          <NavLink href={lastList.current} active={route.view === 'list'} label="Sessions" />
          <NavLink href={statsHref(route)} active={route.view === 'stats'} label="Stats" />
          <button
            type="button"
            class="help-button"
            title="Keyboard and search help (?)"
            onClick={() => setHelp(true)}
          >
            ?
          </button>
        </nav>
      </header>
      <main>
        {route.view === 'session' ? (
          <SessionView sessionKey={route.key} agent={route.agent} target={route.message} />
        ) : route.view === 'stats' ? (
          <StatsView params={route.params} />
        ) : (
          <ListView params={route.params} />
        )}
      </main>
      {help ? <Help onClose={() => setHelp(false)} /> : null}
    </Revision.Provider>
  );
}

function NavLink({ href, active, label }: { href: string; active: boolean; label: string }) {
  return (
    <a
      href={href}
      class={active ? 'active' : undefined}
      aria-current={active ? 'page' : undefined}
      onClick={(event) => linkClick(event, href)}
    >
      {label}
    </a>
  );
}

/** Stats keep the list's filters (not its query). */
function statsHref(route: Route): string {
  if (route.view === 'session') return '/stats';
  const next = new URLSearchParams(route.params);
  next.delete('q');
  const query = next.toString();
  return query ? `/stats?${query}` : '/stats';
}

/** Back to where the user came from inside the app, else to the list. */
function goBack(fallback: string): void {
  if (cameFromApp()) history.back();
  else navigate(fallback);
}

import { homedir } from 'node:os';
import { isAbsolute, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SearchHit, SearchResult } from '@convx/search';
import type { Colors } from '../output/colors.js';
import { hyperlink } from './hyperlinks.js';

export interface SearchView {
  colors: Colors;
  /** The output root the hits' paths are relative to. */
  outputRoot: string;
  /** Paths are shown relative to this folder. */
  cwd: string;
  hyperlinks: boolean;
  query: string;
  offset: number;
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};
const unescapeHtml = (text: string) => text.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e);

/**
 * One entry per session: its local start time, source and project, its title, the snippet with the
 * matched words highlighted, and the Markdown file's path relative to the current folder (a hyperlink on
 * terminals that show them). A line above says how many matched, and when the answer is approximate.
 */
export function formatSearch(result: SearchResult, view: SearchView): string {
  const { colors } = view;
  if (result.hits.length === 0) {
    const what = view.query.trim() ? `match ${JSON.stringify(view.query.trim())}` : 'match';
    return result.total > 0
      ? `No more sessions: ${result.total} ${result.total === 1 ? 'session matches' : 'sessions match'}.\n`
      : `No sessions ${what}.\n`;
  }
  const lines: string[] = [];
  const first = view.offset + 1;
  const last = view.offset + result.hits.length;
  const count = `${result.total} ${result.total === 1 ? 'session' : 'sessions'}`;
  const range = result.total > result.hits.length ? ` (showing ${first}–${last})` : '';
  lines.push(
    result.approximate
      ? colors.yellow(`Nothing matched exactly; ${count} with a similar word or part of one${range}:`)
      : colors.dim(`${count}${range}`),
  );
  for (const hit of result.hits) lines.push('', ...entry(hit, view));
  return `${lines.join('\n')}\n`;
}

function entry(hit: SearchHit, view: SearchView): string[] {
  const { colors } = view;
  const head = [when(hit.startedAt), colors.cyan(hit.source), hit.project ? tildify(hit.project) : '']
    .filter(Boolean)
    .join('  ');
  const snippet = hit.snippet.replace(
    /<mark>(.*?)<\/mark>|([^<]+|<)/gs,
    (_, marked?: string, plain?: string) =>
      marked !== undefined ? colors.bold(colors.yellow(unescapeHtml(marked))) : unescapeHtml(plain ?? ''),
  );
  const absolute = join(view.outputRoot, ...hit.path.split('/'));
  const shown = displayPath(absolute, view.cwd);
  const path = view.hyperlinks ? hyperlink(shown, pathToFileURL(absolute).href) : shown;
  return [
    colors.dim(head),
    `  ${colors.bold(hit.title)}`,
    ...(snippet ? [`  ${snippet}`] : []),
    `  ${colors.dim(path)}`,
  ];
}

/** `YYYY-MM-DD HH:MM` in local time, or nothing when the session has no time. */
function when(iso: string | null): string {
  if (!iso) return '';
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())} ${pad(t.getHours())}:${pad(t.getMinutes())}`;
}

/** The path relative to the current folder (absolute only when there is no relative one: another drive). */
function displayPath(absolute: string, cwd: string): string {
  const rel = relative(cwd, absolute);
  return rel === '' || isAbsolute(rel) ? absolute : rel;
}

function tildify(path: string): string {
  const home = homedir();
  if (path === home) return '~';
  return path.startsWith(home + sep) || path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path;
}

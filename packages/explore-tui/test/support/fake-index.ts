import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { FilterOptions, SearchHit, SearchIndex, SessionSummary } from '@convx/search';
import { readTwinHead } from '../../src/list/twin-head.js';

export interface FakeIndex extends SearchIndex {
  sessions: SessionSummary[];
  /** Every call to listSessions and search, with its options, to check what the screen asked for. */
  calls: { method: string; query?: string; options: Record<string, unknown> }[];
}

/**
 * A stand-in for `@convx/search`'s index in component tests: sessions given, or read from an output's twins;
 * search matches every word against the title and first prompt and returns a snippet with `<mark>`s.
 */
export function fakeIndex(
  outputRoot: string,
  sessions: SessionSummary[],
  prompts = new Map<string, string>(),
): FakeIndex {
  const calls: FakeIndex['calls'] = [];
  const filtered = (options: FilterOptions) =>
    sessions.filter(
      (s) =>
        (!options.source || options.source.includes(s.source)) &&
        (!options.project || (s.project ?? '').includes(options.project)),
    );
  const count = (values: (string | null)[]) => {
    const map = new Map<string, number>();
    for (const value of values) if (value) map.set(value, (map.get(value) ?? 0) + 1);
    return [...map].map(([value, n]) => ({ value, count: n })).sort((a, b) => b.count - a.count);
  };
  return {
    sessions,
    calls,
    outputRoot,
    update: async () => ({
      added: 0,
      updated: 0,
      removed: 0,
      unchanged: sessions.length,
      failed: [],
      rebuilt: false,
      ms: 0,
    }),
    search(query, options = {}) {
      calls.push({ method: 'search', query, options: { ...options } });
      if (query.includes('bogus:')) {
        const error = new Error(
          'Unknown filter “bogus:”: use source:, project:, model:, tool:, after: or before:.',
        );
        error.name = 'QueryError';
        throw error;
      }
      const words = query.toLowerCase().split(/\s+/).filter(Boolean);
      const text = (s: SessionSummary) => `${s.title} ${prompts.get(s.key) ?? ''}`;
      const hits: SearchHit[] = filtered(options)
        .filter((s) => words.every((w) => text(s).toLowerCase().includes(w)))
        .map((s) => ({
          ...s,
          messageIndex: prompts.has(s.key) ? 0 : -1,
          snippet: snippet(text(s), words),
          score: 1,
        }));
      const offset = options.offset ?? 0;
      return {
        hits: hits.slice(offset, offset + (options.limit ?? 20)),
        total: hits.length,
        approximate: false,
        tookMs: 1,
      };
    },
    listSessions(options = {}) {
      calls.push({ method: 'listSessions', options: { ...options } });
      const list = filtered(options);
      const offset = options.offset ?? 0;
      return { sessions: list.slice(offset, offset + (options.limit ?? 50)), total: list.length };
    },
    getSession: (key) => sessions.find((s) => s.key === key),
    facets(options = {}) {
      const list = filtered(options);
      return {
        source: count(list.map((s) => s.source)),
        project: count(list.map((s) => s.project)),
        machine: count(list.map((s) => s.machine)),
        user: count(list.map((s) => s.user)),
        model: count(list.flatMap((s) => s.models)),
        tool: [],
      };
    },
    stats: () => {
      throw new Error('not used by the terminal explorer');
    },
    close() {},
  };
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function snippet(text: string, words: string[]): string {
  const escaped = text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
  const pattern = (word: string) => new RegExp(word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
  return words.reduce((out, word) => out.replace(pattern(word), (m) => `<mark>${m}</mark>`), escaped);
}

/** The sessions of an output, from its twins' headers (newest first), and each one's first prompt. */
export async function fixtureSessions(
  outputRoot: string,
): Promise<{ sessions: SessionSummary[]; prompts: Map<string, string> }> {
  const sessions: SessionSummary[] = [];
  const prompts = new Map<string, string>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.name.startsWith('.') && entry.name.endsWith('.json')) {
        const { header: h, messages } = await readTwinHead(path, 50);
        const prompt = messages.find((m) => m.kind === 'text' && m.role === 'user');
        const convx = (h.convx ?? {}) as Record<string, unknown>;
        const twinPath = relative(outputRoot, path).split('\\').join('/');
        const key = String(h.key);
        if (typeof prompt?.text === 'string') prompts.set(key, prompt.text);
        sessions.push({
          key,
          source: String(h.source),
          sessionId: String(h.sessionId),
          title: String(
            h.title ?? (typeof prompt?.text === 'string' ? prompt.text.slice(0, 80) : h.sessionId),
          ),
          project: typeof h.cwd === 'string' ? h.cwd : null,
          machine: typeof convx.systemName === 'string' ? convx.systemName : null,
          user: typeof convx.user === 'string' ? convx.user : null,
          models: Array.isArray(h.models) ? h.models.map(String) : [],
          branch: typeof h.gitBranch === 'string' ? h.gitBranch : null,
          startedAt: typeof h.startedAt === 'string' ? h.startedAt : null,
          endedAt: typeof h.endedAt === 'string' ? h.endedAt : null,
          messageCount: typeof convx.messageCount === 'number' ? convx.messageCount : 0,
          toolCount: 0,
          path: twinPath.replace(/\/\.([^/]+)\.json$/, '/$1.md'),
          twinPath,
        });
      }
    }
  };
  await walk(join(outputRoot, 'history'));
  sessions.sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? ''));
  return { sessions, prompts };
}

import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Facets, IndexStats, SearchHit, SearchIndex, SessionSummary } from '@convx/search';
import { readMessages } from '../../src/twin/messages.js';
import { readTwinOutline } from '../../src/twin/outline.js';

/**
 * A stand-in for @convx/search's index in the server's unit tests: sessions from the twins' headers, a
 * naive title search, counts for facets. The API's own tests use the real index.
 */
export async function fakeIndex(outputRoot: string): Promise<SearchIndex & { sessions: SessionSummary[] }> {
  const sessions: SessionSummary[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.name.startsWith('.') && entry.name.endsWith('.json')) {
        const { root } = await readTwinOutline(path);
        const first = root.kinds.indexOf('p');
        const prompt =
          first === -1
            ? undefined
            : ((await readMessages(path, root, first, 1)).messages[0] as { text?: string }).text;
        const h = root.header as Record<string, unknown> & { convx?: Record<string, unknown> };
        const twinPath = relative(outputRoot, path).split('\\').join('/');
        sessions.push({
          key: String(h.key),
          source: String(h.source),
          sessionId: String(h.sessionId),
          title: String(h.title ?? prompt?.slice(0, 80) ?? h.sessionId),
          project: typeof h.cwd === 'string' ? h.cwd : null,
          machine: typeof h.convx?.systemName === 'string' ? h.convx.systemName : null,
          user: typeof h.convx?.user === 'string' ? h.convx.user : null,
          models: Array.isArray(h.models) ? (h.models as string[]) : [],
          branch: typeof h.gitBranch === 'string' ? h.gitBranch : null,
          startedAt: typeof h.startedAt === 'string' ? h.startedAt : null,
          endedAt: typeof h.endedAt === 'string' ? h.endedAt : null,
          messageCount: root.kinds.length,
          toolCount: [...root.kinds].filter((k) => k === 't').length,
          path: twinPath.replace(/\/\.([^/]+)\.json$/, '/$1.md'),
          twinPath,
        });
      }
    }
  };
  await walk(join(outputRoot, 'history'));
  sessions.sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? ''));
  const count = (values: (string | null)[]) => {
    const map = new Map<string, number>();
    for (const value of values) if (value) map.set(value, (map.get(value) ?? 0) + 1);
    return [...map].map(([value, n]) => ({ value, count: n })).sort((a, b) => b.count - a.count);
  };
  const filtered = (options: { source?: string[] } = {}) =>
    sessions.filter((s) => !options.source || options.source.includes(s.source));
  return {
    sessions,
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
      const words = query.toLowerCase().split(/\s+/).filter(Boolean);
      const hits: SearchHit[] = filtered(options)
        .filter((s) => words.every((w) => s.title.toLowerCase().includes(w)))
        .map((s) => ({ ...s, messageIndex: -1, snippet: s.title.replace(/[&<>"']/g, ''), score: 1 }));
      const offset = options.offset ?? 0;
      return {
        hits: hits.slice(offset, offset + (options.limit ?? 20)),
        total: hits.length,
        approximate: false,
        tookMs: 1,
      };
    },
    listSessions(options = {}) {
      const list = filtered(options);
      const offset = options.offset ?? 0;
      return { sessions: list.slice(offset, offset + (options.limit ?? 50)), total: list.length };
    },
    getSession: (key) => sessions.find((s) => s.key === key),
    facets(options = {}): Facets {
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
    stats(options = {}): IndexStats {
      const list = filtered(options);
      const byDay = new Map<string, { day: string; source: string; sessions: number; messages: number }>();
      for (const s of list) {
        const day = (s.startedAt ?? '').slice(0, 10);
        if (!day) continue;
        const entry = byDay.get(`${day}/${s.source}`) ?? { day, source: s.source, sessions: 0, messages: 0 };
        entry.sessions++;
        entry.messages += s.messageCount;
        byDay.set(`${day}/${s.source}`, entry);
      }
      return {
        sessions: list.length,
        messages: list.reduce((n, s) => n + s.messageCount, 0),
        first: list.at(-1)?.startedAt ?? null,
        last: list[0]?.startedAt ?? null,
        byDay: [...byDay.values()],
        byHourOfWeek: list.map((s) => ({
          weekday: (new Date(s.startedAt ?? 0).getUTCDay() + 6) % 7,
          hour: new Date(s.startedAt ?? 0).getUTCHours(),
          sessions: 1,
        })),
        projects: count(list.map((s) => s.project)),
        models: count(list.flatMap((s) => s.models)),
        tools: [
          { value: 'Bash', count: 12 },
          { value: 'Edit', count: 7 },
        ],
        lengths: [
          { bucket: '1-5', count: 3 },
          { bucket: '6-20', count: 20 },
          { bucket: '21-50', count: 8 },
          { bucket: '51-200', count: 1 },
          { bucket: '201+', count: 0 },
        ],
      };
    },
    close() {},
  };
}

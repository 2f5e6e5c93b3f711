import { readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  createSession,
  defineAdapter,
  type Message,
  type Session,
  type SyncOptions,
} from '../../src/index.js';

/**
 * What a session file of the mixed source holds, and so how a run must end for it:
 * - `ok` / `warn`: exported (`warn` with a warning, as for a malformed line);
 * - `empty`: no messages; `elsewhere`: recorded in another project (the filter rejects it);
 * - `marker`: a prompt holds the skip marker (withdrawn); `boom`: fails to load;
 * - `vanish`: deleted right after discovery listed it (deleted at source).
 */
export type MixedKind = 'ok' | 'warn' | 'empty' | 'elsewhere' | 'marker' | 'boom' | 'vanish';

export const SKIP_MARKER = 'SKIPME';

/**
 * A source over `<home>/.<name>/`: `<id>.json` files holding `{"kind","v"}`; `skip-<id>.json` files the
 * adapter knows are deleted in the tool (a ref with a `skip` reason); `*.bad` files it cannot read (reported);
 * and a `THROW` file that makes discovery throw after listing everything.
 */
export function mixedAdapter(name: string) {
  return defineAdapter({
    name,
    defaultLocations: ({ home }) => [join(home, `.${name}`)],
    async *discover(ctx, locations) {
      let throwAtEnd = false;
      for (const root of locations) {
        for await (const file of ctx.walk(root, { patterns: ['*'] })) {
          const fileName = basename(file.path);
          if (fileName === 'THROW') throwAtEnd = true;
          else if (fileName.endsWith('.bad')) ctx.report({ path: file.path, message: 'not a session file' });
          else if (fileName.endsWith('.json')) {
            const id = basename(file.path, '.json');
            const ref = {
              sessionId: id,
              fingerprint: `${file.size}:${file.mtimeMs}`,
              path: file.path,
              files: [file.path],
              ...(id.startsWith('skip-') ? { skip: `deleted in ${name}` } : {}),
            };
            const vanishes = !ref.skip && (await readFile(file.path, 'utf8')).includes('"vanish"');
            yield ref;
            if (vanishes) await rm(file.path);
          }
        }
      }
      if (throwAtEnd) throw new Error('the session index is corrupt');
    },
    async load(ctx, ref): Promise<Session> {
      const { kind, v } = (await ctx.readJson(ref.path)) as { kind: MixedKind; v: number };
      if (kind === 'boom') throw new Error('this session cannot be read');
      const text = kind === 'marker' ? `secret work ${SKIP_MARKER}` : `task ${ref.sessionId} version ${v}`;
      const messages: Message[] =
        kind === 'empty'
          ? []
          : [
              { kind: 'text', role: 'user', text, timestamp: '2026-01-02T03:04:00.000Z' },
              { kind: 'text', role: 'assistant', text: 'Done.', timestamp: '2026-01-02T03:05:00.000Z' },
            ];
      return createSession({
        source: name,
        sessionId: ref.sessionId,
        title: `${name} ${ref.sessionId}`,
        cwd: kind === 'elsewhere' ? '/home/alice/code/other' : '/home/alice/code/app',
        sourceLocation: { path: ref.path },
        messages,
        diagnostics:
          kind === 'warn'
            ? [{ code: 'malformed-line', message: 'line is not valid JSON; skipped', count: 1, line: 3 }]
            : [],
      });
    },
  });
}

/** The filter and withdraw rule the mixed source's runs use (what sync and the skip marker do). */
export const mixedRules: Pick<SyncOptions, 'filter' | 'filterId' | 'filterReason' | 'withdraw'> = {
  filter: (session) => session.cwd === '/home/alice/code/app',
  filterId: 'app',
  filterReason: 'not in this repository',
  withdraw: {
    id: 'marker',
    test: (session) =>
      session.messages.some((m) => m.kind === 'text' && m.text.includes(SKIP_MARKER))
        ? { reason: 'skip marker', detail: `a prompt contains ${SKIP_MARKER}` }
        : undefined,
  },
};

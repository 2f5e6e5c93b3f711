// The plugins of the worker-thread tests, named by a run spec (`WorkerPlan.spec`) and imported by every
// thread over the built engine: plain JavaScript, since worker threads import it without vitest's transforms. `<home>/.fake/<id>.jsonl` holds one
// `{"text"}` line per user message; a `{"crash":true}` line ends the thread that loads it, `{"boom":true}`
// throws, `{"pid":true}` records which thread loaded the session, `{"hog":N}` holds N kB at once,
// `{"long":N}` is a line of N bytes (its text is not kept). With `data.memoLog`, every load asks `ctx.memo` for
// one value per thread, and the log file records each making and disposal with the thread's id.
import { appendFileSync } from 'node:fs';
import { basename } from 'node:path';
import { isMainThread, threadId } from 'node:worker_threads';
import { createSession, defineAdapter, defineRenderer } from '../../dist/index.js';

/** The fake source; `data.title` names every s* session alike. */
export function createFakeAdapter(data) {
  return defineAdapter({
    name: 'fake',
    defaultLocations: ({ home }) => [`${home}/.fake`],
    async *discover(ctx, locations) {
      for (const root of locations) {
        for await (const file of ctx.walk(root, { patterns: ['*.jsonl'] })) {
          yield {
            sessionId: basename(file.path, '.jsonl'),
            fingerprint: `${file.size}:${file.mtimeMs}`,
            path: file.path,
            size: file.size,
          };
        }
      }
    },
    async load(ctx, ref) {
      if (data.memoLog) {
        const log = (line) => appendFileSync(data.memoLog, `${line}\n`);
        ctx.memo(
          'thread',
          () => {
            log(`made ${threadId}`);
            return threadId;
          },
          (id) => log(`disposed ${id}`),
        );
      }
      const messages = [];
      // Through the context, as real adapters read: the run's line limit applies.
      for await (const { value: record } of ctx.readJsonl(ref.path)) {
        // In a worker thread only that thread ends; the main thread must never load such a session.
        if (record.crash) {
          if (isMainThread) throw new Error('a crashing session was loaded on the main thread');
          process.exit(3);
        }
        if (record.boom) throw new Error('this session cannot be read');
        if (record.hog) {
          // Holds `hog` kilobytes at once (120,000: more than a capped worker heap once allowed).
          const held = Array.from({ length: record.hog }, (_, i) => `${'y'.repeat(1000)}${i}`);
          messages.push({ kind: 'text', role: 'user', text: `thread ${threadId} held ${held.length} kB` });
          continue;
        }
        if (record.long) continue;
        messages.push({ kind: 'text', role: 'user', text: record.pid ? `thread ${threadId}` : record.text });
      }
      return createSession({
        source: 'fake',
        sessionId: ref.sessionId,
        // `data.title` names every s* session alike, so they compete for one name.
        title: (ref.sessionId.startsWith('s') && data.title) || ref.sessionId,
        startedAt: '2026-01-02T03:04:00.000Z',
        sourceLocation: { path: ref.path },
        messages,
      });
    },
  });
}

export const plainRenderer = defineRenderer({
  name: 'plain',
  version: '1',
  render: (session) => [{ suffix: '.md', content: session.messages.map((m) => `${m.text}\n`).join('') }],
});

import { basename } from 'node:path';
import {
  type AdapterContext,
  createSession,
  defineAdapter,
  loadFromStream,
  type Message,
  type MessageSink,
  type Session,
  type SessionRef,
  TimeSpan,
} from '../../src/index.js';

/**
 * A tiny adapter over `<root>/*.jsonl` files: line 1 `{"id","title"?,"cwd"?,"start"}`, then
 * `{"role","text","ts"?}` lines. Enough to drive the engine through every path.
 */
export const fakeAdapter = defineAdapter({
  name: 'fake',
  defaultLocations: ({ home }) => [`${home}/.fake`],
  async *discover(ctx, locations) {
    for (const root of locations) {
      for await (const file of ctx.walk(root, { patterns: ['*.jsonl'] })) {
        yield {
          sessionId: basename(file.path, '.jsonl'),
          fingerprint: `${file.size}:${file.mtimeMs}`,
          path: file.path,
          files: [file.path],
        };
      }
    }
  },
  load: (ctx, ref) => loadFromStream(readFake, ctx, ref),
});

/** The same source, streamed: the engine takes this path when an adapter has `stream`. */
export const streamingFakeAdapter = defineAdapter({ ...fakeAdapter, stream: readFake });

async function readFake(ctx: AdapterContext, ref: SessionRef, emit: MessageSink): Promise<Session> {
  const diagnostics = ctx.diagnostics();
  const span = new TimeSpan();
  let header: Record<string, string> = {};
  for await (const { line, value } of ctx.readJsonl(ref.path, diagnostics)) {
    const record = value as Record<string, string>;
    if (line === 1 && 'id' in record) {
      header = record;
      continue;
    }
    if (record.boom) throw new Error('this session cannot be read');
    const message: Message =
      record.role === 'context'
        ? { kind: 'context', role: 'user', label: 'AGENTS.md', text: record.text ?? '' }
        : {
            kind: 'text',
            role: record.role === 'assistant' ? 'assistant' : 'user',
            text: record.text ?? '',
            ...(record.ts ? { timestamp: record.ts } : {}),
          };
    span.add(message.timestamp);
    emit(message);
  }
  return createSession({
    source: 'fake',
    sessionId: ref.sessionId,
    title: header.title,
    cwd: header.cwd,
    startedAt: header.start ?? span.startedAt,
    endedAt: span.endedAt,
    sourceLocation: { path: ref.path },
    diagnostics: diagnostics.list(),
  });
}

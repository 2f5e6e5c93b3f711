import { basename, dirname, join } from 'node:path';
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
    if (record.role === 'tool') {
      emit(await toolResult(ctx, ref, value as FakeTool));
      continue;
    }
    const attach = (value as { attach?: FakePayload[] }).attach;
    const message: Message =
      record.role === 'context'
        ? { kind: 'context', role: 'user', label: 'AGENTS.md', text: record.text ?? '' }
        : {
            kind: 'text',
            role: record.role === 'assistant' ? 'assistant' : 'user',
            text: record.text ?? '',
            ...(record.ts ? { timestamp: record.ts } : {}),
            ...(attach
              ? { attachments: attach.map((a) => ctx.attachment(Buffer.from(a.data, 'base64'), a.info)) }
              : {}),
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

/** An inline payload on a fake message line: `{"attach":[{"data":"<base64>","info":{"type":"image/png"}}]}`. */
interface FakePayload {
  data: string;
  info: { type: string; name?: string };
}

/** A tool result line: `{"role":"tool","callId","text"}`, its whole output saved in `saved/<saved>` if named. */
interface FakeTool {
  callId: string;
  text: string;
  saved?: string;
}

/** Reads a tool result's saved output the way real adapters do: whole when there, `omitted` when gone. */
async function toolResult(ctx: AdapterContext, ref: SessionRef, record: FakeTool): Promise<Message> {
  const base = { kind: 'tool-result', role: 'tool', callId: record.callId } as const;
  if (!record.saved) return { ...base, output: record.text };
  const path = join(dirname(ref.path), 'saved', record.saved);
  const reference = { type: 'text/plain', name: record.saved, path };
  try {
    const text = await ctx.readText(path);
    return { ...base, output: text, attachments: [{ ...reference, size: Buffer.byteLength(text) }] };
  } catch {
    return { ...base, output: record.text, attachments: [{ ...reference, omitted: 'gone' }] };
  }
}

import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { Adapter, SessionRef } from '../../contract/adapter.js';
import type { AdapterContext } from '../../contract/context.js';
import type { RenderContext, RenderedFile, Renderer } from '../../contract/renderer.js';
import type { SessionLineLimit } from '../../io/line-limit.js';
import type { ScratchBuffers } from '../../io/scratch-buffers.js';
import { assertMessageNesting, assertSessionNesting } from '../../model/nesting.js';
import { SCHEMA_VERSION } from '../../model/schema.js';
import type { Message, Session } from '../../model/types.js';
import type { SyncOptions } from '../types.js';
import { MessageBody } from './message-body.js';

/** What loading a session needs of the run. */
export interface LoadEnv {
  options: Pick<SyncOptions, 'transform' | 'withdraw' | 'holdChars'>;
  /** Where streamed sessions spill their messages. */
  spillDir: string;
  buffers: ScratchBuffers;
}

let spillCounter = 0;
// A dry run spills to the system's temp folder, shared with everyone: a name nobody can predict (the file is
// opened exclusively, so a name already taken fails rather than writing through whatever is there).
const SPILL_PREFIX = `${process.pid}-${threadId}-${randomBytes(6).toString('hex')}-spill`;

/**
 * Loads a session: through `stream` when the adapter has it, holding small sessions' messages in memory
 * and spilling big ones to a temp file (then `body` is returned and `session.messages` is empty).
 * `restore` is applied to each message as the adapter hands it over, before anything else sees it. A line
 * over `limit` fails the load, whatever the adapter made of the read error it got.
 */
export async function loadSession(
  env: LoadEnv,
  adapter: Adapter,
  ctx: AdapterContext,
  ref: SessionRef,
  key: string,
  limit: SessionLineLimit,
  restore?: (message: Message) => Message,
): Promise<{ session: Session; body?: MessageBody }> {
  const loaded = await streamOrLoad(env, adapter, ctx, ref, key, restore).catch((error: unknown) => {
    // A line over the limit is why the load failed, whatever the adapter made of it.
    limit.check();
    throw error;
  });
  try {
    limit.check();
  } catch (error) {
    loaded.body?.dispose();
    throw error;
  }
  return loaded;
}

/**
 * Loads through `stream` when the adapter has it, else `load`. Every value that nests freely (a tool call's
 * input, `meta`) is checked before anything walks it recursively: transform, twin, renderer.
 */
async function streamOrLoad(
  env: LoadEnv,
  adapter: Adapter,
  ctx: AdapterContext,
  ref: SessionRef,
  key: string,
  restore?: (message: Message) => Message,
): Promise<{ session: Session; body?: MessageBody }> {
  if (!adapter.stream) {
    const session = await adapter.load(ctx, ref);
    assertSessionNesting(session);
    return restore ? { session: { ...session, messages: session.messages.map(restore) } } : { session };
  }
  const { transform, withdraw } = env.options;
  const stub = stubSession(key, adapter.name, ref);
  const body = new MessageBody({
    spillPath: () => join(env.spillDir, `${SPILL_PREFIX}-${++spillCounter}.jsonl`),
    prepare: transform
      ? (m) => transform.applyMessage?.(m) ?? transform.apply({ ...stub, messages: [m] }).messages[0] ?? m
      : (m) => m,
    ...(withdraw ? { withdrawReason: (m: Message) => withdraw.test({ ...stub, messages: [m] }) } : {}),
    ...(env.options.holdChars !== undefined ? { holdChars: env.options.holdChars } : {}),
    buffers: env.buffers,
  });
  try {
    const session = await adapter.stream(ctx, ref, (message) => {
      assertMessageNesting(message, body.count + 1);
      body.add(restore ? restore(message) : message);
    });
    assertSessionNesting(session, false);
    body.finish();
    if (!body.spilled) return { session: { ...session, messages: body.held } };
    return { session: { ...session, messages: [] }, body };
  } catch (error) {
    body.dispose();
    throw error;
  }
}

/** Renders through `renderStream` when the messages were spilled; a renderer without it gets them in memory. */
export function renderFiles(
  renderer: Renderer,
  session: Session,
  body: MessageBody | undefined,
  context: RenderContext,
): RenderedFile[] {
  if (!body) return renderer.render(session, context);
  if (renderer.renderStream) return renderer.renderStream(session, () => body.messages(), context);
  return renderer.render({ ...session, messages: [...body.messages()] }, context);
}

/** What a per-message transform or withdraw rule sees of a session still being streamed. */
function stubSession(key: string, source: string, ref: SessionRef): Session {
  return {
    schemaVersion: SCHEMA_VERSION,
    key,
    source,
    sessionId: ref.sessionId,
    models: [],
    sourceLocation: { path: ref.path },
    messages: [],
    diagnostics: [],
  };
}

import type { Message, Session } from '../model/types.js';
import type { Adapter, SessionRef } from './adapter.js';
import type { AdapterContext } from './context.js';

/**
 * `load` for an adapter that implements `stream`: collects the emitted messages into the session, so the
 * two can never disagree.
 */
export async function loadFromStream<Data>(
  stream: NonNullable<Adapter<Data>['stream']>,
  ctx: AdapterContext,
  ref: SessionRef<Data>,
): Promise<Session> {
  const messages: Message[] = [];
  const session = await stream(ctx, ref, (message) => {
    messages.push(message);
  });
  return { ...session, messages };
}

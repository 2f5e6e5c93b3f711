import { createReadStream } from 'node:fs';
import type { Session } from '../model/types.js';

/** What convx records about an export inside the JSON twin, so the index can be rebuilt from the twins. */
export interface TwinExport {
  fingerprint: string;
  contentHash?: string;
  renderKey: string;
  messageCount: number;
  user?: string;
  systemName?: string;
}

const BODY_KEYS = new Set(['messages', 'children']);

/**
 * Serializes a session as its JSON twin, in chunks: header fields one per line (so the `convx` export
 * record is near the top and cheap to read back), then one message per line (diff-friendly in git), then
 * child sessions in the same layout. Never builds the whole document as one string.
 */
export function* twinChunks(
  session: Session,
  exportInfo?: TwinExport,
  indent = '',
  messageLines?: Iterable<string>,
): Generator<string> {
  const inner = `${indent}  `;
  const fields: string[] = [];
  for (const [key, value] of Object.entries(session)) {
    if (BODY_KEYS.has(key) || value === undefined) continue;
    fields.push(`${inner}${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  }
  if (exportInfo) fields.push(`${inner}"convx": ${JSON.stringify(exportInfo)}`);
  yield `{\n${fields.join(',\n')},\n${inner}"messages": [`;
  let first = true;
  // A streamed session's messages arrive already serialized (see MessageBody), with the same bytes.
  const lines = messageLines ?? serialized(session.messages);
  for (const line of lines) {
    yield `${first ? '\n' : ',\n'}${inner}  ${line}`;
    first = false;
  }
  yield first ? ']' : `\n${inner}]`;
  const children = session.children ?? [];
  if (children.length) {
    yield `,\n${inner}"children": [`;
    let firstChild = true;
    for (const child of children) {
      yield `${firstChild ? '\n' : ',\n'}${inner}  `;
      yield* twinChunks(child, undefined, `${inner}  `);
      firstChild = false;
    }
    yield `\n${inner}]`;
  }
  yield `\n${indent}}${indent ? '' : '\n'}`;
}

function* serialized(messages: Iterable<unknown>): Generator<string> {
  for (const message of messages) yield JSON.stringify(message);
}

/** The header of a twin (every field before `messages`), read without reading the messages. */
export type TwinHeader = Omit<Session, 'messages' | 'children'> & { convx?: TwinExport };

/** Reads only the head of a JSON twin, up to its `messages` line, and parses the header fields. */
export async function readTwinHeader(path: string): Promise<TwinHeader | undefined> {
  let head = '';
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 64 * 1024 });
  try {
    for await (const chunk of stream) {
      head += chunk as string;
      const at = head.indexOf('\n  "messages": [');
      if (at !== -1) {
        return JSON.parse(`${head.slice(0, at).replace(/,\s*$/, '')}\n}`) as TwinHeader;
      }
      if (head.length > 16 * 1024 * 1024) break;
    }
  } catch {
    return undefined;
  } finally {
    stream.destroy();
  }
  return undefined;
}

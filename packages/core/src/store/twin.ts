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
  spilledBody?: Iterable<Uint8Array>,
): Generator<string | Uint8Array> {
  const inner = `${indent}  `;
  const fields: string[] = [];
  for (const [key, value] of Object.entries(session)) {
    if (BODY_KEYS.has(key) || value === undefined) continue;
    fields.push(`${inner}${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  }
  if (exportInfo) fields.push(`${inner}"convx": ${JSON.stringify(exportInfo)}`);
  yield `{\n${fields.join(',\n')},\n${inner}"messages": [`;
  let first = true;
  if (spilledBody) {
    // A spilled session's messages were written in exactly this layout (see MessageBody): copied as bytes.
    for (const bytes of spilledBody) {
      yield bytes;
      first &&= bytes.length === 0;
    }
  } else {
    // The line's indent and its JSON as two pieces: joined, they would make a rope the writer must flatten
    // (copy) before encoding it.
    for (const message of session.messages) {
      yield messageLinePrefix(first, inner);
      yield JSON.stringify(message);
      first = false;
    }
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

/** What comes before a message's JSON in a twin's message list (a top-level twin's by default). */
export function messageLinePrefix(first: boolean, inner = TOP_INNER): string {
  return `${first ? '\n' : ',\n'}${inner}  `;
}

/** The message JSON of one `\n`-separated line of a top-level twin's message list; undefined for none. */
export function messageJsonOfLine(line: string): string | undefined {
  if (!line.startsWith(TOP_MESSAGE_INDENT)) return undefined;
  return line.slice(TOP_MESSAGE_INDENT.length, line.endsWith(',') ? -1 : undefined);
}

const TOP_INNER = '  ';
const TOP_MESSAGE_INDENT = `${TOP_INNER}  `;

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

import { join } from 'node:path';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Column } from '../text/columns.js';
import { messageText } from '../text/extract.js';
import { readRange } from '../twins/lines.js';

/** One message of a chunk, read back from its twin. */
export interface ChunkMessage {
  number: number;
  column: Column;
  text: string;
}

/** Bytes of twin read at once for a chunk's messages; a bigger message is read on its own. */
const RANGE_BYTES = 4 * 1024 * 1024;
/** A message bigger than this is not read back for a snippet (the snippet then comes from the others). */
const MESSAGE_BYTES = 32 * 1024 * 1024;
/** Characters of one message's text searched for the snippet. */
export const SNIPPET_SCAN_CHARS = 512 * 1024;

/**
 * Reads the messages of one full-text chunk back from the twin, through the spans the index keeps (one
 * positioned read for a whole chunk, usually): the index holds no text of its own.
 */
export class ChunkReader {
  private readonly bounds: StatementSync;

  constructor(
    db: DatabaseSync,
    private readonly outputRoot: string,
  ) {
    this.bounds = db.prepare(
      `SELECT s.twin_path, length(p.spans) / 16 AS count, substr(p.chunks, ? * 4 + 1, 8) AS starts,
        substr(p.spans, ? * 16 + 1, ? * 16) AS spans FROM sessions s JOIN session_spans p ON p.id = s.id
       WHERE s.id = ?`,
    );
  }

  read(sessionId: number, chunk: number): ChunkMessage[] {
    const head = this.bounds.get(chunk, 0, 0, sessionId);
    if (!head) return [];
    const starts = toUint32(head.starts);
    const first = starts[0] ?? 0;
    const end = starts[1] ?? Number(head.count);
    if (end <= first) return [];
    const row = this.bounds.get(chunk, first, end - first, sessionId);
    const spans = toFloat64(row?.spans);
    const path = join(this.outputRoot, String(head.twin_path));
    const out: ChunkMessage[] = [];
    let block: { offset: number; text: Buffer } | undefined;
    for (let i = 0; i < end - first; i++) {
      const offset = spans[2 * i] ?? -1;
      const length = spans[2 * i + 1] ?? -1;
      if (offset < 0 || length <= 0 || length > MESSAGE_BYTES) continue;
      if (!block || offset < block.offset || offset + length > block.offset + block.text.length) {
        // Read from this message to the end of the chunk's messages, as far as RANGE_BYTES allows.
        let last = offset + length;
        for (let j = i + 1; j < end - first; j++) {
          const o = spans[2 * j] ?? -1;
          const l = spans[2 * j + 1] ?? -1;
          if (o < 0 || l <= 0) continue;
          if (o + l - offset > RANGE_BYTES) break;
          last = Math.max(last, o + l);
        }
        const text = readRange(path, offset, last - offset);
        if (text === undefined) return out; // the twin changed or vanished since it was indexed
        block = { offset, text };
      }
      const json = block.text.toString('utf8', offset - block.offset, offset - block.offset + length);
      let value: unknown;
      try {
        value = JSON.parse(json);
      } catch {
        continue; // the twin changed since it was indexed: this message is not where it was
      }
      const found = messageText(value);
      if (found) out.push({ number: first + i, column: found.column, text: found.text });
    }
    return out;
  }
}

function toUint32(value: unknown): Uint32Array {
  if (!(value instanceof Uint8Array) || value.length < 4) return new Uint32Array(0);
  const copy = value.slice(0, value.length - (value.length % 4));
  return new Uint32Array(copy.buffer, copy.byteOffset, copy.length / 4);
}

function toFloat64(value: unknown): Float64Array {
  if (!(value instanceof Uint8Array) || value.length < 8) return new Float64Array(0);
  const copy = value.slice(0, value.length - (value.length % 8));
  return new Float64Array(copy.buffer, copy.byteOffset, copy.length / 8);
}

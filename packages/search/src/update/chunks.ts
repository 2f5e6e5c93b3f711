import type { StatementSync } from 'node:sqlite';
import { COLUMN_INDEX, COLUMNS, type Column } from '../text/columns.js';
import { prepareText } from '../text/prepare.js';
import type { MessageSpan } from '../twins/read.js';

/**
 * Characters of text per full-text row. A session's messages are indexed in chunks of consecutive messages
 * (each kind in its column) rather than one row per message: a query then ranks a few rows per session
 * instead of every message (12,000 sessions are ~16,000 rows, not 550,000), and the best message inside the
 * best chunk is found when its snippet is made. Most sessions are one chunk.
 */
export const CHUNK_CHARS = 32 * 1024;

/**
 * Collects a session's messages into chunks and writes each as one row (rowid: the session's base plus the
 * chunk's number; the title goes into the first). Remembers where each message sits in the twin and which
 * message each chunk starts at, for snippets.
 */
export class ChunkWriter {
  private readonly texts: string[][] = COLUMNS.map(() => []);
  private size = 0;
  private readonly starts: number[] = [];
  private spans = new Float64Array(64);
  private messageCount = 0;
  private pendingStart = -1;

  constructor(
    private readonly insert: StatementSync,
    private readonly base: number,
    title: string | undefined,
  ) {
    if (title?.trim()) {
      this.texts[COLUMN_INDEX.title]?.push(prepareText(title));
      this.pendingStart = 0;
    }
  }

  /** Message `number` (in order) with its text in `column`, or no text (`column` undefined). */
  add(number: number, span: MessageSpan | undefined, column: Column | undefined, text: string): void {
    this.setSpan(number, span);
    if (column === undefined) return;
    if (this.pendingStart < 0) this.pendingStart = number;
    this.texts[COLUMN_INDEX[column]]?.push(prepareText(text));
    this.size += text.length;
    if (this.size >= CHUNK_CHARS) this.flush();
  }

  /** Writes the open chunk. */
  flush(): void {
    if (this.pendingStart < 0) return;
    const values = this.texts.map((parts) => (parts.length ? parts.join('\n') : null));
    this.insert.run(this.base + this.starts.length, ...values);
    this.starts.push(this.pendingStart);
    for (const parts of this.texts) parts.length = 0;
    this.size = 0;
    this.pendingStart = -1;
  }

  get chunkCount(): number {
    return this.starts.length;
  }

  /** The first message number of each chunk, as uint32s. */
  chunkStarts(): Uint8Array {
    return new Uint8Array(Uint32Array.from(this.starts).buffer);
  }

  /** Each message's span in the twin, as float64 pairs (offset, length; -1 when unknown). */
  messageSpans(): Uint8Array {
    return new Uint8Array(this.spans.buffer, 0, this.messageCount * 16);
  }

  private setSpan(number: number, span: MessageSpan | undefined): void {
    if (2 * number + 2 > this.spans.length) {
      const grown = new Float64Array(Math.max(this.spans.length * 2, 2 * number + 2));
      grown.set(this.spans);
      this.spans = grown;
    }
    this.spans[2 * number] = span ? span.offset : -1;
    this.spans[2 * number + 1] = span ? span.length : -1;
    this.messageCount = Math.max(this.messageCount, number + 1);
  }
}

import type { TwinHeader } from '@convx/core';
import { idTail } from '@convx/core';
import { MAX_MESSAGES } from '../db/schema.js';
import { COLUMN_INDEX, COLUMNS, type Column } from '../text/columns.js';
import { messageText } from '../text/extract.js';
import { prepareText } from '../text/prepare.js';
import type { TwinFile } from '../twins/find.js';
import { markdownPathOf } from '../twins/find.js';
import { type MessageSpan, streamTwin, TwinError } from '../twins/read.js';
import type { SessionSink } from './records.js';

/**
 * Characters of text per full-text row. A session's messages are indexed in chunks of consecutive messages
 * (each kind in its column) rather than one row per message: a query then ranks a few rows per session
 * instead of every message (12,000 sessions are ~16,000 rows, not 550,000), and the best message inside the
 * best chunk is found when its snippet is made. Most sessions are one chunk.
 */
export const CHUNK_CHARS = 32 * 1024;
const TITLE_LENGTH = 120;
const WORD = /\p{L}{4,24}/gu;

/**
 * Reads one twin into records: its session row, its messages' text in chunks (each kind in its column, the
 * title in the first), where each message sits in the twin, its tools, its display title, and the words of
 * what people and assistants wrote (for the typo fallback). Memory stays bounded by one chunk.
 */
export async function parseTwin(twin: TwinFile, sink: SessionSink): Promise<void> {
  let header: TwinHeader | undefined;
  const chunks = new Chunks(sink);
  let topCount = 0;
  let childCount = 0;
  let toolCount = 0;
  let firstPrompt: string | undefined;
  const tools = new Map<string, number>();
  const words = new Set<string>();
  const addWords = (text: string) => {
    // `match` answers the words as strings; `matchAll` made an array per word (~20 % more time).
    for (const word of text.match(WORD) ?? []) words.add(word.toLowerCase());
  };
  await streamTwin(twin.abs, {
    header(value) {
      header = value;
      const convx = value.convx;
      sink.start({
        key: value.key,
        source: value.source,
        sessionId: String(value.sessionId ?? value.key.slice(value.source.length + 1)),
        project: value.cwd ?? null,
        machine: convx?.systemName ?? null,
        user: convx?.user ?? null,
        models: JSON.stringify(
          Array.isArray(value.models) ? value.models.filter((m) => typeof m === 'string') : [],
        ),
        branch: value.gitBranch ?? null,
        startedAt: isoOrNull(value.startedAt),
        endedAt: isoOrNull(value.endedAt),
        path: markdownPathOf(twin.rel),
      });
      if (value.title?.trim()) {
        chunks.title(value.title);
        addWords(value.title);
      }
    },
    message(value, topLevel, span) {
      const number = topLevel ? topCount++ : topCount + childCount++;
      if (number > MAX_MESSAGES) throw new TwinError(`more than ${MAX_MESSAGES} messages`);
      const found = messageText(value);
      if (found?.tool !== undefined) {
        toolCount++;
        tools.set(found.tool, (tools.get(found.tool) ?? 0) + 1);
      }
      if (found?.column === 'prompt' || found?.column === 'reply') {
        if (found.column === 'prompt' && topLevel && firstPrompt === undefined) firstPrompt = found.text;
        addWords(found.text);
      }
      chunks.add(number, span, found?.column, found?.text ?? '');
    },
    ...(sink.pause ? { pause: () => sink.pause?.() } : {}),
  });
  if (!header) throw new TwinError('no session header');
  chunks.flush();
  sink.end({
    title: displayTitle(header, firstPrompt),
    messageCount: topCount,
    toolCount,
    chunkStarts: chunks.starts(),
    spans: chunks.spans(),
    tools: [...tools],
    words: [...words],
  });
}

/** A session's messages gathered into chunks; remembers each message's span and each chunk's first message. */
class Chunks {
  private readonly texts: string[][] = COLUMNS.map(() => []);
  private size = 0;
  private readonly chunkStarts: number[] = [];
  private messageSpans = new Float64Array(64);
  private messageCount = 0;
  private pendingStart = -1;

  constructor(private readonly sink: SessionSink) {}

  title(title: string): void {
    this.texts[COLUMN_INDEX.title]?.push(prepareText(title));
    this.pendingStart = 0;
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

  flush(): void {
    if (this.pendingStart < 0) return;
    this.sink.chunk(
      this.chunkStarts.length,
      this.texts.map((parts) => (parts.length ? parts.join('\n') : null)),
    );
    this.chunkStarts.push(this.pendingStart);
    for (const parts of this.texts) parts.length = 0;
    this.size = 0;
    this.pendingStart = -1;
  }

  starts(): Uint8Array {
    return new Uint8Array(Uint32Array.from(this.chunkStarts).buffer);
  }

  spans(): Uint8Array {
    return new Uint8Array(this.messageSpans.buffer.slice(0, this.messageCount * 16));
  }

  private setSpan(number: number, span: MessageSpan | undefined): void {
    if (2 * number + 2 > this.messageSpans.length) {
      const grown = new Float64Array(Math.max(this.messageSpans.length * 2, 2 * number + 2));
      grown.set(this.messageSpans);
      this.messageSpans = grown;
    }
    this.messageSpans[2 * number] = span ? span.offset : -1;
    this.messageSpans[2 * number + 1] = span ? span.length : -1;
    this.messageCount = Math.max(this.messageCount, number + 1);
  }
}

/** The title a person sees: the session's, else its first typed prompt (shortened), else its id's tail. */
function displayTitle(header: TwinHeader, firstPrompt: string | undefined): string {
  const title = header.title?.replace(/\s+/g, ' ').trim();
  if (title) return title;
  const prompt = firstPrompt?.replace(/\s+/g, ' ').trim();
  if (prompt) {
    if (prompt.length <= TITLE_LENGTH) return prompt;
    const cut = prompt.slice(0, TITLE_LENGTH);
    const space = cut.lastIndexOf(' ');
    return `${space > TITLE_LENGTH / 2 ? cut.slice(0, space) : cut}…`;
  }
  return idTail(String(header.sessionId ?? header.key));
}

/** An ISO instant in canonical form (so strings compare as times), or null. */
function isoOrNull(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? null : time.toISOString();
}

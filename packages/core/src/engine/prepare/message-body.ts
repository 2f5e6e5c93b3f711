import { closeSync, openSync, readSync, rmSync } from 'node:fs';
import { LineSplitter } from '../../io/line-splitter.js';
import type { ScratchBuffers } from '../../io/scratch-buffers.js';
import { TextWriter } from '../../io/write-text.js';
import type { Message } from '../../model/types.js';
import { messageJsonOfLine, messageLinePrefix } from '../../store/twin.js';
import type { WithdrawReason } from '../types.js';

/** Messages held in memory before a streamed session spills to disk (characters of content, roughly). */
export const HOLD_CHARS = 4 * 1024 * 1024;
// Below V8's large-object size (128 KiB), so the buffers involved die young and cheaply.
const READ_CHUNK = 64 * 1024;

export interface MessageBodyOptions {
  /** A fresh temp file path, asked for only when the session spills. */
  spillPath: () => string;
  /** Applied to each message before it is spilled (the run's transform); held messages are kept as emitted. */
  prepare: (message: Message) => Message;
  /** A reason to withdraw the session, tested on each message before it is prepared. */
  withdrawReason?: (message: Message) => WithdrawReason | undefined;
  holdChars?: number;
  /** The run's reusable buffers, to encode the spilled text through. */
  buffers?: ScratchBuffers;
}

/**
 * The messages of a streamed session. They are held in memory while the session is small — nearly all are,
 * and then the engine exports them exactly like a loaded session — and spilled, prepared and serialized, to
 * a temp file once they pass `holdChars`, so a session of any size costs bounded memory. The spill file
 * holds the JSON twin's message list byte for byte (`body()` is copied into the twin as it is), and the
 * renderer reads the messages back from it.
 */
export class MessageBody {
  held: Message[] = [];
  count = 0;
  /** The first message a person typed, after `prepare`, for the basename of a spilled session. */
  firstPrompt: Message | undefined;
  withdrawn: WithdrawReason | undefined;
  private heldChars = 0;
  // Each message's line is encoded straight into the writer's buffer: no joined copy of the lines.
  private spill: { path: string; fd: number; writer: TextWriter | undefined; written: number } | undefined;
  private readonly holdChars: number;

  constructor(private readonly options: MessageBodyOptions) {
    this.holdChars = options.holdChars ?? HOLD_CHARS;
  }

  get spilled(): boolean {
    return this.spill !== undefined;
  }

  add(message: Message): void {
    this.count++;
    if (!this.spill) {
      this.held.push(message);
      this.heldChars += approximateChars(message);
      if (this.heldChars > this.holdChars) this.startSpill();
      return;
    }
    this.write(message);
  }

  /** Flushes and closes the spill file; call once the stream has ended. */
  finish(): void {
    if (!this.spill) return;
    this.spill.writer?.end();
    this.spill.writer = undefined;
    closeSync(this.spill.fd);
    this.spill.fd = -1;
  }

  /**
   * The spill file's bytes — the twin's message list, from the newline after `"messages": [` to the last
   * message — in pieces of one reused buffer: each piece must be consumed before the next is asked for.
   */
  *body(): Generator<Buffer> {
    if (!this.spill) throw new Error('the session was not spilled');
    const fd = openSync(this.spill.path, 'r');
    const buffer = Buffer.allocUnsafe(READ_CHUNK);
    try {
      for (
        let n = readSync(fd, buffer, 0, READ_CHUNK, null);
        n > 0;
        n = readSync(fd, buffer, 0, READ_CHUNK, null)
      )
        yield buffer.subarray(0, n);
    } finally {
      closeSync(fd);
    }
  }

  /** The spilled messages' JSON texts, in order, read from disk on every call. */
  *lines(): Generator<string> {
    // Split as bytes, decode line by line: a decoded chunk would be a large string that only a full
    // garbage collection frees, and those add up to hundreds of megabytes on a big session. The splitter
    // copies a partial line, so the reused read buffer may be refilled.
    const splitter = new LineSplitter(Number.MAX_SAFE_INTEGER, () => {});
    const messagesOf = function* (lines: Iterable<{ text: string }>) {
      for (const { text } of lines) {
        const json = messageJsonOfLine(text);
        if (json !== undefined) yield json;
      }
    };
    for (const piece of this.body()) yield* messagesOf(splitter.feed(piece));
    yield* messagesOf(splitter.end());
  }

  /** The spilled messages, parsed again, in order, on every call. */
  *messages(): Generator<Message> {
    for (const line of this.lines()) yield JSON.parse(line) as Message;
  }

  /** Removes the spill file; safe to call more than once. */
  dispose(): void {
    if (!this.spill) return;
    this.spill.writer?.abandon();
    this.spill.writer = undefined;
    if (this.spill.fd >= 0) closeSync(this.spill.fd);
    this.spill.fd = -1;
    rmSync(this.spill.path, { force: true });
  }

  private startSpill(): void {
    const path = this.options.spillPath();
    const fd = openSync(path, 'wx');
    this.spill = { path, fd, writer: new TextWriter(fd, this.options.buffers), written: 0 };
    const held = this.held;
    this.held = [];
    this.heldChars = 0;
    for (const message of held) this.write(message);
  }

  private write(raw: Message): void {
    const spill = this.spill as NonNullable<typeof this.spill>;
    this.withdrawn ??= this.options.withdrawReason?.(raw);
    const message = this.options.prepare(raw);
    if (!this.firstPrompt && message.kind === 'text' && message.role === 'user' && message.text.trim())
      this.firstPrompt = message;
    const writer = spill.writer as TextWriter;
    writer.write(messageLinePrefix(spill.written++ === 0));
    writer.write(JSON.stringify(message));
  }
}

/** The size of a message's content, cheaply: the lengths of its strings. */
function approximateChars(message: Message): number {
  switch (message.kind) {
    case 'text':
    case 'thinking':
      return message.text.length + 100;
    case 'tool-call':
      return approximateJsonChars(message.input) + 100;
    case 'tool-result':
      return message.output.length + 100;
    case 'context':
      return message.text.length + message.label.length + 100;
    case 'event':
      return (message.text?.length ?? 0) + 100;
  }
}

/** Roughly the serialized size of a JSON value: string lengths plus a little per entry, without serializing. */
function approximateJsonChars(value: unknown): number {
  if (typeof value === 'string') return value.length + 2;
  if (value === null || typeof value !== 'object') return 8;
  let total = 2;
  if (Array.isArray(value)) for (const item of value) total += approximateJsonChars(item) + 1;
  else for (const [key, item] of Object.entries(value)) total += key.length + 4 + approximateJsonChars(item);
  return total;
}

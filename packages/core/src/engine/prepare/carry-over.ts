import { closeSync, openSync, readSync } from 'node:fs';
import type { Attachment, Message } from '../../model/types.js';
import { messageJsonOfLine } from '../../store/twin.js';

const CHUNK = 1 << 20;
const CALL_ID = /"callId":"((?:[^"\\]|\\.)*)"/;

/**
 * A saved output the adapter referenced but could not read any more: the source deleted it (OpenCode keeps
 * its truncated tool outputs for 7 days, its sessions for good). Adapters mark it with `omitted` and no size.
 */
function isGone(attachment: Attachment): boolean {
  return attachment.omitted !== undefined && attachment.path !== undefined && attachment.size === undefined;
}

/** An attachment the previous export had read: the same file name, with its size. */
function wasRead(attachment: Attachment, name: string | undefined): boolean {
  return attachment.name === name && attachment.size !== undefined && attachment.omitted === undefined;
}

/**
 * Out-of-line content the source has deleted since the session's previous export, carried over from that
 * export's JSON twin: a top-level tool result whose saved output is gone gets the output and attachment
 * the previous twin recorded for the same call, when that export had read the file. So a re-render (a
 * resumed session, a convx upgrade) never shrinks a full output back to its preview.
 *
 * The twin is read only when such a result turns up, once, noting where each tool result's line is; a
 * result is then parsed from its line alone, so memory stays bounded whatever the twin's size.
 */
export class CarryOver {
  #lines: Map<string, { offset: number; length: number }> | undefined;

  constructor(private readonly twinPath: string | undefined) {}

  /** The message, with what its previous export kept of a deleted saved output. */
  restore = (message: Message): Message => {
    if (message.kind !== 'tool-result' || message.callId === undefined || !this.twinPath) return message;
    if (!message.attachments?.some(isGone)) return message;
    const before = this.#previous(message.callId);
    if (before?.kind !== 'tool-result') return message;
    let restored = false;
    const attachments = message.attachments.map((attachment) => {
      if (!isGone(attachment)) return attachment;
      const kept = before.attachments?.find((old) => wasRead(old, attachment.name));
      if (!kept) return attachment;
      restored = true;
      return kept;
    });
    return restored ? { ...message, output: before.output, attachments } : message;
  };

  #previous(callId: string): Message | undefined {
    const at = this.#index().get(callId);
    if (!at || !this.twinPath) return undefined;
    let fd: number | undefined;
    try {
      fd = openSync(this.twinPath, 'r');
      const buffer = Buffer.allocUnsafe(at.length);
      readSync(fd, buffer, 0, at.length, at.offset);
      const json = messageJsonOfLine(buffer.toString('utf8'));
      return json === undefined ? undefined : (JSON.parse(json) as Message);
    } catch {
      return undefined; // the previous twin is unreadable: the preview stays
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  /** callId → byte range of its tool result's line in the previous twin (top-level messages only). */
  #index(): Map<string, { offset: number; length: number }> {
    if (this.#lines) return this.#lines;
    const lines = new Map<string, { offset: number; length: number }>();
    this.#lines = lines;
    if (!this.twinPath) return lines;
    const note = (line: Buffer, offset: number) => {
      const text = line.toString('utf8');
      if (!text.includes('"kind":"tool-result"') || messageJsonOfLine(text) === undefined) return;
      const id = CALL_ID.exec(text)?.[1];
      if (id !== undefined && !lines.has(id))
        lines.set(JSON.parse(`"${id}"`), { offset, length: line.length });
    };
    let fd: number | undefined;
    try {
      fd = openSync(this.twinPath, 'r');
      const buffer = Buffer.allocUnsafe(CHUNK);
      let pending: Buffer[] = [];
      let lineStart = 0;
      let position = 0;
      for (let n = readSync(fd, buffer, 0, CHUNK, null); n > 0; n = readSync(fd, buffer, 0, CHUNK, null)) {
        let from = 0;
        for (let nl = buffer.indexOf(10, from); nl !== -1 && nl < n; nl = buffer.indexOf(10, from)) {
          const line = Buffer.concat([...pending, buffer.subarray(from, nl)]);
          pending = [];
          note(line, lineStart);
          lineStart = position + nl + 1;
          from = nl + 1;
        }
        if (from < n) pending.push(Buffer.from(buffer.subarray(from, n)));
        position += n;
      }
      if (pending.length) note(Buffer.concat(pending), lineStart);
    } catch {
      lines.clear(); // no previous twin (or unreadable): nothing to carry over
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    return lines;
  }
}

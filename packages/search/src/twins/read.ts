import { readFile } from 'node:fs/promises';
import type { TwinHeader } from '@convx/core';
import { eachLocatedLine } from './lines.js';

/** Where a message's JSON sits in its twin: read back with one positioned read for a snippet. */
export interface MessageSpan {
  offset: number;
  length: number;
}

export interface TwinVisitor {
  /** The header fields (everything before `messages`), once, before any message. */
  header(header: TwinHeader): void;
  /**
   * One message, in order: the session's own (`topLevel`, numbered as in the twin's `messages`), then its
   * subagents'. `span` is undefined when the twin was not in convx's line layout.
   */
  message(value: unknown, topLevel: boolean, span: MessageSpan | undefined): void;
  /** Called between reads of the file; a promise it returns is awaited first (back-pressure). */
  pause?(): Promise<void> | undefined;
}

/** A file that is not a JSON twin convx can read. */
export class TwinError extends Error {}

/** Twins not in the line layout are parsed whole only below this size. */
const WHOLE_PARSE_LIMIT = 64 * 1024 * 1024;

/**
 * Streams a JSON twin line by line (docs/output-format.md: header fields one per line, then one message per
 * line, then the subagents in the same layout, indented deeper), so memory stays bounded whatever its size.
 * A twin in another layout (re-formatted by a tool) is parsed whole when it is small enough.
 */
export async function streamTwin(path: string, visitor: TwinVisitor): Promise<void> {
  const fields: Record<string, unknown> = {};
  type Phase = 'start' | 'header' | 'body' | 'other';
  let phase = 'start' as Phase;
  await eachLocatedLine(
    path,
    (line, offset, bytes) => {
      const cr = line.endsWith('\r');
      const text = cr ? line.slice(0, -1) : line;
      if (phase === 'body') {
        const indent = text.indexOf('{"');
        if (indent === -1 || !isSpaces(text, indent)) return true;
        const comma = text.endsWith(',');
        let value: unknown;
        try {
          value = JSON.parse(comma ? text.slice(indent, -1) : text.slice(indent));
        } catch {
          throw new TwinError(`a message line at byte ${offset} is not valid JSON`);
        }
        // The line's byte length less its ASCII indent, comma and `\r`: the JSON's bytes, without encoding it.
        const length = bytes - indent - (comma ? 1 : 0) - (cr ? 1 : 0);
        visitor.message(value, indent === 4, { offset: offset + indent, length });
        return true;
      }
      if (phase === 'start') {
        phase = text === '{' ? 'header' : 'other';
      } else if (text.startsWith('  "messages": [')) {
        visitor.header(asHeader(fields, path));
        phase = 'body';
      } else if (text.startsWith('  "')) {
        Object.assign(fields, parseField(text, path));
      } else {
        phase = 'other';
      }
      return phase !== 'other';
    },
    visitor.pause && (() => visitor.pause?.()),
  );
  if (phase === 'other') return streamWhole(path, visitor);
  if (phase !== 'body') throw new TwinError('the file ends before its messages');
}

function isSpaces(text: string, end: number): boolean {
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) !== 32) return false;
  return true;
}

function parseField(line: string, path: string): Record<string, unknown> {
  const body = line.endsWith(',') ? line.slice(0, -1) : line;
  try {
    return JSON.parse(`{${body}}`) as Record<string, unknown>;
  } catch {
    throw new TwinError(`a header line of ${path} is not valid JSON`);
  }
}

function asHeader(fields: Record<string, unknown>, path: string): TwinHeader {
  if (typeof fields.key !== 'string' || typeof fields.source !== 'string') {
    throw new TwinError(`${path} has no session key or source: not a convx JSON twin`);
  }
  return fields as unknown as TwinHeader;
}

/** A twin in another layout: parsed whole (bounded by WHOLE_PARSE_LIMIT), its messages without spans. */
async function streamWhole(path: string, visitor: TwinVisitor): Promise<void> {
  const bytes = await readFile(path);
  if (bytes.length > WHOLE_PARSE_LIMIT) {
    throw new TwinError('the file is not in the JSON twin line layout and too big to read whole');
  }
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new TwinError('the file is not valid JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new TwinError('not a JSON twin');
  const { messages, children, ...fields } = value as Record<string, unknown>;
  visitor.header(asHeader(fields, path));
  for (const message of Array.isArray(messages) ? messages : []) visitor.message(message, true, undefined);
  const visitChildren = (list: unknown) => {
    for (const child of Array.isArray(list) ? list : []) {
      const c = child as Record<string, unknown> | null;
      for (const message of Array.isArray(c?.messages) ? c.messages : []) {
        visitor.message(message, false, undefined);
      }
      visitChildren(c?.children);
    }
  };
  visitChildren(children);
}

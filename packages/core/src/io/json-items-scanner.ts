import { ValueScan } from './json-value-scan.js';

/** An element of the array, or a wanted top-level field, as its JSON text. `index` is 0-based. */
export type JsonItemEvent =
  | { kind: 'item'; index: number; text: string }
  | { kind: 'field'; key: string; text: string };

export interface JsonItemScannerOptions {
  /** Keys from the root object to the array; empty for a top-level array. */
  at: readonly string[];
  /** Whether a top-level field's value is wanted (kept and handed over) rather than passed over. */
  wantField: (key: string) => boolean;
  /** Longest value kept; a longer one goes to `onOversized`. */
  maxBytes: number;
  /** Deepest nesting of a kept value; a deeper one goes to `onTooDeep`. */
  maxDepth: number;
  /** Called at the end of a value over `maxBytes`, with what it was (`item 3`) and its length; may throw. */
  onOversized: (what: string, bytes: number) => void;
  /** Called when a kept value nests deeper than `maxDepth`; must throw. */
  onTooDeep: (what: string) => never;
}

/** Where the scanner is in the document's structure (above the array's elements). */
type Mode =
  | 'document' // before the root value
  | 'first-key' // after `{`
  | 'key' // after `,` in an object
  | 'colon'
  | 'field-value'
  | 'after-field'
  | 'first-item' // after the array's `[`
  | 'item' // after `,` in the array
  | 'after-item'
  | 'value' // inside a value: see `purpose`
  | 'end'; // after the root value

/** How reading ended: the document closed, its shape is not the one asked for, or it breaks off. */
export type ScanStatus = 'reading' | 'done' | 'not-found' | 'broken' | 'not-json';

const WHITESPACE = new Set([0x20, 0x0a, 0x0d, 0x09]);
const BOM = new Set([0xef, 0xbb, 0xbf]);

/**
 * Walks a JSON document chunk by chunk down to the array at `at` and hands out the JSON text of each of its
 * elements, and of the wanted top-level fields, as soon as it ends. Everything else is passed over without
 * being kept, so memory is bounded by the largest kept value, not the file. A cursor (`load`, `next`) like
 * the line splitter: readers call it once per value in hot loops.
 */
export class JsonItemScanner {
  status: ScanStatus = 'reading';
  /** Whether the document has an array at `at`. */
  found = false;
  /** Byte offset where the document breaks off (status `broken`). */
  brokenAt = 0;
  private mode: Mode = 'document';
  /** Depth of the object being walked along `at` (0: the root). */
  private level = 0;
  private key = '';
  private purpose: 'key' | 'field' | 'item' | 'skip' = 'skip';
  private index = 0;
  private readonly value: ValueScan;
  private chunk: Buffer = Buffer.alloc(0);
  private pos = 0;
  /** Bytes of the file before the current chunk. */
  private offset = 0;

  constructor(private readonly options: JsonItemScannerOptions) {
    this.value = new ValueScan(options.maxBytes, options.maxDepth, () => options.onTooDeep(this.describe()));
  }

  /** Makes `chunk` the one `next()` reads; the previous one must have been used up. */
  load(chunk: Buffer): void {
    this.offset += this.chunk.length;
    this.chunk = chunk;
    this.pos = 0;
  }

  /** The next item or field of the loaded chunk, or undefined once it is used up or reading stopped. */
  next(): JsonItemEvent | undefined {
    const chunk = this.chunk;
    while (this.pos < chunk.length && this.status === 'reading') {
      if (this.mode === 'value') {
        const end = this.value.scan(chunk, this.pos);
        if (end === -1) {
          this.pos = chunk.length;
          return undefined;
        }
        this.pos = end;
        const event = this.finishValue(chunk, end);
        if (event) return event;
        continue;
      }
      const b = chunk[this.pos] as number;
      if (WHITESPACE.has(b) || (this.mode === 'document' && this.offset + this.pos < 3 && BOM.has(b))) {
        this.pos++;
        continue;
      }
      this.structural(b);
    }
    return undefined;
  }

  /** Call after the last chunk: the final status (`broken` when the file ends inside the document). */
  finish(): ScanStatus {
    if (this.status === 'reading') {
      if (this.mode === 'end') this.status = 'done';
      else if (this.mode === 'document') this.status = 'not-json';
      else {
        this.status = 'broken';
        this.brokenAt = this.offset + this.chunk.length;
      }
    }
    return this.status;
  }

  /** Elements of the array seen so far (kept or not). */
  get items(): number {
    return this.index;
  }

  private structural(b: number): void {
    const { at } = this.options;
    const mode = this.mode;
    if (mode === 'document') {
      if (b === (at.length === 0 ? 0x5b : 0x7b)) {
        this.pos++;
        this.found = at.length === 0;
        this.mode = at.length === 0 ? 'first-item' : 'first-key';
      } else {
        // Another kind of document (an object where an array was asked for, a scalar): nothing to read.
        this.status = isValueStart(b) ? 'not-found' : 'not-json';
      }
    } else if (mode === 'first-key' || mode === 'key') {
      if (b === 0x22) this.begin('key');
      else if (b === 0x7d && mode === 'first-key') this.closeObject();
      else this.broken();
    } else if (mode === 'colon') {
      if (b === 0x3a) {
        this.pos++;
        this.mode = 'field-value';
      } else this.broken();
    } else if (mode === 'field-value') {
      if (isValueStart(b)) this.fieldValue(b);
      else this.broken();
    } else if (mode === 'first-item' || mode === 'item') {
      // A trailing comma (`[1,]`) is let through: it loses nothing.
      if (b === 0x5d) this.closeArray();
      else if (isValueStart(b)) this.begin('item');
      else this.broken();
    } else if (mode === 'after-field' || mode === 'after-item') {
      if (b === 0x2c) {
        this.pos++;
        this.mode = mode === 'after-field' ? 'key' : 'item';
      } else if (b === (mode === 'after-field' ? 0x7d : 0x5d)) {
        if (mode === 'after-field') this.closeObject();
        else this.closeArray();
      } else this.broken();
    } else {
      this.broken(); // bytes after the document
    }
  }

  /** A field's value starts with `b`: the way down to the array, a wanted field, or one passed over. */
  private fieldValue(b: number): void {
    const { at, wantField } = this.options;
    const level = this.level;
    const last = level === at.length - 1;
    if (this.key === at[level] && b === (last ? 0x5b : 0x7b)) {
      this.pos++;
      if (last) {
        this.found = true;
        this.mode = 'first-item';
      } else {
        this.level++;
        this.mode = 'first-key';
      }
    } else if (level === 0 && this.key !== at[0] && wantField(this.key)) {
      this.begin('field');
    } else {
      this.begin('skip');
    }
  }

  private begin(purpose: 'key' | 'field' | 'item' | 'skip'): void {
    this.purpose = purpose;
    this.mode = 'value';
    this.value.begin(this.chunk, this.pos, purpose !== 'skip');
  }

  private finishValue(chunk: Buffer, end: number): JsonItemEvent | undefined {
    const purpose = this.purpose;
    if (purpose === 'skip') {
      this.mode = 'after-field';
      return undefined;
    }
    const what = this.describe();
    const text = this.value.text(chunk, end);
    if (purpose === 'item') {
      this.index++;
      this.mode = 'after-item';
    } else {
      this.mode = purpose === 'key' ? 'colon' : 'after-field';
    }
    if (text === undefined) {
      this.options.onOversized(what, this.value.length(end));
      if (purpose === 'key') this.broken();
      return undefined;
    }
    if (purpose === 'item') return { kind: 'item', index: this.index - 1, text };
    if (purpose === 'field') return { kind: 'field', key: this.key, text };
    try {
      const key: unknown = JSON.parse(text);
      if (typeof key === 'string') this.key = key;
      else this.broken();
    } catch {
      this.broken(end);
    }
    return undefined;
  }

  private closeObject(): void {
    this.pos++;
    if (this.level === 0) this.mode = 'end';
    else {
      this.level--;
      this.mode = 'after-field';
    }
  }

  private closeArray(): void {
    this.pos++;
    // The array closes: back in the object that holds it (the root, or the one `at` leads to).
    this.mode = this.options.at.length === 0 ? 'end' : 'after-field';
  }

  private broken(at = this.pos): void {
    this.status = 'broken';
    this.brokenAt = this.offset + Math.max(0, at);
  }

  /** What the value being read is, for messages: `item 3`, `field "title"`, `a key`. */
  private describe(): string {
    if (this.purpose === 'item') return `item ${this.index + 1}`;
    if (this.purpose === 'field') return `field ${JSON.stringify(this.key)}`;
    return 'a key';
  }
}

/** A byte that can start a JSON value (`JSON.parse` judges the rest). */
function isValueStart(b: number): boolean {
  return (
    b === 0x22 ||
    b === 0x7b ||
    b === 0x5b ||
    b === 0x2d ||
    (b >= 0x30 && b <= 0x39) ||
    b === 0x74 ||
    b === 0x66 ||
    b === 0x6e
  );
}

import { readMessages, type TwinNode } from '@convx/explore/twin';
import { type DocLine, messageLines } from './message-lines.js';
import { subagentEntry } from './subagents.js';

/** A place in a transcript: message `m`, its row `l`. */
export interface Pos {
  m: number;
  l: number;
}

type Message = Record<string, unknown>;

/** Messages read per page, and the most held at once (those farthest from the cursor go first). */
const PAGE = 100;
const MAX_HELD = 600;

/**
 * A transcript as rows, of which only the screen's worth is ever built: messages are read from the twin a
 * page at a time by byte range as the cursor reaches them, and rendered to rows per message at the current
 * width. Positions are (message, row) pairs, so a 200 MB transcript never has its total row count computed.
 * Every method that moves may read the twin; the screen awaits them one at a time.
 */
export class TranscriptDoc {
  /** Rows to walk: the messages, then one per subagent. */
  readonly total: number;
  readonly messageCount: number;
  cursor: Pos = { m: 0, l: 0 };
  top: Pos = { m: 0, l: 0 };
  width = 80;
  height = 20;
  terms: readonly string[];
  /** Every tool call, result, thinking and context shown expanded (`e`); single messages toggle with Enter. */
  expandAll = false;
  readonly #messages = new Map<number, Message>();
  readonly #clipped = new Set<number>();
  readonly #lines = new Map<number, DocLine[]>();
  readonly #toggled = new Set<number>();

  constructor(
    readonly twinPath: string,
    readonly node: TwinNode,
    readonly sessionStart: string | null,
    terms: readonly string[] = [],
  ) {
    this.messageCount = node.inline?.length ?? node.starts.length;
    this.total = this.messageCount + node.children.length;
    this.terms = terms;
  }

  /** The rows of message `m` (it must have been read: see `need`). */
  lines(m: number): DocLine[] {
    let lines = this.#lines.get(m);
    if (lines) return lines;
    const message = this.#messages.get(m);
    if (!message) return [{ segments: [{ text: '  …', style: 'dim' }] }];
    lines = messageLines(message, {
      width: this.width,
      expanded: this.isExpanded(m),
      terms: this.terms,
      sessionStart: this.sessionStart,
      clipped: this.#clipped.has(m),
    });
    if (lines.length === 0) lines = [{ segments: [{ text: '' }] }];
    this.#lines.set(m, lines);
    return lines;
  }

  message(m: number): Message | undefined {
    return this.#messages.get(m);
  }

  isExpanded(m: number): boolean {
    return this.expandAll !== this.#toggled.has(m);
  }

  async need(m: number, backward = false): Promise<void> {
    if (m < 0 || m >= this.total || this.#messages.has(m)) return;
    if (m >= this.messageCount) {
      this.#messages.set(m, subagentEntry(this.node.children, m - this.messageCount));
      return;
    }
    await this.#read(backward ? Math.max(0, m - PAGE + 1) : m);
    if (!this.#messages.has(m)) await this.#read(m);
  }

  async linesOf(m: number, backward = false): Promise<DocLine[]> {
    await this.need(m, backward);
    return this.lines(m);
  }

  /** `pos` moved `n` rows down (up when negative), stopping at either end. */
  async walk(pos: Pos, n: number): Promise<Pos> {
    let { m, l } = pos;
    if (this.total === 0) return { m: 0, l: 0 };
    while (n > 0) {
      const count = (await this.linesOf(m)).length;
      if (l + n < count) return { m, l: l + n };
      if (m + 1 >= this.total) return { m, l: count - 1 };
      n -= count - l;
      m++;
      l = 0;
    }
    while (n < 0) {
      if (l + n >= 0) return { m, l: l + n };
      if (m === 0) return { m: 0, l: 0 };
      n += l + 1;
      m--;
      l = (await this.linesOf(m, true)).length - 1;
    }
    return { m, l };
  }

  /** Rows from `a` down to `b`, counting at most `limit` (then `limit`); negative when `b` is above `a`. */
  async distance(a: Pos, b: Pos, limit: number): Promise<number> {
    if (compare(b, a) < 0) return -(await this.distance(b, a, limit));
    let rows = 0;
    let { m, l } = a;
    while (m < b.m && rows < limit) {
      rows += (await this.linesOf(m)).length - l;
      m++;
      l = 0;
    }
    return Math.min(limit, rows + (m === b.m ? b.l - l : 0));
  }

  async moveCursor(n: number): Promise<void> {
    this.cursor = await this.walk(this.cursor, n);
    await this.settle();
  }

  /** Moves the cursor and the screen together by a page. */
  async page(dir: 1 | -1): Promise<void> {
    const step = Math.max(1, this.height - 1) * dir;
    this.top = await this.walk(this.top, step);
    this.cursor = await this.walk(this.cursor, step);
    await this.settle();
  }

  async toStart(): Promise<void> {
    this.cursor = { m: 0, l: 0 };
    this.top = { m: 0, l: 0 };
    await this.settle();
  }

  async toEnd(): Promise<void> {
    const last = Math.max(0, this.total - 1);
    this.cursor = { m: last, l: Math.max(0, (await this.linesOf(last, true)).length - 1) };
    await this.settle();
  }

  /**
   * Puts the cursor on row `l` of message `m`; the screen stays where it is when that row is on it, else
   * the row comes a third of the way down.
   */
  async goTo(m: number, l = 0): Promise<void> {
    await this.need(m);
    const target = { m, l: Math.max(0, Math.min(l, this.lines(m).length - 1)) };
    const rows = await this.distance(this.top, target, this.height);
    this.cursor = target;
    if (rows < 0 || rows >= this.height) this.top = await this.walk(target, -Math.floor(this.height / 3));
    await this.settle();
  }

  /** Expands or collapses message `m` (a tool call, a result, thinking, context). */
  async toggle(m: number): Promise<void> {
    if (this.#toggled.has(m)) this.#toggled.delete(m);
    else this.#toggled.add(m);
    this.#lines.delete(m);
    await this.settle();
  }

  async setExpandAll(on: boolean): Promise<void> {
    this.expandAll = on;
    this.#toggled.clear();
    this.#lines.clear();
    await this.settle();
  }

  async resize(width: number, height: number): Promise<void> {
    if (width !== this.width) this.#lines.clear();
    this.width = width;
    this.height = Math.max(1, height);
    await this.settle();
  }

  setTerms(terms: readonly string[]): void {
    this.terms = terms;
    this.#lines.clear();
  }

  /** Keeps positions on existing rows, the cursor on screen and the screen's messages read. */
  async settle(): Promise<void> {
    this.cursor = await this.clamp(this.cursor);
    this.top = await this.clamp(this.top);
    if (compare(this.cursor, this.top) < 0) this.top = this.cursor;
    else if ((await this.distance(this.top, this.cursor, this.height)) >= this.height) {
      this.top = await this.walk(this.cursor, -(this.height - 1));
    }
    // No empty rows below the end while there is more above.
    const last = Math.max(0, this.total - 1);
    if ((await this.distance(this.top, { m: last, l: 0 }, this.height)) < this.height) {
      const end = { m: last, l: Math.max(0, (await this.linesOf(last, true)).length - 1) };
      if ((await this.distance(this.top, end, this.height)) < this.height - 1) {
        this.top = await this.walk(end, -(this.height - 1));
      }
    }
    await this.walk(this.top, this.height);
    this.#evict();
  }

  async clamp(pos: Pos): Promise<Pos> {
    const m = Math.max(0, Math.min(pos.m, this.total - 1));
    const count = (await this.linesOf(m)).length;
    return { m, l: Math.max(0, Math.min(m === pos.m ? pos.l : 0, count - 1)) };
  }

  /** The screen: `height` rows from the top (after `settle`, all read), with the cursor's index among them. */
  view(): { lines: DocLine[]; cursor: number } {
    const lines: DocLine[] = [];
    let cursor = -1;
    let { m, l } = this.top;
    while (lines.length < this.height && m < this.total) {
      const rows = this.lines(m);
      for (; l < rows.length && lines.length < this.height; l++) {
        if (m === this.cursor.m && l === this.cursor.l) cursor = lines.length;
        lines.push(rows[l] ?? { segments: [] });
      }
      m++;
      l = 0;
    }
    return { lines, cursor };
  }

  async #read(from: number): Promise<void> {
    const slice = await readMessages(this.twinPath, this.node, from, PAGE);
    slice.messages.forEach((message, i) => {
      const record =
        typeof message === 'object' && message !== null ? (message as Message) : { kind: 'unknown' };
      this.#messages.set(from + i, record);
      if (slice.clipped[from + i] !== undefined) this.#clipped.add(from + i);
    });
  }

  #evict(): void {
    if (this.#messages.size <= MAX_HELD) return;
    const keep = new Set<number>();
    for (let m = this.top.m - PAGE; m <= this.top.m + 2 * PAGE; m++) keep.add(m);
    keep.add(this.cursor.m);
    for (const m of this.#messages.keys()) {
      if (keep.has(m)) continue;
      this.#messages.delete(m);
      this.#lines.delete(m);
      this.#clipped.delete(m);
    }
  }
}

export function compare(a: Pos, b: Pos): number {
  return a.m === b.m ? a.l - b.l : a.m - b.m;
}

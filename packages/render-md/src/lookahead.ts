/** How far a renderer may read ahead of the message it is writing: whichever limit is reached first. */
export interface WindowLimits {
  /** Messages held ahead of the current one. */
  messages: number;
  /** Characters of content held ahead (an estimate: texts, outputs, serialized inputs). */
  chars: number;
}

/**
 * Far enough for any real pairing (a result follows its call within a few messages, or after a batch of
 * parallel calls), small enough that a huge session never sits in memory: at most ~4 M characters ahead.
 */
export const DEFAULT_WINDOW: WindowLimits = { messages: 1000, chars: 4_000_000 };

/**
 * A one-pass reader over an iterable that can peek ahead, within limits. The items it holds ahead of the
 * current one are always the longest run from the current position that stays within the limits (the item
 * that crosses the character limit included), so what a peek sees depends on the position only, never on
 * how far earlier peeks happened to read.
 */
export class Lookahead<T extends object> {
  readonly #source: Iterator<T>;
  readonly #size: (item: T) => number;
  readonly #limits: WindowLimits;
  #buffer: T[] = [];
  #sizes: number[] = [];
  #head = 0;
  #chars = 0;
  #done = false;

  constructor(source: Iterable<T>, size: (item: T) => number, limits: WindowLimits) {
    this.#source = source[Symbol.iterator]();
    this.#size = size;
    this.#limits = limits;
  }

  /** The next item, which becomes the current one (everything before it is dropped), or undefined at the end. */
  next(): T | undefined {
    const item = this.#buffer[this.#head];
    if (item === undefined) {
      if (this.#done) return undefined;
      const step = this.#source.next();
      if (step.done) this.#done = true;
      return step.done ? undefined : step.value;
    }
    this.#chars -= this.#sizes[this.#head] ?? 0;
    this.#head++;
    if (this.#head >= 1024 && this.#head * 2 >= this.#buffer.length) {
      this.#buffer = this.#buffer.slice(this.#head);
      this.#sizes = this.#sizes.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }

  /**
   * The items after the current one, in order, reading more from the source as long as the window allows.
   * Finish or abandon the iteration before calling `next()` again.
   */
  *ahead(): Generator<T> {
    for (let i = this.#head; ; i++) {
      const held = this.#buffer[i];
      if (held !== undefined) {
        yield held;
        continue;
      }
      const pulled = this.#pull();
      if (pulled === undefined) return;
      yield pulled;
    }
  }

  /** Stops reading: lets the source release what it holds (a file handle) when rendering ends early. */
  close(): void {
    if (!this.#done) this.#source.return?.();
    this.#done = true;
  }

  #pull(): T | undefined {
    const held = this.#buffer.length - this.#head;
    if (this.#done || held >= this.#limits.messages || this.#chars >= this.#limits.chars) return undefined;
    const step = this.#source.next();
    if (step.done) {
      this.#done = true;
      return undefined;
    }
    const size = this.#size(step.value);
    this.#buffer.push(step.value);
    this.#sizes.push(size);
    this.#chars += size;
    return step.value;
  }
}

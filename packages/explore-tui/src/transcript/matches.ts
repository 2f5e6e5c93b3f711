import { messageTexts, type TwinNode } from '@convx/explore/twin';

/**
 * The messages of a transcript that contain any of the search's terms, found by reading the twin once in
 * the background (large sequential reads, one message at a time in memory). `n`/`N` use what is found so
 * far; `done` tells whether the whole twin was read.
 */
export class MatchScan {
  readonly matches: number[] = [];
  done = false;
  /** Messages looked at so far. */
  scanned = 0;
  readonly #abort = new AbortController();
  #waiters: (() => void)[] = [];

  constructor(
    readonly path: string,
    readonly node: TwinNode,
    readonly terms: readonly string[],
    onProgress: () => void,
  ) {
    if (terms.length === 0) {
      this.done = true;
      return;
    }
    const report = () => {
      for (const wake of this.#waiters.splice(0)) wake();
      onProgress();
    };
    void this.#run(report).catch(() => {
      this.done = true;
      report();
    });
  }

  stop(): void {
    this.#abort.abort();
    this.done = true;
    for (const wake of this.#waiters.splice(0)) wake();
  }

  async #run(onProgress: () => void): Promise<void> {
    // Cheap reject first: the raw JSON holds every character of the text, only escaped.
    const escaped = this.terms.map((t) => JSON.stringify(t).slice(1, -1));
    let lastReport = Date.now();
    for await (const raw of messageTexts(this.path, this.node)) {
      if (this.#abort.signal.aborted) return;
      const index = this.scanned++;
      const lower = raw.toLowerCase();
      if (escaped.some((t) => lower.includes(t)) && this.terms.some((t) => visibleText(raw).includes(t))) {
        this.matches.push(index);
        onProgress();
      }
      if (Date.now() - lastReport > 200) {
        lastReport = Date.now();
        onProgress();
        // Let keys and redraws in between the reads of a long twin.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    this.done = true;
    onProgress();
  }

  /**
   * The nearest match after message `m` (dir 1) or before it (dir -1), waiting for the scan to get that far;
   * undefined when there is none.
   */
  async next(m: number, dir: 1 | -1): Promise<number | undefined> {
    for (;;) {
      if (dir === 1) {
        const found = this.matches.find((i) => i > m);
        if (found !== undefined || this.done) return found;
      } else if (this.done || this.scanned > m) return this.matches.findLast((i) => i < m);
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }

  /** Every match, once the scan is done (for wrapping around). */
  async all(): Promise<readonly number[]> {
    while (!this.done) await new Promise<void>((resolve) => this.#waiters.push(resolve));
    return this.matches;
  }
}

/** The lower-case words of a message as the transcript can show them (text, output, tool name and input). */
export function visibleText(raw: string): string {
  let message: unknown;
  try {
    message = JSON.parse(raw);
  } catch {
    return '';
  }
  if (typeof message !== 'object' || message === null) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(message)) {
    if (key === 'text' || key === 'output' || key === 'name' || key === 'label' || key === 'model') {
      parts.push(typeof value === 'string' ? value : JSON.stringify(value));
    } else if (key === 'input')
      parts.push(typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  }
  return parts.join('\n').toLowerCase();
}

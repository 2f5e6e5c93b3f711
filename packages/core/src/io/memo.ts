import type { Logger } from '../contract/context.js';

interface Entry {
  value: unknown;
  dispose?: (value: never) => void;
}

/**
 * The values one adapter memoizes during one run (`ctx.memo`), and their disposal when the run ends. The
 * engine makes one per adapter per thread (the main thread and each worker) and disposes it once the run's
 * last session is prepared; nothing outlives the run, so no module keeps state between runs.
 */
export class RunMemo {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly log?: Logger) {}

  /**
   * The value stored under `key`, made by `make` on first use. A `make` that throws stores nothing (the next
   * call tries again). `dispose` runs on the value when the run ends.
   */
  get<T>(key: string, make: () => T, dispose?: (value: T) => void): T {
    const found = this.entries.get(key);
    if (found) return found.value as T;
    const value = make();
    this.entries.set(key, dispose ? { value, dispose } : { value });
    return value;
  }

  /**
   * Disposes every value that has a disposer, newest first, and forgets them all. A disposer that throws is
   * logged and the others still run. The memo can be used again afterwards (it starts empty).
   */
  dispose(): void {
    const entries = [...this.entries.entries()].reverse();
    this.entries.clear();
    for (const [key, entry] of entries) {
      try {
        entry.dispose?.(entry.value as never);
      } catch (error) {
        this.log?.debug(`could not dispose the run's ${key}: ${String(error)}`);
      }
    }
  }
}

/** One {@link RunMemo} per adapter name, for one thread of one run. */
export class RunMemos {
  private readonly byAdapter = new Map<string, RunMemo>();

  constructor(private readonly log?: Logger) {}

  forAdapter(name: string): RunMemo {
    let memo = this.byAdapter.get(name);
    if (!memo) {
      memo = new RunMemo(this.log);
      this.byAdapter.set(name, memo);
    }
    return memo;
  }

  /** Disposes every adapter's memo (at the end of the run). */
  dispose(): void {
    for (const memo of this.byAdapter.values()) memo.dispose();
    this.byAdapter.clear();
  }
}

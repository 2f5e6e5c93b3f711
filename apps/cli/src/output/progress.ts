import type { ProgressEvent } from '@convx/core';
import type { OutStream } from '../io.js';
import type { Colors } from './colors.js';

export interface Progress {
  onProgress(event: ProgressEvent): void;
  /** Prints a log line above the bar. */
  print(line: string): void;
  /** Clears the bar. */
  stop(): void;
}

const REDRAW_MS = 80;
/** The rate is measured over the sessions exported in the last this many milliseconds. */
const RATE_WINDOW_MS = 10_000;
/** Rate and time left appear once the export has run this long (a short run is over before they mean much). */
const SHOW_AFTER_MS = 3_000;

/**
 * How fast sessions are exported and how long the rest will take. Unchanged sessions are counted while
 * the sources are discovered and cost only a stat, so the rate is measured on the others: those still to
 * come are all of that kind.
 */
class Pace {
  /** When each session in the window was exported; `head` is the oldest one still in it. */
  private times: number[] = [];
  private head = 0;
  private started: number | undefined;

  constructor(private readonly now: () => number) {}

  exported(): void {
    const now = this.now();
    this.started ??= now;
    this.times.push(now);
    while (this.head < this.times.length - 1 && now - (this.times[this.head] ?? now) > RATE_WINDOW_MS)
      this.head++;
    // Drop what left the window now and then, not on every session.
    if (this.head > 1024) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }

  /** Sessions per second, once there is enough to go on. */
  rate(): number | undefined {
    const now = this.now();
    const first = this.times[this.head];
    if (this.started === undefined || first === undefined || now - this.started < SHOW_AFTER_MS)
      return undefined;
    return ((this.times.length - this.head) / Math.max(now - first, 1000)) * 1000;
  }
}

/** `42/s`, `3.5/s`, `0.2/s`. */
export function formatRate(perSecond: number): string {
  return `${perSecond >= 10 ? Math.round(perSecond) : perSecond.toFixed(1)}/s`;
}

/** `45 s`, `3 min 20 s`, `2 h 5 min`: whole units, coarser as it grows. */
export function formatTimeLeft(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * A one-line progress bar on stderr for TTYs: `codex ██████░░░░ 120/300  4 written · 35/s · 1 min 20 s left`.
 * Redrawn at most every 80 ms so a fast run of thousands of unchanged sessions does not spend its time
 * drawing. The rate and the time left (for the whole run, every source's sessions) show on long runs.
 */
export function createProgress(stream: OutStream, colors: Colors, now: () => number = Date.now): Progress {
  let line = '';
  let lastDraw = 0;
  let current: { source: string; done: number; total: number; changed: number; failed: number } | undefined;
  const totals = new Map<string, number>();
  let doneAll = 0;
  const pace = new Pace(now);

  const clear = () => {
    if (line) stream.write('\r\u001b[2K');
    line = '';
  };
  const timing = (): string[] => {
    const rate = pace.rate();
    if (rate === undefined || rate <= 0) return [];
    let total = 0;
    for (const count of totals.values()) total += count;
    const left = total - doneAll;
    return [formatRate(rate), ...(left > 0 ? [`${formatTimeLeft((left / rate) * 1000)} left`] : [])];
  };
  const draw = (force = false) => {
    if (!current) return;
    const at = now();
    if (!force && at - lastDraw < REDRAW_MS) return;
    lastDraw = at;
    const { source, done, total, changed, failed } = current;
    const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - 70));
    const filled = total ? Math.round((done / total) * width) : width;
    const bar = colors.cyan('█'.repeat(filled)) + colors.dim('░'.repeat(width - filled));
    const tail = [`${changed} written`, failed ? colors.red(`${failed} failed`) : '', ...timing()]
      .filter(Boolean)
      .join(' · ');
    clear();
    line = `${source.padEnd(8)} ${bar} ${done}/${total}  ${colors.dim(tail)}`;
    stream.write(line);
  };

  return {
    onProgress(event) {
      totals.set(event.source, event.total);
      if (event.type === 'discovered') {
        current = { source: event.source, done: 0, total: event.total, changed: 0, failed: 0 };
        draw(true);
        return;
      }
      doneAll++;
      if (event.outcome !== 'unchanged') pace.exported();
      if (!current || current.source !== event.source) {
        current = { source: event.source, done: 0, total: event.total, changed: 0, failed: 0 };
      }
      current.done = event.done;
      current.total = event.total;
      if (event.outcome === 'new' || event.outcome === 'updated') current.changed++;
      if (event.outcome === 'failed') current.failed++;
      draw(event.done === event.total);
    },
    print(text) {
      clear();
      stream.write(`${text}\n`);
      draw(true);
    },
    stop() {
      clear();
      current = undefined;
    },
  };
}

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

/**
 * A one-line progress bar on stderr for TTYs: `codex ██████░░░░ 120/300  new 4 · updated 1`. Redrawn at
 * most every 80 ms so a fast run of thousands of unchanged sessions does not spend its time drawing.
 */
export function createProgress(stream: OutStream, colors: Colors): Progress {
  let line = '';
  let lastDraw = 0;
  let current: { source: string; done: number; total: number; changed: number; failed: number } | undefined;

  const clear = () => {
    if (line) stream.write('\r\u001b[2K');
    line = '';
  };
  const draw = (force = false) => {
    if (!current) return;
    const now = Date.now();
    if (!force && now - lastDraw < REDRAW_MS) return;
    lastDraw = now;
    const { source, done, total, changed, failed } = current;
    const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - 60));
    const filled = total ? Math.round((done / total) * width) : width;
    const bar = colors.cyan('█'.repeat(filled)) + colors.dim('░'.repeat(width - filled));
    const tail = [`${changed} written`, failed ? colors.red(`${failed} failed`) : '']
      .filter(Boolean)
      .join(' · ');
    clear();
    line = `${source.padEnd(8)} ${bar} ${done}/${total}  ${colors.dim(tail)}`;
    stream.write(line);
  };

  return {
    onProgress(event) {
      if (event.type === 'discovered') {
        current = { source: event.source, done: 0, total: event.total, changed: 0, failed: 0 };
        draw(true);
        return;
      }
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

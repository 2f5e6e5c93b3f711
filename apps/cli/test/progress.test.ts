import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { createProgress, formatRate, formatTimeLeft } from '../src/output/progress.js';

/** A terminal that keeps what is on its last line, and a clock the test moves. */
function terminal() {
  let screen = '';
  let clock = 0;
  const stream = {
    isTTY: true,
    columns: 120,
    write(chunk: string) {
      screen += chunk;
    },
  };
  return {
    stream,
    now: () => clock,
    advance: (ms: number) => {
      clock += ms;
    },
    /** The bar as drawn last (after the last clear-line sequence). */
    bar: () => screen.split('\r\u001b[2K').at(-1) ?? '',
  };
}

describe('the progress bar', () => {
  it('adds the rate and the time left for the whole run once the export has run a while', () => {
    const t = terminal();
    const progress = createProgress(t.stream, pc.createColors(false), t.now);
    progress.onProgress({ type: 'discovered', source: 'codex', total: 100 });
    progress.onProgress({ type: 'discovered', source: 'claude', total: 50 });
    // Unchanged sessions are counted during discovery, at once: they say nothing about the pace.
    for (let done = 1; done <= 30; done++)
      progress.onProgress({
        type: 'session',
        source: 'codex',
        key: `k${done}`,
        outcome: 'unchanged',
        done,
        total: 100,
      });
    let done = 30;
    const exportOne = () => {
      t.advance(100);
      done++;
      progress.onProgress({
        type: 'session',
        source: 'codex',
        key: `k${done}`,
        outcome: 'new',
        done,
        total: 100,
      });
    };
    for (let i = 0; i < 20; i++) exportOne();
    // Two seconds in: counts only.
    expect(t.bar()).toMatch(/^codex {4}\S+ 50\/100 {2}20 written$/);
    for (let i = 0; i < 20; i++) exportOne();
    // Ten sessions a second; 150 - 70 sessions to go, codex's and claude's.
    expect(t.bar()).toMatch(/^codex {4}\S+ 70\/100 {2}40 written · 10\/s · 8 s left$/);
    progress.stop();
  });

  it('keeps failures in the tail', () => {
    const t = terminal();
    const progress = createProgress(t.stream, pc.createColors(false), t.now);
    progress.onProgress({ type: 'discovered', source: 'gemini', total: 2 });
    progress.onProgress({
      type: 'session',
      source: 'gemini',
      key: 'a',
      outcome: 'failed',
      done: 1,
      total: 2,
    });
    t.advance(100);
    progress.onProgress({ type: 'session', source: 'gemini', key: 'b', outcome: 'new', done: 2, total: 2 });
    expect(t.bar()).toMatch(/2\/2 {2}1 written · 1 failed$/);
  });
});

describe('rate and time left', () => {
  it('reads as a person would say it', () => {
    expect(formatRate(42.4)).toBe('42/s');
    expect(formatRate(3.46)).toBe('3.5/s');
    expect(formatRate(0.2)).toBe('0.2/s');
    expect(formatTimeLeft(200)).toBe('1 s');
    expect(formatTimeLeft(45_000)).toBe('45 s');
    expect(formatTimeLeft(200_000)).toBe('3 min 20 s');
    expect(formatTimeLeft(7_500_000)).toBe('2 h 5 min');
  });
});

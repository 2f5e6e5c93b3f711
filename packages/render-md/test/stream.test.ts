import { createHash } from 'node:crypto';
import type { Message, RenderedFile, Session } from '@convx/core';
import { sampleSessions } from '@convx/core/testing';
import { describe, expect, it } from 'vitest';
import { createMarkdownRenderer, DEFAULT_OPTIONS, markdownRenderer } from '../src/index.js';
import { DEFAULT_WINDOW, type WindowLimits } from '../src/lookahead.js';
import { renderSessionStream } from '../src/render.js';
import { generatedSession } from './generated-session.js';
import { must, session } from './helpers.js';

const OPTION_SETS: Record<string, unknown>[] = [
  {},
  { showContext: true, maxToolOutputLines: 2, timeFormat: 'iso' },
];

const texts = (files: RenderedFile[]) =>
  files.map((f) => ({
    suffix: f.suffix,
    content: typeof f.content === 'string' ? f.content : [...f.content].join(''),
  }));

/** The session as the engine hands it to renderStream: no messages in place, a fresh iterator per pass. */
function streamed(full: Session, options: Record<string, unknown> = {}, basename = 'base') {
  const files = markdownRenderer.renderStream?.({ ...full, messages: [] }, () => full.messages.values(), {
    basename,
    options,
  });
  return texts(must(files, 'renderStream'));
}

const rendered = (full: Session, options: Record<string, unknown> = {}, basename = 'base') =>
  texts(markdownRenderer.render(full, { basename, options }));

/** A messages() whose passes record how many messages each has handed out so far. */
function recording(messages: readonly Message[]) {
  const pulled: number[] = [];
  const closed: boolean[] = [];
  const source = () => {
    const pass = pulled.push(0) - 1;
    return (function* () {
      try {
        for (const message of messages) {
          pulled[pass] = (pulled[pass] ?? 0) + 1;
          yield message;
        }
      } finally {
        closed[pass] = true;
      }
    })();
  };
  return { source, pulled, closed };
}

/**
 * Reads the main file chunk by chunk; for each chunk, how far the current pass had been pulled, the highest
 * message marker (`#<n>`, see generatedSession) shown so far, and whether the chunk shows one itself. A block
 * comes in pieces (its frame, then the content): the bound on reading ahead holds where content is written.
 */
function pullsPerChunk(full: Session, window: WindowLimits = DEFAULT_WINDOW) {
  const { source, pulled, closed } = recording(full.messages);
  const [main] = renderSessionStream(
    { ...full, messages: [] },
    source,
    { basename: 'b' },
    DEFAULT_OPTIONS,
    window,
  );
  const chunks: Array<{ pulled: number; shown: number; text: string; content: boolean }> = [];
  let shown = -1;
  for (const text of must(main).content) {
    let content = false;
    for (const match of text.matchAll(/#(\d+)\b/g)) {
      shown = Math.max(shown, Number(match[1]));
      content = true;
    }
    chunks.push({ pulled: pulled.at(-1) ?? 0, shown, text, content });
  }
  return { chunks, passes: pulled, closed };
}

const sha256 = (files: RenderedFile[]) => {
  const hash = createHash('sha256');
  for (const file of texts(files)) hash.update(`${file.suffix}\0${file.content}\0`);
  return hash.digest('hex');
};

describe('renderStream', () => {
  it('writes exactly what render writes for every sample session and option set', () => {
    for (const options of OPTION_SETS) {
      for (const sample of sampleSessions()) {
        const expected = rendered(sample, options);
        expect(expected.length).toBeGreaterThan(0);
        expect(streamed(sample, options)).toEqual(expected);
      }
    }
  });

  it('writes exactly what render writes for a generated session of thousands of messages', () => {
    const big = generatedSession(240);
    expect(big.messages.length).toBeGreaterThan(3000);
    expect(big.children).toHaveLength(12);
    for (const options of OPTION_SETS) {
      const expected = rendered(big, options);
      expect(expected.map((f) => f.suffix)).toHaveLength(13);
      expect(streamed(big, options)).toEqual(expected);
    }
  });

  it('keeps the bytes of the whole-session renderer for ordinary sessions (output hashes taken before the rewrite)', () => {
    // Hashes of the generated sessions rendered by the whole-session indexing renderer (version 3): the
    // window changes nothing for sessions whose results lie near their calls. Updated for version 5, whose
    // only change to these sessions is `#1` in their titles no longer escaped (`\#1`).
    const render = (full: Session, options: Record<string, unknown> = {}) =>
      sha256(markdownRenderer.render(full, { basename: 'big', options }));
    expect(render(generatedSession(240))).toBe(
      '91f346e90b25c5df16eb109cdbe7083802fdc1a65670ae395481a45deeb1f79d',
    );
    expect(render(generatedSession(240, { title: true }))).toBe(
      '8c46ce6cf0e7ebf153b5aa64e126114ccd7d5171d97d6af788a7bca0c8466c3c',
    );
    expect(render(generatedSession(240), OPTION_SETS[1])).toBe(
      'fd8a0d39ee3a5fa3e3438a1a43d01a2de98c6cdee85d60871576aaa7ac42887f',
    );
  });

  it('gives the same output with a window of only 8 messages when results sit near their calls', () => {
    const big = generatedSession(120);
    const render = (window: WindowLimits) =>
      texts(renderSessionStream(big, () => big.messages, { basename: 'b' }, DEFAULT_OPTIONS, window));
    expect(render({ messages: 8, chars: Number.POSITIVE_INFINITY })).toEqual(render(DEFAULT_WINDOW));
  });
});

/** The chunks that show message content (where the read-ahead bound is checked); never so few it says nothing. */
function withContent<C extends { content: boolean }>(chunks: C[]): C[] {
  const shown = chunks.filter((c) => c.content);
  expect(shown.length).toBeGreaterThan(200);
  return shown;
}

describe('the lookahead window is bounded', () => {
  it('reads a titled session without children once, writing each chunk before reading far ahead', () => {
    const big = { ...generatedSession(240, { title: true }), children: [] };
    const total = big.messages.length;
    const { chunks, passes, closed } = pullsPerChunk(big);
    expect(passes).toHaveLength(1);
    expect(passes[0]).toBe(total);
    expect(closed).toEqual([true]);
    // The header is written before a single message is read.
    expect(chunks[0]?.pulled).toBe(0);
    const firstMessage = must(chunks.find((c) => c.text.includes('Turn 0: check the build step #1')));
    expect(firstMessage.pulled).toBeLessThanOrEqual(1 + DEFAULT_WINDOW.messages);
    expect(firstMessage.pulled).toBeLessThan(total / 3);
    for (const chunk of withContent(chunks)) {
      expect(chunk.pulled).toBeLessThanOrEqual(chunk.shown + 1 + DEFAULT_WINDOW.messages);
    }
  });

  it('with a small window, never holds more than the window ahead of what it writes', () => {
    const big = { ...generatedSession(240, { title: true }), children: [] };
    const { chunks } = pullsPerChunk(big, { messages: 8, chars: Number.POSITIVE_INFINITY });
    const turns = chunks.filter((c) => c.text.startsWith('\n## '));
    expect(turns.length).toBeGreaterThan(400);
    for (const chunk of withContent(chunks))
      expect(chunk.pulled).toBeLessThanOrEqual(Math.max(chunk.shown, 0) + 1 + 8);
    // Halfway through the output, about half of the messages have been read, not all of them.
    const middle = must(chunks[Math.floor(chunks.length / 2)]);
    expect(middle.pulled).toBeGreaterThan(big.messages.length * 0.3);
    expect(middle.pulled).toBeLessThan(big.messages.length * 0.7);
  });

  it('reads a session with subagents twice: a facts pass, then a bounded transcript pass', () => {
    const big = generatedSession(240);
    const total = big.messages.length;
    const { chunks, passes, closed } = pullsPerChunk(big, { messages: 8, chars: Number.POSITIVE_INFINITY });
    expect(passes).toEqual([total, total]);
    expect(closed).toEqual([true, true]);
    for (const chunk of withContent(chunks.slice(3))) {
      expect(chunk.pulled).toBeLessThanOrEqual(Math.max(chunk.shown, 0) + 1 + 8);
    }
    expect(chunks.join('')).not.toContain('## Subagents');
  });

  it('stops reading, and lets the source close, when the output is abandoned early', () => {
    const big = { ...generatedSession(60, { title: true }), children: [] };
    const { source, pulled, closed } = recording(big.messages);
    const [main] =
      markdownRenderer.renderStream?.({ ...big, messages: [] }, source, {
        basename: 'b',
        options: {},
      }) ?? [];
    let seen = 0;
    for (const _ of must(main).content) if (++seen === 20) break;
    expect(pulled).toHaveLength(1);
    expect(pulled[0]).toBeLessThan(big.messages.length);
    expect(closed).toEqual([true]);
  });
});

describe('pairing through the window', () => {
  const call = (callId: string): Message => ({
    kind: 'tool-call',
    role: 'assistant',
    name: 'shell',
    input: { command: 'make test' },
    callId,
  });
  const result = (callId: string, output: string): Message => ({
    kind: 'tool-result',
    role: 'tool',
    callId,
    name: 'shell',
    output,
  });
  const filler = (count: number): Message[] =>
    Array.from({ length: count }, (_, i) => ({
      kind: 'text',
      role: 'assistant',
      text: `Still working ${i}.`,
    }));
  const main = (messages: Message[]) =>
    must(streamed(session(messages)).find((f) => f.suffix === '.md')).content;

  it('pairs a result recorded shortly before its call, as render always did', () => {
    const text = main([result('c1', 'early output'), call('c1')]);
    expect(text).toContain('**Result**\n\n```\nearly output\n```\n\n</details>');
    expect(text).not.toContain('Tool result');
  });

  it('shows a result more than the window after its call on its own, and the call without one', () => {
    const text = main([call('c1'), ...filler(DEFAULT_WINDOW.messages + 200), result('c1', 'late output')]);
    expect(text).toContain('make test\n```\n\n*No result was recorded.*\n\n</details>');
    expect(text).toContain(
      '<details>\n<summary>Tool result <code>shell</code></summary>\n\n**Result**\n\n```\nlate output\n```\n\n</details>',
    );
  });

  it('shows a result beyond the window by size on its own', () => {
    const huge: Message = { kind: 'text', role: 'assistant', text: 'x'.repeat(DEFAULT_WINDOW.chars + 1) };
    const text = main([call('c1'), huge, result('c1', 'late output')]);
    expect(text).toContain('*No result was recorded.*');
    expect(text).toContain('<summary>Tool result <code>shell</code></summary>');
  });

  it('shows a result more than the window before its call on its own', () => {
    const text = main([
      result('c1', 'very early output'),
      ...filler(DEFAULT_WINDOW.messages + 5),
      call('c1'),
    ]);
    expect(text.indexOf('Tool result')).toBeLessThan(text.indexOf('Tool: <code>shell</code>'));
    expect(text).toContain('*No result was recorded.*');
  });

  it('still pairs a result just inside the window', () => {
    const text = main([call('c1'), ...filler(DEFAULT_WINDOW.messages - 1), result('c1', 'in time')]);
    expect(text).toContain('**Result**\n\n```\nin time\n```');
    expect(text).not.toContain('Tool result');
    expect(text).not.toContain('No result was recorded');
  });

  it('renders a streamed session with defaults baked into a custom renderer the same way', () => {
    const renderer = createMarkdownRenderer({ showContext: true });
    const full = must(sampleSessions()[0]);
    const viaStream = texts(
      must(renderer.renderStream)({ ...full, messages: [] }, () => full.messages, {
        basename: 'b',
        options: {},
      }),
    );
    expect(viaStream).toEqual(texts(renderer.render(full, { basename: 'b', options: {} })));
    expect(viaStream[0]?.content).toContain('<summary>Context: AGENTS.md</summary>');
  });
});

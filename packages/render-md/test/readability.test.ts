import type { Message } from '@convx/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readableLabel } from '../src/labels.js';
import { escapeInline, shorten } from '../src/markdown.js';
import { splitToolOutput } from '../src/tool-output.js';
import { bodyOf, frontMatterOf, renderFiles, renderMain, session } from './helpers.js';

// What a person reading a transcript stumbled on: titles cut mid-word, Codex's bookkeeping lines, escapes
// nobody needed, raw field names, a wall of "Thinking redacted" notes, times in UTC only.

const user = (text: string, timestamp?: string): Message => ({
  kind: 'text',
  role: 'user',
  text,
  ...(timestamp ? { timestamp } : {}),
});
const said = (text: string, timestamp?: string): Message => ({
  kind: 'text',
  role: 'assistant',
  text,
  ...(timestamp ? { timestamp } : {}),
});

describe('titles', () => {
  it('are cut after a whole word', () => {
    const prompt =
      'Why does the nightly build fail only on the arm64 runner when the cache is warm, and what does the stack trace tell us';
    const text = renderMain(session([user(prompt)]));
    expect(text).toContain(
      '\n# Why does the nightly build fail only on the arm64 runner when the cache is…\n',
    );
    expect(parse(frontMatterOf(text)).title).toBe(
      'Why does the nightly build fail only on the arm64 runner when the cache is…',
    );
  });

  it('cut a single long token where the room ends, and drop a dangling comma or dash', () => {
    expect(shorten('x'.repeat(30), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(shorten('fix the parser, then the lexer', 18)).toBe('fix the parser…');
    expect(shorten('short enough', 20)).toBe('short enough');
  });
});

describe('escaping', () => {
  it('leaves alone what Markdown would show literally anyway', () => {
    expect(escapeInline('raise yield_time_ms to 30s')).toBe('raise yield_time_ms to 30s');
    expect(escapeInline('C# and ~/code, a -> b, 2 * 3, R&D, x | y')).toBe(
      'C# and ~/code, a -> b, 2 * 3, R&D, x | y',
    );
  });

  it('escapes what could still do something', () => {
    expect(escapeInline('_init_ and *this* and ~~that~~')).toBe(
      '\\_init\\_ and \\*this\\* and \\~\\~that\\~\\~',
    );
    expect(escapeInline('see [docs](x) `code` <details> &amp; trailing \\')).toBe(
      'see \\[docs\\](x) \\`code\\` \\<details> &amp;amp; trailing \\\\',
    );
    // A closing run of # would be dropped from a heading.
    expect(escapeInline('issue #23 ##')).toBe('issue #23 \\##');
  });

  it('keeps a title with underscores readable in the heading', () => {
    const text = renderMain(session([user('go')], { title: 'Tune yield_time_ms for exec_command' }));
    expect(text).toContain('\n# Tune yield_time_ms for exec_command\n');
  });
});

describe('tool inputs', () => {
  it('name their settings in words', () => {
    expect(readableLabel('yield_time_ms')).toBe('Yield time (ms)');
    expect(readableLabel('isBackground')).toBe('Background');
    expect(readableLabel('max_output_tokens')).toBe('Max output tokens');
    expect(readableLabel('maxResults')).toBe('Max results');
    expect(readableLabel('workdir')).toBe('Working directory');
    expect(readableLabel('session_id')).toBe('Session ID');
    expect(readableLabel('timeout')).toBe('Timeout');
    const text = renderMain(
      session([
        {
          kind: 'tool-call',
          role: 'assistant',
          name: 'exec_command',
          input: { cmd: 'npm run dev', yield_time_ms: 1000, isBackground: false, max_output_tokens: 6000 },
        },
      ]),
    );
    expect(text).toContain(
      '```bash\nnpm run dev\n```\n\nYield time (ms): `1000` · Background: no · Max output tokens: `6000`\n',
    );
  });
});

describe('Codex tool output', () => {
  const output =
    'Chunk ID: 5b1e\nWall time: 4.6 seconds\nProcess exited with code 1\nOriginal token count: 61\nOutput:\nFAILED tests/test_refunds.py::test_large_refund\n';

  it('loses its bookkeeping lines in the Markdown; a failing exit code goes on the label', () => {
    const text = renderMain(
      session([
        {
          kind: 'tool-call',
          role: 'assistant',
          name: 'exec_command',
          input: { cmd: 'pytest' },
          callId: 'c1',
        },
        { kind: 'tool-result', role: 'tool', output, isError: true, callId: 'c1' },
      ]),
    );
    expect(text).toContain(
      '**Error** · exit code 1\n\n```\nFAILED tests/test_refunds.py::test_large_refund\n```',
    );
    for (const line of ['Chunk ID', 'Wall time', 'Original token count', 'Output:'])
      expect(text).not.toContain(line);
  });

  it('recognizes the older header and a process still running; leaves any other output whole', () => {
    expect(splitToolOutput('Exit code: 0\nWall time: 1 seconds\nOutput:\nok')).toEqual({
      text: 'ok',
      exitCode: 0,
    });
    expect(
      splitToolOutput(
        'Chunk ID: 1\nWall time: 10.0 seconds\nProcess running with session ID 4242\nOutput:\nlistening',
      ),
    ).toEqual({ text: 'listening', running: '4242' });
    expect(splitToolOutput('Exit code: 3 means retry\nsomething else')).toEqual({
      text: 'Exit code: 3 means retry\nsomething else',
    });
    expect(splitToolOutput('Wall time: 1 seconds\nno output line')).toEqual({
      text: 'Wall time: 1 seconds\nno output line',
    });
    const running = renderMain(
      session([
        {
          kind: 'tool-result',
          role: 'tool',
          output: 'Chunk ID: 1\nWall time: 10.0 seconds\nProcess running with session ID 4242\nOutput:\n',
        },
      ]),
    );
    expect(running).toContain('**Result** · still running (session `4242`)\n\n*(no output)*');
  });
});

describe('redacted thinking', () => {
  it('is noted once per turn, however many encrypted blocks the turn has', () => {
    const redacted: Message = { kind: 'thinking', role: 'assistant', text: '', redacted: true };
    const step = (id: string): Message[] => [
      redacted,
      { kind: 'tool-call', role: 'assistant', name: 'shell', input: { command: `echo ${id}` }, callId: id },
      { kind: 'tool-result', role: 'tool', output: id, callId: id },
    ];
    const text = bodyOf(
      renderMain(
        session([
          user('first'),
          ...step('a'),
          ...step('b'),
          redacted,
          redacted,
          said('done'),
          user('second'),
          ...step('c'),
        ]),
      ),
    );
    const note = '*Thinking redacted: the source kept only an encrypted form.*';
    expect(text.split(note)).toHaveLength(3);
    expect(text.indexOf(note)).toBeLessThan(text.indexOf('echo a'));
    expect(text.lastIndexOf(note)).toBeGreaterThan(text.indexOf('## User', text.indexOf('done')));
  });
});

describe('times', () => {
  const at = (time: string) => `2026-03-01T${time}.000Z`;
  const messages = [
    user('late question', at('23:30:00')),
    said('next-day answer', '2026-03-02T00:10:00.000Z'),
  ];
  const base = { startedAt: at('23:30:00'), endedAt: '2026-03-02T00:10:00.000Z' };

  it('show the session’s own local time when the source recorded its UTC offset', () => {
    const text = renderMain(session(messages, { ...base, meta: { utcOffset: '+01:00' } }));
    expect(text).toContain('\n`sample` · 2026-03-02 00:30–01:10 UTC+01:00\n');
    expect(text).toContain('\n## User · 00:30\n');
    expect(text).toContain('\n## Assistant · 01:10\n');
    // The front matter stays in UTC, for tools.
    expect(parse(frontMatterOf(text)).started_at).toBe(at('23:30:00'));
    expect(
      renderMain(session(messages, { ...base, meta: { utcOffset: '+01:00' } }), { timeFormat: 'iso' }),
    ).toContain('\n## User · 2026-03-02T00:30:00.000+01:00\n');
  });

  it('follow the timezone option otherwise: an IANA zone, an offset, UTC', () => {
    const berlin = renderMain(session(messages, base), { timezone: 'Europe/Berlin' });
    expect(berlin).toContain('· 2026-03-02 00:30–01:10 Europe/Berlin\n');
    // Summer time in Berlin is two hours ahead.
    const summer = renderMain(
      session([user('hi', '2026-07-01T10:00:00.000Z')], { startedAt: '2026-07-01T10:00:00.000Z' }),
      {
        timezone: 'Europe/Berlin',
      },
    );
    expect(summer).toContain('\n## User · 12:00\n');
    const india = renderMain(session(messages, base), { timezone: '+05:30' });
    expect(india).toContain('· 2026-03-02 05:00–05:40 UTC+05:30\n');
    // Plain UTC, and a recorded offset wins over the option.
    expect(renderMain(session(messages, base), { timezone: 'UTC' })).toContain(
      '· 2026-03-01 23:30 – 2026-03-02 00:10 UTC\n',
    );
    expect(
      renderMain(session(messages, { ...base, meta: { utcOffset: '-05:00' } }), {
        timezone: 'Europe/Berlin',
      }),
    ).toContain('· 2026-03-01 18:30–19:10 UTC-05:00\n');
  });

  it('ignore the machine’s zone, and reject a zone that does not exist', () => {
    const before = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      expect(renderMain(session(messages, base))).toContain('· 2026-03-01 23:30 – 2026-03-02 00:10 UTC\n');
    } finally {
      process.env.TZ = before;
    }
    expect(() => renderFiles(session(messages, base), { timezone: 'Mars/Olympus' })).toThrow(
      'markdown renderer: option "timezone" must be a time zone: an IANA name such as "Europe/Berlin", an offset such as "+02:00", or "UTC" (got "Mars/Olympus").',
    );
  });
});

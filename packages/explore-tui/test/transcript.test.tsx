import { afterEach, describe, expect, it } from 'vitest';
import { fakeIndex } from './support/fake-index.js';
import { KEY, renderTui, type Screen } from './support/harness.js';
import { conversation, writeTwin } from './support/twin.js';

const screens: Screen[] = [];
afterEach(() => {
  for (const screen of screens.splice(0)) screen.unmount();
});

/** Opens the explorer over one synthetic session and opens that session (from a search when `query`). */
async function openTranscript(
  messages: Record<string, unknown>[],
  options: { query?: string; rows?: number; children?: Record<string, unknown>[][] } = {},
) {
  const { out, session } = await writeTwin(messages, options.children ? { children: options.children } : {});
  const prompts = new Map([[session.key, messages.map((m) => String(m.text ?? m.output ?? '')).join(' ')]]);
  const screen = renderTui(fakeIndex(out, [session], prompts), { rows: options.rows ?? 24 });
  screens.push(screen);
  await screen.waitFor((t) => t.includes('Fix the flaky login test'));
  if (options.query) {
    await screen.press('/', options.query, KEY.enter);
    await screen.waitFor((t) => t.includes('session matches'));
  }
  await screen.press(KEY.enter);
  await screen.waitFor((t) => /message \d+ of/.test(t));
  return screen;
}

/** The transcript's body rows (below its two header rows, above the status line). */
const body = (text: string) => text.split('\n').slice(2, -1);
/** The row under the cursor (drawn inverse). */
const cursorRow = (screen: Screen) =>
  (
    screen
      .ansi()
      .split('\n')
      .find((l) => l.includes('\x1b[7m')) ?? ''
  )
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test reads escape sequences
    .replace(/\x1b\[[\d;]*m/g, '')
    .trimEnd();

/** Waits for the cursor to reach a row (a move may read the twin first), then checks it. */
async function cursorIs(screen: Screen, row: string | RegExp): Promise<void> {
  const matches = () => (typeof row === 'string' ? cursorRow(screen) === row : row.test(cursorRow(screen)));
  const until = Date.now() + 3000;
  while (!matches() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 30));
  if (typeof row === 'string') expect(cursorRow(screen)).toBe(row);
  else expect(cursorRow(screen)).toMatch(row);
}

describe('the transcript', () => {
  it('shows turns with their times, a tool call and its result on one row each, thinking collapsed', async () => {
    const screen = await openTranscript(conversation(2));
    const rows = body(screen.text()).map((r) => r.trimEnd());
    expect(rows.slice(0, 9)).toEqual([
      '',
      '▌ You  10:00:00',
      '  Please do step 0 now',
      '  ▸ thinking · 10 words',
      '  ▸ Bash  $ npm test -- 0',
      '    ↳ line one of 0  (3 lines)',
      '',
      '▌ Assistant · claude-opus-4-1  10:00:04',
      '  Done with step 0.',
    ]);
    expect(screen.text().split('\n')[0]).toMatch(/^Fix the flaky login test/);
    expect(screen.text().split('\n')[1]).toMatch(/claude · ~\/code\/app · 2026-03-01 10:00 +message 1 of 10/);
  });

  it('expands a tool call, its result and thinking with Enter, and everything with e', async () => {
    const screen = await openTranscript(conversation(2));
    await screen.press('j', 'j', 'j', 'j');
    await cursorIs(screen, '  ▸ Bash  $ npm test -- 0');
    await screen.press(KEY.enter);
    let rows = body(await screen.waitFor((t) => t.includes('▾ Bash'))).map((r) => r.trimEnd());
    expect(rows.slice(4, 7)).toEqual([
      '  ▾ Bash  10:00:02',
      '      $ npm test -- 0',
      '    ↳ line one of 0  (3 lines)',
    ]);
    await screen.press('j', 'j', KEY.tab);
    rows = body(await screen.waitFor((t) => t.includes('▾ output'))).map((r) => r.trimEnd());
    expect(rows.slice(6, 10)).toEqual([
      '    ▾ output',
      '      line one of 0',
      '      line two of 0',
      '      line three',
    ]);
    await screen.press(KEY.enter);
    await screen.waitFor((t) => !t.includes('▾ output'));
    await screen.press('e');
    const all = await screen.waitFor((t) => t.includes('▾ thinking'));
    expect(all).toContain('    I should think about step 0 carefully and at length');
    await screen.press('e');
    await screen.waitFor((t) => t.includes('▸ thinking') && !t.includes('▾'));
  });

  it('scrolls with j/k, PgUp/PgDn and g/G, reading a long transcript a page at a time', async () => {
    const screen = await openTranscript(conversation(400));
    await screen.press('G');
    let text = await screen.waitFor((t) => t.includes('message 2,000 of 2,000'));
    await cursorIs(screen, '  Done with step 399.');
    expect(body(text).at(-1)?.trimEnd()).toBe('  Done with step 399.');
    await screen.press('g');
    text = await screen.waitFor((t) => t.includes('message 1 of 2,000'));
    expect(body(text)[1]?.trimEnd()).toBe('▌ You  10:00:00');
    await screen.press(KEY.pageDown);
    text = await screen.waitFor((t) => !t.includes('message 1 of'));
    // A page is the body's height (21 rows) less one, so the last row stays in view; a turn is 9 rows.
    expect(body(text)[0]?.trimEnd()).toBe('  Please do step 2 now');
    await screen.press(KEY.pageUp);
    await screen.waitFor((t) => t.includes('message 1 of 2,000'));
    await screen.press('j', 'j', 'k');
    await cursorIs(screen, '▌ You  10:00:00');
  });

  it('marks the search words and steps through its matches with n and N, expanding what hides them', async () => {
    const word = (i: number) => (i % 50 === 7 ? 'the flaky login' : `step ${i}`);
    const screen = await openTranscript(conversation(200, word), { query: 'flaky' });
    // Opened at the best match's message (the fake index says 0: the first prompt has none, the title has).
    await screen.press('n');
    // Turns 7, 57, 107 and 157: the prompt, the thinking and the answer each.
    await screen.waitFor((t) => t.includes('12 matches'));
    await cursorIs(screen, '  Please do the flaky login now');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test reads escape sequences
    expect(screen.ansi()).toMatch(/\x1b\[43m(\x1b\[30m)?flaky/);
    // Next: the thinking of the same turn, expanded to show it.
    await screen.press('n');
    await screen.waitFor((t) => t.includes('▾ thinking'));
    await cursorIs(screen, '    I should think about the flaky login carefully and at length');
    await screen.press('n', 'n');
    await cursorIs(screen, '  Please do the flaky login now');
    expect(screen.text()).toContain('message 286 of 1,000');
    await screen.press('N');
    await cursorIs(screen, '  Done with the flaky login.');
    await screen.press('g', 'N');
    await screen.waitFor((t) => t.split('\n').at(-1)?.includes('wrapped to the bottom') === true);
    await cursorIs(screen, '  Done with the flaky login.');
    expect(screen.text()).toContain('message 790 of 1,000');
  });

  it('finds words with / inside the transcript', async () => {
    const screen = await openTranscript(conversation(30));
    await screen.press('n');
    await screen.waitFor((t) => t.split('\n').at(-1)?.includes('No search to repeat') === true);
    await screen.press('/', '"step 17"', KEY.enter);
    await screen.waitFor((t) => t.includes('match'));
    await cursorIs(screen, '  Please do step 17 now');
  });

  it('opens a subagent from its row and goes back with Esc', async () => {
    const child = [
      { kind: 'text', role: 'user', text: 'Look through the repo', timestamp: '2026-03-01T10:01:00.000Z' },
    ];
    const screen = await openTranscript(conversation(1), { children: [child] });
    await screen.press('G');
    await cursorIs(screen, /⤷ subagent \(Explore\): Look around 0 +1 messages · Enter opens/);
    await screen.press(KEY.enter);
    const text = await screen.waitFor((t) => t.includes('Look through the repo'));
    expect(text.split('\n')[0]).toMatch(/^Fix the flaky login test › Look around 0/);
    await screen.press(KEY.escape);
    await screen.waitFor((t) => t.includes('Please do step 0 now'));
    await screen.press(KEY.escape);
    await screen.waitFor((t) => t.includes('convx explore'));
  });

  it('copies the resume command with y (OSC 52) and says so; shows the keys on ?; Esc goes back; q quits', async () => {
    const screen = await openTranscript(conversation(1));
    await screen.press('y');
    const status = await screen.waitFor((t) => /OSC 52/.test(t.split('\n').at(-1) ?? ''));
    const command = 'cd /home/alice/code/app && claude --resume 7f3c0d2e-1111-4222-8333-444455556666';
    expect(screen.raw).toContain(`\x1b]52;c;${Buffer.from(command).toString('base64')}\x07`);
    expect(status.split('\n').at(-1)).toMatch(/^Sent to the terminal clipboard \(OSC 52.*\): cd \/home\/ali/);
    await screen.press('?');
    const help = await screen.waitFor((t) => t.includes('Keys: transcript'));
    for (const key of ['j k', 'PgUp PgDn', 'g G', 'n N', 'o', 'y', 'Esc', 'q']) expect(help).toContain(key);
    await screen.press(' ');
    await screen.waitFor((t) => t.includes('Please do step 0 now'));
    await screen.press(KEY.escape);
    await screen.waitFor((t) => t.includes('convx explore'));
    await screen.press(KEY.enter);
    await screen.waitFor((t) => t.includes('Please do step 0 now'));
    await screen.press('q');
    await expect(screen.exited).resolves.toBeUndefined();
  });

  it('rewraps a transcript on resize, keeping the cursor on its message', async () => {
    const long = 'word '.repeat(60).trim();
    const screen = await openTranscript([
      { kind: 'text', role: 'user', text: 'short prompt', timestamp: '2026-03-01T10:00:00.000Z' },
      { kind: 'text', role: 'assistant', text: long, timestamp: '2026-03-01T10:00:05.000Z' },
    ]);
    await screen.press('j', 'j', 'j', 'j');
    await cursorIs(screen, /^▌ Assistant/);
    const rowsAt = (text: string) => body(text).filter((r) => r.startsWith('  word')).length;
    expect(rowsAt(screen.text())).toBe(4);
    await screen.resize(40, 24);
    const narrow = await screen.waitFor((t) => rowsAt(t) > 4);
    expect(rowsAt(narrow)).toBe(9); // 7 words of 38 cells a row, where 80 columns held 15
    for (const line of narrow.split('\n')) expect([...line].length).toBeLessThanOrEqual(40);
    await cursorIs(screen, /^▌ Assistant/);
  });

  it('never lets a transcript steer the terminal: escape sequences show as �', async () => {
    const hostile = '\x1b]52;c;cHduZWQ=\x07\x1b[2J\x1b[31mred';
    const screen = await openTranscript([{ kind: 'text', role: 'user', text: `look ${hostile}` }]);
    const ansi = screen.ansi();
    expect(ansi).not.toContain('\x1b]52');
    expect(ansi).not.toContain('\x1b[2J');
    expect(screen.text()).toContain('look �]52;c;cHduZWQ=��[2J�[31mred');
  });
});

describe('handing off', () => {
  it('o opens the Markdown file in $PAGER and says so when it closes', async () => {
    const { mkdtemp, readFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { out, session } = await writeTwin(conversation(1));
    const seen = join(await mkdtemp(join(tmpdir(), 'pager-')), 'seen');
    const screen = renderTui(fakeIndex(out, [session]), {
      env: { PAGER: `printf %s >${seen}`, PATH: process.env.PATH },
    });
    screens.push(screen);
    await screen.waitFor((t) => t.includes('Fix the flaky login test'));
    await screen.press(KEY.enter);
    await screen.waitFor((t) => t.includes('Please do step 0 now'));
    await screen.press('o');
    const status = await screen.waitFor((t) => t.split('\n').at(-1)?.startsWith('Back from printf') === true);
    expect(await readFile(seen, 'utf8')).toBe(join(out, session.path));
    expect(status.split('\n').at(-1)).toContain(session.path.slice(0, 40));
  });

  it('y also copies through a clipboard tool when one is present', async () => {
    const { chmod, mkdtemp, readFile, writeFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const bin = await mkdtemp(join(tmpdir(), 'clip-'));
    await writeFile(join(bin, 'xclip'), `#!/bin/sh\ncat > ${join(bin, 'copied')}\n`);
    await chmod(join(bin, 'xclip'), 0o755);
    const { out, session } = await writeTwin(conversation(1));
    const screen = renderTui(fakeIndex(out, [session]), {
      env: { DISPLAY: ':0', PATH: `${bin}:${process.env.PATH}` },
    });
    screens.push(screen);
    await screen.waitFor((t) => t.includes('Fix the flaky login test'));
    await screen.press('y');
    const status = await screen.waitFor(
      (t) => t.split('\n').at(-1)?.startsWith('Copied with xclip and OSC 52') === true,
    );
    expect(status).toBeTruthy();
    expect(await readFile(join(bin, 'copied'), 'utf8')).toBe(
      'cd /home/alice/code/app && claude --resume 7f3c0d2e-1111-4222-8333-444455556666',
    );
  });
});

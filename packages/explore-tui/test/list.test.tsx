import { openIndex, type SearchIndex } from '@convx/search';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupFixtures } from './support/fixture-output.js';
import { KEY, renderTui, type Screen } from './support/harness.js';

let index: SearchIndex;
const screens: Screen[] = [];
const open = (options: Parameters<typeof renderTui>[1] = {}) => {
  const screen = renderTui(index, options);
  screens.push(screen);
  return screen;
};

beforeAll(async () => {
  index = await openIndex(await backupFixtures());
  await index.update();
});
afterAll(() => {
  for (const screen of screens) screen.unmount();
  index.close();
});

/** The list rows of a frame (between the header and the preview's rule), without their padding. */
const listRows = (text: string) => {
  const lines = text.split('\n').slice(1);
  const rule = lines.findIndex((l) => l.startsWith('─'));
  return lines
    .slice(0, rule === -1 ? undefined : rule)
    .filter((l) => /^\d{4}-\d\d-\d\d /.test(l))
    .map((l) => l.trimEnd());
};

describe('the session list', () => {
  it('shows every session newest first with date, source, project and title, and previews the selected one', async () => {
    const screen = open();
    const text = await screen.waitFor((t) => t.includes('You: Why is the deploy script failing on CI?'));
    expect(text.split('\n')[0]).toMatch(/^convx explore {2}\d+ sessions, newest first/);
    const rows = listRows(text);
    expect(rows[0]).toBe('2026-11-10 17:40  claude   ~/code/webapp      Deploy script failing on CI');
    const dates = rows.map((r) => r.slice(0, 16));
    expect([...dates].sort().reverse()).toEqual(dates);
    // The preview: title, where, when and size, first prompt.
    expect(text).toContain('claude  ~/code/webapp · main');
    expect(text).toMatch(/2026-11-10 17:40 · 2m · 3 messages/);

    await screen.press(KEY.down, KEY.down);
    await screen.waitFor((t) => t.includes('Subagents of a deleted session: Audit npm dependencies\nclaude'));
  });

  it('runs a search from the search line: results with snippets and marked words replace the list', async () => {
    const screen = open();
    await screen.waitFor((t) => t.includes('newest first'));
    await screen.press('/');
    await screen.waitFor((t) => t.includes('/  ') && t.includes('"a phrase"'));
    await screen.press('cookie', KEY.enter);
    const text = await screen.waitFor((t) => t.includes('1 session matches cookie'));
    const rows = listRows(text);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('codex    ~/code/tinyhttp');
    // The snippet sits under the row, its match marked (yellow background).
    expect(text).toMatch(/\n {4}Port the cookie parser/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test reads escape sequences
    expect(screen.ansi()).toMatch(/\x1b\[43m(\x1b\[30m)?cookie/);
    // Esc goes back to every session.
    await screen.press(KEY.escape);
    await screen.waitFor((t) => t.includes('sessions, newest first'));
  });

  it('takes a query typed faster than the screen reads it, Enter included', async () => {
    const screen = open();
    await screen.waitFor((t) => t.includes('newest first'));
    // One read from the terminal: `/`, the query and Enter together.
    await screen.press('/cookie\r');
    const text = await screen.waitFor((t) => t.includes('1 session matches cookie'));
    expect(text).not.toMatch(/^\/ cookie/m);
    await screen.press('j');
    await screen.press('/');
    await screen.press('ledger\r');
    await screen.waitFor((t) => /sessions? match(es)? ledger ·/.test(t) && !/^\/ ledger/m.test(t));
  });

  it('searches as you type (debounced) and a refused query says why, keeping the rows', async () => {
    const screen = open();
    await screen.waitFor((t) => t.includes('newest first'));
    await screen.press('/', 'ledger');
    await screen.waitFor((t) => /\d sessions? match(es)? ledger/.test(t));
    await screen.press(' after:someday');
    const text = await screen.waitFor((t) =>
      (t.split('\n').at(-1) ?? '').includes('is not a date for after:'),
    );
    // The rows are still those of `ledger`.
    expect(text).toMatch(/\d sessions? match(es)? ledger ·/);
    expect(listRows(text).every((r) => /ledger/i.test(r))).toBe(true);
  });

  it('filters by source and by project, and c clears the filters', async () => {
    const screen = open();
    await screen.waitFor((t) => t.includes('newest first'));
    await screen.press('s');
    await screen.waitFor((t) => t.startsWith('Filter by source'));
    await screen.press('gem');
    const picker = await screen.waitFor((t) => /^ {2}gemini +\d+/m.test(t));
    expect(picker).not.toMatch(/^ {2}claude/m);
    await screen.press(KEY.down, KEY.enter);
    let text = await screen.waitFor((t) => t.includes('source:gemini'));
    expect(listRows(text).every((r) => r.slice(18, 26).trim() === 'gemini')).toBe(true);

    await screen.press('p');
    await screen.waitFor((t) => t.startsWith('Filter by project'));
    await screen.press('ledger', KEY.down, KEY.enter);
    text = await screen.waitFor((t) => t.includes('project:/home/alice/cod'));
    expect(listRows(text)).toHaveLength(1);
    expect(listRows(text)[0]).toContain('Find duplicate ledger entries');

    await screen.press('c');
    text = await screen.waitFor((t) => !t.includes('source:gemini'));
    expect(text).not.toContain('project:');
    expect(listRows(text).some((r) => r.includes(' claude '))).toBe(true);
  });

  it('shows the keys on ? and closes them on any key; q quits', async () => {
    const screen = open();
    await screen.waitFor((t) => t.includes('newest first'));
    await screen.press('?');
    const help = await screen.waitFor((t) => t.includes('Keys: session list'));
    for (const key of ['/', 's', 'p', 'c', 'Enter', 'y', 'o', 'q'])
      expect(help).toMatch(new RegExp(`^ {2}${key.replace('/', '\\/')}\\s`, 'm'));
    await screen.press('x');
    await screen.waitFor((t) => t.includes('newest first'));
    await screen.press('q');
    await expect(screen.exited).resolves.toBeUndefined();
  });
});

describe('the terminal', () => {
  it('fills an 80×24 terminal exactly, and follows a resize', async () => {
    const screen = open({ columns: 80, rows: 24 });
    let text = await screen.waitFor((t) => t.includes('You: Why is the deploy script'));
    const fits = (t: string, columns: number, rows: number) => {
      const lines = t.split('\n');
      expect(lines.length).toBeLessThanOrEqual(rows);
      for (const line of lines) expect([...line].length).toBeLessThanOrEqual(columns);
    };
    fits(text, 80, 24);
    expect(text.split('\n').at(-1)).toContain('/ search');

    await screen.resize(140, 40);
    text = await screen.waitFor((t) => t.split('\n')[1]?.includes('│') === true);
    fits(text, 140, 40);
    // Wide: the preview stands beside the list.
    expect(text.split('\n')[1]).toMatch(/Deploy script failing on CI +│Deploy script failing on CI/);

    await screen.resize(60, 12);
    text = await screen.waitFor((t) => !t.includes('│'));
    fits(text, 60, 12);
    expect(text.split('\n').at(-1)).toContain('/ search');
  });

  it('uses no colour under NO_COLOR, only bold, underline and inverse', async () => {
    const screen = open({ env: { NO_COLOR: '1' } });
    await screen.waitFor((t) => t.includes('newest first'));
    await screen.press('/', 'cookie', KEY.enter);
    await screen.waitFor((t) => t.includes('matches cookie'));
    const ansi = screen.ansi();
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test reads escape sequences
    const codes = [...ansi.matchAll(/\x1b\[([\d;]*)m/g)].flatMap((m) => (m[1] ?? '').split(';'));
    // 30–37, 40–47, 90–97, 100–107 and 38/48 (256 or true colour) are colours; 39/49 only reset them.
    expect(codes.filter((c) => /^(3[0-8]|4[0-8]|9\d|10\d)$/.test(c))).toEqual([]);
    expect(ansi).toContain('\x1b[7m'); // the selection
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test reads escape sequences
    expect(ansi).toMatch(/\x1b\[1m(\x1b\[4m)?cookie|\x1b\[4m\x1b\[1mcookie/); // the marked word
    const colored = open();
    await colored.waitFor((t) => t.includes('newest first'));
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test reads escape sequences
    expect(colored.ansi()).toMatch(/\x1b\[3[0-7]m/);
  });
});

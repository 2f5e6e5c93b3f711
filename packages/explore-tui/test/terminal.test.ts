import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { backupFixtures, cliPath } from './support/fixture-output.js';
import { hasTmux, Tmux } from './support/tmux.js';

// The real program in a real terminal. CI installs tmux (.ci/run), so there it always runs; a developer
// without tmux gets a skip rather than a failure.
const runnable = hasTmux() || process.env.CI === 'true';

let out: string;
let terminal: Tmux | undefined;
beforeAll(async () => {
  if (runnable) out = await backupFixtures();
});
afterAll(() => terminal?.kill());

it.runIf(runnable)(
  'convx explore --tui: / and a query find the right session; q quits and gives the terminal back',
  async () => {
    const home = await mkdtemp(join(tmpdir(), 'convx-tui-home-'));
    terminal = new Tmux(100, 30, {
      PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
      HOME: home,
      TERM: 'xterm-256color',
      PS1: '$ ',
      LANG: 'C.UTF-8',
    });
    const t = terminal;
    t.type(`echo before-the-explorer; node ${cliPath} explore --tui --output-path ${out}; echo "EXIT=$?"`);
    t.keys('Enter');
    // The index is built first, then the list fills the alternate screen.
    await t.waitFor((s) => s.includes('sessions, newest first'), 60_000);
    expect(t.pane('#{alternate_on}')).toBe('1');

    t.keys('/');
    await t.waitFor((s) => /^\/ {2}/m.test(s));
    t.type('cookie');
    t.keys('Enter');
    const results = await t.waitFor((s) => s.includes('1 session matches cookie'));
    const lines = results.split('\n');
    expect(lines[1]).toMatch(/^2026-01-08 \d\d:\d\d {2}codex +\S+tinyhttp +Port the cookie parser/);
    expect(lines[2]).toMatch(/^ {4}Port the cookie parser/);

    t.keys('Enter');
    const transcript = await t.waitFor((s) => s.includes('message ') && s.includes('▌ You'));
    expect(transcript.split('\n')[0]).toMatch(/^Port the cookie parser/);
    t.keys('Escape');
    await t.waitFor((s) => s.includes('1 session matches cookie'));

    t.keys('q');
    const after = await t.waitFor((s) => /^EXIT=\d+$/m.test(s));
    expect(after).toMatch(/^EXIT=0$/m);
    // The screen from before is back, nothing of the explorer is left on it, and the cursor shows.
    expect(after).toContain('before-the-explorer');
    expect(after).not.toContain('convx explore');
    expect(t.pane('#{alternate_on}')).toBe('0');
    expect(t.pane('#{cursor_flag}')).toBe('1');
    // The terminal is back in its usual mode: lines are edited and echoed by it again.
    t.type("stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | paste -sd, -");
    t.keys('Enter');
    const modes = await t.waitFor((s) => /^(-?icanon,-?echo|-?echo,-?icanon)$/m.test(s));
    expect(modes).toMatch(/^(icanon,echo|echo,icanon)$/m);
  },
  120_000,
);

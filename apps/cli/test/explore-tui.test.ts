import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupArgs, makeWorkspace, runCli, type Workspace } from './support/cli.js';

// The terminal explorer itself is tested in packages/explore-tui (components, and the real program in
// tmux); here, what `convx explore --tui` refuses before it takes the terminal.
describe('convx explore --tui', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await makeWorkspace();
    await runCli(backupArgs(ws));
  });
  afterAll(() => ws.cleanup());

  it('needs an interactive terminal, and says so in one sentence', async () => {
    const result = await runCli(['explore', '--tui', '--output-path', ws.out]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      'convx: convx explore --tui needs an interactive terminal: run it without redirecting its input or output (or use convx explore for the web explorer).',
    );
    expect(result.stdout).toBe('');
  });

  it.each([
    [['--port', '8080'], '--port is for the web explorer and cannot be used with --tui'],
    [['--host', '0.0.0.0'], '--host is for the web explorer and cannot be used with --tui'],
  ])('refuses the web-only flag %j', async (flags, message) => {
    const result = await runCli(['explore', '--tui', '--output-path', ws.out, ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('lists --tui in the help of explore', async () => {
    const result = await runCli(['explore', '--help']);
    expect(result.stdout).toMatch(/--tui\s+Browse and search in this terminal instead/);
  });
});

import { execFileSync, spawnSync } from 'node:child_process';

/** Whether tmux can be run here (CI installs it: see .ci/run). */
export function hasTmux(): boolean {
  return spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
}

/**
 * A real terminal: a tmux server of its own (its own socket, so nothing else's sessions are touched)
 * running a plain bash in a window of `columns` × `rows`.
 */
export class Tmux {
  readonly socket = `convx-tui-${process.pid}-${Date.now()}`;

  constructor(columns: number, rows: number, env: Record<string, string>) {
    const vars = Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    this.#tmux(
      'new-session',
      '-d',
      '-s',
      'main',
      '-x',
      String(columns),
      '-y',
      String(rows),
      ...vars,
      'bash --norc --noprofile',
    );
  }

  #tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  }

  /** Types text literally (no key names). */
  type(text: string): void {
    this.#tmux('send-keys', '-t', 'main', '-l', text);
  }

  /** Presses keys by tmux's names (`Enter`, `Escape`, `C-c`). */
  keys(...names: string[]): void {
    this.#tmux('send-keys', '-t', 'main', ...names);
  }

  /** The screen as text; `colours` keeps the escape sequences (for the screenshot). */
  capture(colours = false): string {
    return this.#tmux('capture-pane', '-t', 'main', '-p', ...(colours ? ['-e'] : []));
  }

  /** A tmux format value for the pane (`#{alternate_on}`, `#{cursor_flag}`). */
  pane(format: string): string {
    return this.#tmux('display-message', '-t', 'main', '-p', format).trim();
  }

  async waitFor(check: (screen: string) => boolean, ms = 20_000): Promise<string> {
    const until = Date.now() + ms;
    for (;;) {
      const screen = this.capture();
      if (check(screen)) return screen;
      if (Date.now() > until) throw new Error(`timed out; the terminal shows:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  kill(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server'], { stdio: 'ignore' });
  }
}

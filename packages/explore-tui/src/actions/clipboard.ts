import { spawn } from 'node:child_process';

export interface ClipboardTool {
  command: string;
  args: string[];
}

/** The system clipboard tools to try, for this platform and session, in order. */
export function clipboardTools(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
): ClipboardTool[] {
  if (platform === 'darwin') return [{ command: 'pbcopy', args: [] }];
  if (platform === 'win32') return [{ command: 'clip.exe', args: [] }];
  const tools: ClipboardTool[] = [];
  if (env.WAYLAND_DISPLAY) tools.push({ command: 'wl-copy', args: [] });
  if (env.DISPLAY) {
    tools.push({ command: 'xclip', args: ['-selection', 'clipboard'] });
    tools.push({ command: 'xsel', args: ['--clipboard', '--input'] });
  }
  // WSL: Windows' own clipboard.
  if (env.WSL_DISTRO_NAME) tools.push({ command: 'clip.exe', args: [] });
  return tools;
}

/**
 * The OSC 52 sequence that asks the terminal to put `text` on the clipboard (works over SSH in terminals
 * that allow it; inside tmux it needs `set -g set-clipboard on`, the default for external terminals).
 */
export function osc52(text: string): string {
  return `\x1b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\x07`;
}

/** Pipes `text` into a clipboard tool; resolves whether it ran and exited 0 (within two seconds). */
export function runClipboardTool(
  tool: ClipboardTool,
  text: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<boolean> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (ok: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(ok);
    };
    const child = spawn(tool.command, tool.args, { stdio: ['pipe', 'ignore', 'ignore'], env: { ...env } });
    // wl-copy and xclip stay running to serve the selection; exiting 0 later, or still alive, both mean done.
    const timer = setTimeout(() => {
      child.unref();
      done(true);
    }, 2000);
    child.on('error', () => done(false));
    child.on('exit', (code) => done(code === 0));
    child.stdin.on('error', () => undefined);
    child.stdin.end(text);
  });
}

export interface CopyResult {
  /** What happened, for the status line. */
  message: string;
  ok: boolean;
}

/**
 * Copies `text` both ways: OSC 52 to the terminal (always written when stdout is a terminal — a terminal
 * that ignores it says nothing) and the first system clipboard tool that works.
 */
export async function copyText(
  text: string,
  write: (sequence: string) => void,
  options: { platform: NodeJS.Platform; env: Readonly<Record<string, string | undefined>>; tty: boolean },
): Promise<CopyResult> {
  if (options.tty) write(osc52(text));
  for (const tool of clipboardTools(options.platform, options.env)) {
    if (await runClipboardTool(tool, text, options.env)) {
      return { ok: true, message: `Copied with ${tool.command}${options.tty ? ' and OSC 52' : ''}` };
    }
  }
  if (options.tty)
    return { ok: true, message: 'Sent to the terminal clipboard (OSC 52; some terminals ignore it)' };
  return { ok: false, message: 'No clipboard here: no terminal for OSC 52 and no clipboard tool found' };
}

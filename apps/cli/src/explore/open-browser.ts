import { spawn } from 'node:child_process';
import type { CliIO } from '../io.js';

/**
 * Opens a URL in the default browser, in the background. Returns false when there is no display to open
 * it on (a Linux session without X or Wayland, e.g. over SSH). A few lines instead of a dependency: each
 * platform has one command for it.
 */
export function openBrowser(url: string, io: Pick<CliIO, 'env' | 'platform'>): boolean {
  const { env, platform } = io;
  let command: string;
  let args: string[];
  if (platform === 'darwin') {
    command = 'open';
    args = [url];
  } else if (platform === 'win32') {
    command = 'rundll32';
    args = ['url.dll,FileProtocolHandler', url];
  } else {
    if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return false;
    command = 'xdg-open';
    args = [url];
  }
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}

import type { startExplorer } from '@convx/explore';
import type { SearchIndex } from '@convx/search';
import { usageError } from '../errors.js';
import type { CliIO } from '../io.js';
import type { FlagValue } from '../options/argv.js';
import { booleanFlag, stringFlag } from '../options/flag-values.js';
import { openBrowser } from './open-browser.js';

export interface WebFlags {
  host: string;
  port?: number;
  token?: string;
  open: boolean;
}

/** The web explorer's flags, checked before anything is opened. */
export function webFlags(flags: Record<string, FlagValue>): WebFlags {
  const host = stringFlag(flags, 'host')?.trim() || '127.0.0.1';
  const rawPort = stringFlag(flags, 'port');
  let port: number | undefined;
  if (rawPort !== undefined) {
    if (!/^\d+$/.test(rawPort) || Number(rawPort) > 65535) {
      throw usageError(`--port must be a port number from 0 to 65535, not "${rawPort}".`);
    }
    port = Number(rawPort);
  }
  const token = stringFlag(flags, 'token');
  if (token !== undefined && !/^[A-Za-z0-9._~-]{16,}$/.test(token)) {
    throw usageError(
      '--token must be at least 16 letters, digits or . _ ~ - (or leave it out for a random one).',
    );
  }
  return {
    host,
    ...(port !== undefined ? { port } : {}),
    ...(token !== undefined ? { token } : {}),
    open: !booleanFlag(flags, 'noOpen'),
  };
}

/** Serves the web explorer on the index until the command is interrupted (Ctrl-C), then closes it. */
export async function serveWeb(index: SearchIndex, flags: WebFlags, io: CliIO): Promise<void> {
  // Loaded here, not at start-up: the web server (and Node's HTTP stack) is only for this command.
  const { isLoopback, PortsTakenError, startExplorer } = await import('@convx/explore');
  let explorer: Awaited<ReturnType<typeof startExplorer>>;
  try {
    explorer = await startExplorer({
      index,
      host: flags.host,
      ...(flags.port !== undefined ? { port: flags.port } : {}),
      ...(flags.token !== undefined ? { token: flags.token } : {}),
      onError: (error) => io.stderr.write(`convx explore: ${(error as Error).message}\n`),
    });
  } catch (error) {
    index.close();
    throw listenError(error, flags, PortsTakenError);
  }
  io.stdout.write(`convx explore: ${explorer.url}\n`);
  if (!isLoopback(flags.host)) {
    io.stderr.write(
      `convx explore: listening on ${flags.host}, reachable from other machines; only the URL above (with its token) opens it.\n`,
    );
  }
  io.stderr.write('Press Ctrl-C to stop.\n');
  if (flags.open) {
    const opened = openBrowser(explorer.url, io);
    if (!opened) io.stderr.write('No display found; open the URL above in a browser.\n');
  }
  await new Promise<void>((resolve) => {
    if (!io.signal) return resolve();
    if (io.signal.aborted) return resolve();
    io.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await explorer.close();
}

function listenError(error: unknown, flags: WebFlags, PortsTakenError: new () => Error): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (error instanceof PortsTakenError) return usageError(error.message);
  if (code === 'EADDRINUSE')
    return usageError(`Port ${flags.port} is in use; pick another with --port, or leave --port out.`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return usageError(`Cannot listen on ${flags.host}: this machine has no such address; check --host.`);
  }
  if (code === 'EACCES') return usageError(`Port ${flags.port} needs special rights; pick one above 1024.`);
  return error;
}

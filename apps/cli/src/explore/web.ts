import type { startExplorer } from '@convx/explore';
import type { SearchIndex } from '@convx/search';
import { usageError } from '../errors.js';
import type { CliIO } from '../io.js';
import { DEFAULT_HOST } from '../options/explore-table.js';
import type { CommandValues } from '../options/tables.js';
import { openBrowser } from './open-browser.js';

export interface WebFlags {
  host: string;
  port?: number;
  token?: string;
  open: boolean;
}

/** The web explorer's settings from the command's options (read and checked by its table). */
export function webOptions(values: CommandValues<'explore'>): WebFlags {
  return {
    host: values.host ?? DEFAULT_HOST,
    ...(values.port !== undefined ? { port: values.port } : {}),
    ...(values.token !== undefined ? { token: values.token } : {}),
    open: values.open !== false,
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

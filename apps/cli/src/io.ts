import { realpathSync } from 'node:fs';

/** Where a command writes. Commands take this instead of touching `process`, so tests can run them in-process. */
export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface CliIO {
  stdout: OutStream;
  stderr: OutStream;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  platform: NodeJS.Platform;
  /** Aborted on Ctrl-C / SIGTERM: the run stops between sessions and keeps what it wrote. */
  signal?: AbortSignal;
  /** This convx as an absolute `node script` pair (for the git hook); absent in tests run in-process. */
  self?: { node: string; script: string };
}

export function processIO(signal?: AbortSignal): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    platform: process.platform,
    ...(signal ? { signal } : {}),
    ...selfCommand(),
  };
}

/** The Node binary and the real path of the script it runs (through npm's bin symlinks). */
function selfCommand(): Pick<CliIO, 'self'> {
  const script = process.argv[1];
  if (!script) return {};
  try {
    // Git for Windows runs hooks in its sh, which takes `C:/…` paths reliably.
    const forShell = (path: string) => (process.platform === 'win32' ? path.replaceAll('\\', '/') : path);
    return { self: { node: forShell(process.execPath), script: forShell(realpathSync(script)) } };
  } catch {
    return {};
  }
}

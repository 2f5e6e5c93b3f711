import { homedir } from 'node:os';
import type { SearchIndex } from '@convx/search';
import { render } from 'ink';
import type { TuiEnvironment } from './ui/context.js';
import { Root } from './ui/Root.js';

export interface TuiOptions {
  /** An open, up-to-date index of the output (the caller opens, updates and closes it). */
  index: SearchIndex;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
  /** For NO_COLOR, $PAGER / $EDITOR and the clipboard tools. Default: process.env. */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Runs the terminal explorer full screen (the terminal's alternate screen, as `less` and `vim` do) until
 * `q` or Ctrl-C; the terminal is given back as it was (screen, cursor, input mode).
 */
export async function runTui(options: TuiOptions): Promise<void> {
  const stdout = options.stdout ?? process.stdout;
  const env = options.env ?? process.env;
  const environment: TuiEnvironment = {
    index: options.index,
    outputRoot: options.index.outputRoot,
    env,
    platform: process.platform,
    home: safeHome(),
    writeRaw: (sequence) => stdout.write(sequence),
    tty: stdout.isTTY === true,
  };
  const instance = render(<Root environment={environment} />, {
    stdout,
    stdin: options.stdin ?? process.stdin,
    stderr: options.stderr ?? process.stderr,
    alternateScreen: true,
    exitOnCtrlC: true,
    patchConsole: true,
    interactive: true,
  });
  await instance.waitUntilExit();
}

function safeHome(): string | undefined {
  try {
    return homedir();
  } catch {
    return undefined;
  }
}

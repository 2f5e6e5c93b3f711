import type { Logger } from '@convx/core';
import type { OutStream } from '../io.js';
import type { Colors } from './colors.js';

/**
 * The engine's and adapters' log, on stderr: warnings unless --quiet or --json, debug and info only with
 * --verbose. `print` lets a progress bar keep its line below the messages.
 */
export function createLogger(options: {
  stream: OutStream;
  colors: Colors;
  verbose: boolean;
  quiet: boolean;
  print?: (line: string) => void;
}): Logger {
  const print = options.print ?? ((line: string) => options.stream.write(`${line}\n`));
  const { colors } = options;
  return {
    debug(message) {
      if (options.verbose) print(colors.dim(message));
    },
    info(message) {
      if (options.verbose) print(message);
    },
    warn(message) {
      if (!options.quiet || options.verbose) print(colors.yellow(`warning: ${message}`));
    },
  };
}

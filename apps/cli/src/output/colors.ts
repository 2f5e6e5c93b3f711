import pc from 'picocolors';
import type { OutStream } from '../io.js';

export type Colors = ReturnType<typeof pc.createColors>;

/**
 * Colors for one stream: off with NO_COLOR or --no-color, on with FORCE_COLOR, else only on a terminal.
 * (picocolors alone looks at stdout, but the progress bar and errors go to stderr.)
 */
export function colorsFor(
  stream: OutStream,
  env: Readonly<Record<string, string | undefined>>,
  noColor = false,
): Colors {
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0';
  const enabled = !noColor && !env.NO_COLOR && (forced || (stream.isTTY === true && env.TERM !== 'dumb'));
  return pc.createColors(enabled);
}

// `convx explore`'s options, declared as the run options are (`option.ts`).
import { usageError } from '../errors.js';
import { option } from './option.js';
import { last, readOutputPathOption } from './shared.js';

export const DEFAULT_HOST = '127.0.0.1';
/**
 * `@convx/explore`'s DEFAULT_PORT, for the help text: importing that package here would load the web
 * server (and Node's HTTP stack) on every command (a test keeps the two equal).
 */
export const DEFAULT_PORT = 7117;

export const EXPLORE_OPTIONS = {
  outputPath: readOutputPathOption,
  port: option<number>({
    flags: [
      { spec: '--port <n>', help: `Serve on this port (default ${DEFAULT_PORT}, or the next free one)` },
    ],
    parse: (raw) => {
      const text = last(raw);
      if (!/^\d+$/.test(text) || Number(text) > 65535)
        throw usageError(`--port must be a port number from 0 to 65535, not "${text}".`);
      return Number(text);
    },
  }),
  host: option<string>({
    flags: [
      {
        spec: '--host <addr>',
        help: `Listen on this address (default ${DEFAULT_HOST}; any other needs the printed token)`,
      },
    ],
    // An empty address is the default one.
    parse: (raw, _flag, { fallback }) => last(raw).trim() || (fallback() ?? DEFAULT_HOST),
    default: DEFAULT_HOST,
  }),
  token: option<string>({
    flags: [
      { spec: '--token <token>', help: 'The access token for a non-loopback --host (default: a random one)' },
    ],
    parse: (raw) => {
      const text = last(raw);
      if (!/^[A-Za-z0-9._~-]{16,}$/.test(text))
        throw usageError(
          '--token must be at least 16 letters, digits or . _ ~ - (or leave it out for a random one).',
        );
      return text;
    },
  }),
  open: option<boolean>({
    flags: [{ spec: '--no-open', help: 'Do not open a browser', value: false }],
    default: true,
  }),
  tui: option<boolean>({
    flags: [
      { spec: '--tui', help: 'Browse and search in this terminal instead (full screen; ? lists the keys)' },
    ],
    default: false,
  }),
};

/** The web explorer's options, which mean nothing in the terminal (`--tui` refuses them). */
export const WEB_ONLY = ['port', 'host', 'token'] as const satisfies ReadonlyArray<
  keyof typeof EXPLORE_OPTIONS
>;

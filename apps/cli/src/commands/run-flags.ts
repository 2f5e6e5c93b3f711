import type { Command } from 'cac';
import { CONFIG_DEFAULTS, MAX_LINE_MB } from '../config/index.js';
import { usageError } from '../errors.js';
import type { FlagValue } from '../options/argv.js';
import { booleanFlag, stringFlag } from '../options/flag-values.js';
import { parseSize, SIZE_FORMAT } from '../options/size.js';
import type { PrivacyFlags } from '../privacy/index.js';
import { builtinSources } from '../sources.js';

/** How a run reports: shared by `convx backup` and `convx sync`. */
export interface OutputFlags {
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  noColor?: boolean;
}

/** The flags `convx backup` and `convx sync` share, as typed (absent when not given, so config can fill in). */
export interface RunFlags extends PrivacyFlags {
  sourceSystem?: string;
  inputPath?: string[];
  home?: string;
  user?: string;
  historySubpath?: string;
  dryRun?: boolean;
  force?: boolean;
  /** `--adapter <pkg-or-path>`, repeatable: community adapters besides the config's `adapters`. */
  adapter?: string[];
  /** `--renderer <pkg-or-path>`: replaces the config's `renderer` for this run. */
  renderer?: string;
  /** `--jobs N`: worker threads exporting sessions (0: all in the main thread). */
  jobs?: number;
  /** `--max-attachment-size SIZE`: the largest inline payload saved as a file (bytes; 0 saves none). */
  maxAttachmentSize?: number;
  /** `--max-line-mb N`: the longest line of a session file exported (config `max_line_mb`). */
  maxLineMb?: number;
}

/** Declares the shared source options (before the command's own output options). */
export function defineSourceOptions(
  command: Command,
  historyDefault: string,
  /** The command's own identity options, declared right after `--user`. */
  afterUser: (command: Command) => void = () => {},
): void {
  command
    .option(
      '--source-system <names>',
      `all, or a comma-separated list of: ${Object.keys(builtinSources).join(', ')} and loaded adapters (default: all)`,
    )
    .option('--input-path <path>', 'Read [source=]PATH instead of the default locations; repeatable', {
      type: [String],
    })
    .option('--home <dir>', 'Read every default location relative to DIR (ignores CODEX_HOME etc.)')
    .option('--user <name>', 'User folder name in the output (default: your login name)');
  afterUser(command);
  command
    .option(
      '--history-subpath <path>',
      `Folder inside the repository for the transcripts (default: ${historyDefault})`,
    )
    .option(
      '--exclude <glob>',
      'Do not export projects whose folder matches GLOB (and remove earlier files); repeatable',
      {
        type: [String],
      },
    )
    .option('--no-redact', 'Write secrets as they are (redaction is on by default; warns on every run)')
    .option(
      '--max-attachment-size <size>',
      'Largest pasted image or document saved as a file beside its transcript (default 10MB; 0: none)',
    )
    .option('--adapter <pkg-or-path>', 'Load a community adapter (npm package or file); repeatable', {
      type: [String],
    })
    .option(
      '--renderer <pkg-or-path>',
      'Render with a custom renderer (npm package or file) instead of Markdown',
    );
}

/** Declares the shared run and output switches. */
export function defineRunSwitches(command: Command): void {
  command
    .option('--dry-run', 'Show what would be written, write nothing')
    .option('--force', 'Re-render every session, even unchanged ones')
    .option(
      '--jobs <n>',
      'Worker threads exporting sessions beside the main thread (default: one per extra CPU, up to 3; 0: none)',
    )
    .option(
      '--max-line-mb <n>',
      `Export lines of session files up to N MB; a session with a longer line fails (default: ${CONFIG_DEFAULTS.maxLineMb})`,
    )
    .option('--json', 'Print the run report as JSON on stdout (and nothing else)')
    .option('--quiet', 'Print nothing but failures and errors');
}

/** A repeatable flag: undefined when not typed (so the config's value stays in force). */
export function optionalList(flags: Record<string, FlagValue>, name: string): string[] | undefined {
  const value = flags[name];
  if (Array.isArray(value)) return value;
  return typeof value === 'string' ? [value] : undefined;
}

/** A switch: true when typed, undefined otherwise (never false, so it cannot mask the config). */
export function optionalSwitch(flags: Record<string, FlagValue>, name: string): true | undefined {
  return booleanFlag(flags, name) ? true : undefined;
}

/** `--jobs N`: a whole number of worker threads, 0 to 64. */
function jobsFlag(flags: Record<string, FlagValue>): number | undefined {
  const raw = stringFlag(flags, 'jobs');
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) > 64)
    throw usageError(`--jobs takes a number of worker threads from 0 to 64, not "${raw}".`);
  return Number(raw);
}

/** `--max-attachment-size SIZE`: bytes, from `10MB`, `500KB` or a number. */
function attachmentSizeFlag(flags: Record<string, FlagValue>): number | undefined {
  const raw = stringFlag(flags, 'maxAttachmentSize');
  if (raw === undefined) return undefined;
  const bytes = parseSize(raw);
  if (bytes === undefined) throw usageError(`--max-attachment-size takes ${SIZE_FORMAT}, not "${raw}".`);
  return bytes;
}

/** `--max-line-mb N`: a whole number of megabytes, as the config's `max_line_mb` takes. */
function maxLineFlag(flags: Record<string, FlagValue>): number | undefined {
  const raw = stringFlag(flags, 'maxLineMb');
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_LINE_MB)
    throw usageError(
      `--max-line-mb takes a whole number of megabytes from 1 to ${MAX_LINE_MB}, not "${raw}".`,
    );
  return Number(raw);
}

/** Reads the shared flags off argv's parsed values. */
export function readRunFlags(flags: Record<string, FlagValue>): RunFlags & OutputFlags {
  const defined = <T extends object>(value: T) =>
    Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
  return defined({
    sourceSystem: stringFlag(flags, 'sourceSystem'),
    inputPath: optionalList(flags, 'inputPath'),
    home: stringFlag(flags, 'home'),
    user: stringFlag(flags, 'user'),
    historySubpath: stringFlag(flags, 'historySubpath'),
    exclude: optionalList(flags, 'exclude'),
    redact: booleanFlag(flags, 'noRedact') ? false : undefined,
    adapter: optionalList(flags, 'adapter'),
    renderer: stringFlag(flags, 'renderer'),
    dryRun: booleanFlag(flags, 'dryRun'),
    force: booleanFlag(flags, 'force'),
    jobs: jobsFlag(flags),
    maxAttachmentSize: attachmentSizeFlag(flags),
    maxLineMb: maxLineFlag(flags),
    json: booleanFlag(flags, 'json'),
    quiet: booleanFlag(flags, 'quiet'),
    verbose: booleanFlag(flags, 'verbose'),
    noColor: booleanFlag(flags, 'noColor'),
  });
}

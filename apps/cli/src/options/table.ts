// Every option of `convx backup` and `convx sync`, declared once: flags, help, how a typed value is read and
// checked, its key in `.convx/config.toml` and what it must be there, and its default. cac's definitions
// (`declare.ts`), the config schema (`config/schema.ts`), the merge (`values.ts`) and `convx config`
// (`config/format.ts`) all come from this table; adding an option is one entry here plus its use. The other
// commands' tables (`tables.ts`) use the same declarations; only these options have config keys.
import { DEFAULT_ATTACHMENT_MAX_BYTES, DEFAULT_MAX_LINE_BYTES } from '@convx/core';
import * as v from 'valibot';
import { usageError } from '../errors.js';
import { builtinSources } from '../sources.js';
import { parseHistorySubpath } from './history-subpath.js';
import { defaultSystemName, defaultUser, parseLabel } from './identity.js';
import * as kind from './kinds.js';
import { type CommandName, type ConfigContext, option } from './option.js';
import { OUTPUT_ENV } from './read-output.js';
import { jsonOption, last } from './shared.js';
import { parseSize, SIZE_FORMAT } from './size.js';
import { resolveConfigPath } from './tilde.js';

/** The longest line limit one may ask for: V8 cannot hold a longer string anyway (~1 GB of text). */
export const MAX_LINE_MB = 1024;

const all = (raw: string[]): string[] => raw;
const backupOnly: readonly CommandName[] = ['backup'];
const syncOnly: readonly CommandName[] = ['sync'];

/** A whole number from `min` to `max` typed as a flag, or a usage error saying what it takes. */
const wholeFlag = (min: number, max: number, takes: string) => (raw: string[], flag: string) => {
  const text = last(raw);
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max)
    throw usageError(`${flag} takes ${takes}, not "${text}".`);
  return Number(text);
};

/** An adapter to load: a package name or path, or one allowed to replace the built-in of the same name. */
const adapterEntry = v.lazy((input) =>
  typeof input === 'string'
    ? kind.text
    : kind.strictTable({ package: kind.text, replace: v.optional(kind.boolean) }),
);

const redactionRule = kind.strictTable({
  id: v.optional(kind.text),
  pattern: v.optional(kind.regex),
  description: v.optional(kind.text),
});

/** A `[[redaction.rules]]` entry (id and pattern are checked when the redactor is built). */
export type RedactionRule = v.InferOutput<typeof redactionRule>;

/** `[backup] input_paths = { codex = ["~/old"] }` as `--input-path codex=/home/me/old` values. */
function inputPathsAsFlags(paths: Record<string, string[]>, context: ConfigContext): string[] {
  return Object.entries(paths).flatMap(([source, list]) =>
    list.map((path) => `${source}=${resolveConfigPath(path, context.root, context.home)}`),
  );
}

export const OPTIONS = {
  outputPath: option<string>({
    flags: [
      {
        spec: '--output-path <dir>',
        help: `The git repository to write into (default: $${OUTPUT_ENV} or output_path in ~/.config/convx/config.toml)`,
        commands: backupOnly,
      },
    ],
    parse: last,
  }),
  init: option<boolean>({
    flags: [
      {
        spec: '--init',
        help: 'Create the output folder and run git init in it when needed',
        commands: backupOnly,
      },
    ],
  }),
  recursive: option<boolean>({
    flags: [
      {
        spec: '--no-recursive',
        help: 'Only sessions recorded in exactly this folder, not in its subfolders',
        commands: syncOnly,
        value: false,
      },
      {
        spec: '--recursive',
        help: 'Also its subfolders (the default; overrides recursive = false in the config)',
        commands: syncOnly,
      },
    ],
    config: { sync: 'sync.recursive' },
    schema: kind.boolean,
    default: true,
  }),
  matchName: option<boolean>({
    flags: [
      {
        spec: '--match-name',
        help: 'Also sessions in any folder named like this repository (other clones)',
        commands: syncOnly,
      },
    ],
    config: { sync: 'sync.match_name' },
    schema: kind.boolean,
    default: false,
  }),
  sourceSystem: option<string[]>({
    flags: [
      {
        spec: '--source-system <names>',
        help: `all, or a comma-separated list of: ${Object.keys(builtinSources).join(', ')} and loaded adapters (default: all)`,
      },
    ],
    parse: (raw) => [last(raw)],
    config: { backup: 'backup.source_system', sync: 'sync.source_system' },
    schema: kind.textOrList,
    default: ['all'],
  }),
  inputPath: option<string[], Record<string, string[]>>({
    flags: [
      {
        spec: '--input-path <path>',
        help: 'Read [source=]PATH instead of the default locations; repeatable',
      },
    ],
    repeat: true,
    parse: all,
    config: { backup: 'backup.input_paths' },
    schema: kind.tableOf(kind.textOrList),
    fromConfig: inputPathsAsFlags,
    unset: "each source's default locations",
  }),
  home: option<string>({
    flags: [
      { spec: '--home <dir>', help: 'Read every default location relative to DIR (ignores CODEX_HOME etc.)' },
    ],
    parse: last,
  }),
  user: option<string>({
    flags: [{ spec: '--user <name>', help: 'User folder name in the output (default: your login name)' }],
    parse: (raw, flag, { fallback }) => parseLabel(last(raw), flag, fallback()),
    config: { backup: 'backup.user' },
    schema: kind.label,
    runtimeDefault: ({ env }) => defaultUser(env),
    unset: 'login name',
  }),
  systemName: option<string>({
    flags: [
      {
        spec: '--system-name <name>',
        help: 'Machine folder name in the output (default: the short host name)',
        commands: backupOnly,
      },
    ],
    parse: (raw, flag, { fallback }) => parseLabel(last(raw), flag, fallback()),
    config: { backup: 'backup.system_name' },
    schema: kind.label,
    runtimeDefault: () => defaultSystemName(),
    unset: 'host name',
  }),
  historySubpath: option<string>({
    flags: [
      {
        spec: '--history-subpath <path>',
        help: (command) =>
          `Folder inside the repository for the transcripts (default: ${command === 'sync' ? '.ai/history' : 'history'})`,
      },
    ],
    parse: (raw) => parseHistorySubpath(last(raw)),
    config: { backup: 'backup.history_subpath', sync: 'sync.history_subpath' },
    schema: kind.subpath,
    defaults: { backup: 'history', sync: '.ai/history' },
  }),
  exclude: option<string[]>({
    flags: [
      {
        spec: '--exclude <glob>',
        help: 'Do not export projects whose folder matches GLOB (and remove earlier files); repeatable',
      },
    ],
    repeat: true,
    parse: all,
    config: 'exclude',
    schema: kind.textList,
    merge: 'append',
    default: [],
  }),
  redact: option<boolean>({
    flags: [
      {
        spec: '--no-redact',
        help: 'Write secrets as they are (redaction is on by default; warns on every run)',
        value: false,
      },
    ],
    config: 'redaction.enabled',
    schema: kind.boolean,
    default: true,
  }),
  maxAttachmentSize: option<number, number>({
    flags: [
      {
        spec: '--max-attachment-size <size>',
        help: 'Largest pasted image or document saved as a file beside its transcript (default 10MB; 0: none)',
      },
    ],
    parse: (raw, flag) => {
      const bytes = parseSize(last(raw));
      if (bytes === undefined) throw usageError(`${flag} takes ${SIZE_FORMAT}, not "${last(raw)}".`);
      return bytes;
    },
    config: 'attachments.max_size',
    schema: kind.size,
    default: DEFAULT_ATTACHMENT_MAX_BYTES,
  }),
  adapter: option<string[], Array<string | { package: string; replace?: boolean | undefined }>>({
    flags: [
      { spec: '--adapter <pkg-or-path>', help: 'Load a community adapter (npm package or file); repeatable' },
    ],
    repeat: true,
    parse: all,
    config: 'adapters',
    schema: v.array(adapterEntry, 'a list'),
    merge: 'append',
    default: [],
  }),
  renderer: option<string>({
    flags: [
      {
        spec: '--renderer <pkg-or-path>',
        help: 'Render with a custom renderer (npm package or file) instead of Markdown',
      },
    ],
    parse: last,
    config: 'renderer',
    schema: kind.text,
    unset: 'built-in Markdown renderer',
  }),
  commit: option<boolean>({
    flags: [
      {
        spec: '--commit',
        help: "Commit what the run changed (only convx's files) in the output repository",
        commands: backupOnly,
      },
    ],
    config: { backup: 'backup.commit' },
    schema: kind.boolean,
    default: false,
  }),
  push: option<boolean>({
    flags: [
      {
        spec: '--push',
        help: 'Push to the branch upstream after committing (implies --commit)',
        commands: backupOnly,
      },
    ],
    config: { backup: 'backup.push' },
    schema: kind.boolean,
    default: false,
  }),
  dryRun: option<boolean>({
    flags: [{ spec: '--dry-run', help: 'Show what would be written, write nothing' }],
  }),
  force: option<boolean>({
    flags: [
      {
        spec: '--force',
        help: 'Re-render every session, even unchanged ones, and discover without the cache of earlier runs',
      },
    ],
  }),
  jobs: option<number>({
    flags: [
      {
        spec: '--jobs <n>',
        help: 'Worker threads exporting sessions beside the main thread (default: one per extra CPU, up to 3; 0: none)',
      },
    ],
    parse: wholeFlag(0, 64, 'a number of worker threads from 0 to 64'),
  }),
  maxLineMb: option<number>({
    flags: [
      {
        spec: '--max-line-mb <n>',
        help: `Export lines of session files up to N MB; a session with a longer line fails (default: ${DEFAULT_MAX_LINE_BYTES / 1024 ** 2})`,
      },
    ],
    parse: wholeFlag(1, MAX_LINE_MB, `a whole number of megabytes from 1 to ${MAX_LINE_MB}`),
    config: 'max_line_mb',
    schema: kind.wholeNumber(1, MAX_LINE_MB),
    default: DEFAULT_MAX_LINE_BYTES / 1024 ** 2,
  }),
  json: jsonOption,
  quiet: option<boolean>({ flags: [{ spec: '--quiet', help: 'Print nothing but failures and errors' }] }),
  // Config only.
  sanitizeKeywords: option<string[]>({ config: 'sanitize_keywords', schema: kind.textList, default: [] }),
  skipMarker: option<string>({ config: 'skip_marker', schema: kind.text, default: 'CONVX_NO_SYNC' }),
  redactionAllow: option<string[]>({ config: 'redaction.allow', schema: kind.textList, default: [] }),
  redactionDisable: option<string[]>({ config: 'redaction.disable', schema: kind.textList, default: [] }),
  redactionRules: option<RedactionRule[]>({
    config: 'redaction.rules',
    schema: v.array(redactionRule, 'a list'),
    default: [],
  }),
  hooksStrict: option<boolean>({ config: 'hooks.strict', schema: kind.boolean, default: false }),
  rendererOptions: option<Record<string, unknown>>({ config: 'renderer_options', schema: kind.anyTable }),
  timezone: option<string>({
    config: 'timezone',
    schema: kind.timezone,
    unset: "UTC, or the session's own offset when recorded",
  }),
};

export type Options = typeof OPTIONS;
export type OptionName = keyof Options;

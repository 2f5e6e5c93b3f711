import { DEFAULT_ATTACHMENT_MAX_BYTES, DEFAULT_MAX_LINE_BYTES, historySubpathProblem } from '@convx/core';
import { isValidTimeZone } from '@convx/render-md';
import { parseSize, SIZE_FORMAT } from '../options/size.js';
import {
  anyTable,
  boolean,
  describeValue,
  type Field,
  type Infer,
  key,
  list,
  record,
  refine,
  string,
  stringList,
  stringOrList,
  table,
  wholeNumber,
} from './schema.js';

/** A folder inside the repository: relative, no `..`, not inside `.convx/` or `.git/`. */
const subpath = refine(string, (value) => {
  const problem = historySubpathProblem(value);
  return problem ? `${problem} (got ${JSON.stringify(value)})` : undefined;
});

const label = refine(string, (value) =>
  /[/\\]/.test(value) || value === '.' || value === '..'
    ? `cannot be used as a folder name (got ${JSON.stringify(value)})`
    : undefined,
);

const regex = refine(string, (value) => {
  try {
    new RegExp(value, 'g');
    return undefined;
  } catch (error) {
    return `is not a valid regular expression: ${(error as Error).message}`;
  }
});

/** A time zone the Markdown renderer can show times in: `UTC`, an offset, an IANA name. */
const timezone = refine(string, (value) =>
  isValidTimeZone(value)
    ? undefined
    : `must be a time zone: an IANA name such as "Europe/Berlin", an offset such as "+02:00", or "UTC" (got ${JSON.stringify(value)})`,
);

/** A size in bytes: a number, or a string with a unit (`"10MB"`). */
const size: Field<number> = {
  expected: SIZE_FORMAT,
  check(value, path, problems) {
    const bytes = typeof value === 'number' || typeof value === 'string' ? parseSize(value) : undefined;
    if (bytes === undefined) problems.push(`${path} must be ${SIZE_FORMAT} (got ${describeValue(value)})`);
    return bytes;
  },
};

const redactionRule = table({
  id: key(string, 'id'),
  pattern: key(regex, 'pattern'),
  description: key(string, 'description'),
});

const adapterTable = table({ package: key(string, 'package'), replace: key(boolean, 'replace') });

/** An adapter to load: a package name or path, or `{ package = "…", replace = true }` to replace a built-in. */
const adapterEntry: Field<string | { package: string; replace?: boolean }> = {
  expected: 'a package name or path, or a table { package = "…", replace = true }',
  check(value, path, problems) {
    if (typeof value === 'string') return string.check(value, path, problems);
    const entry = adapterTable.check(value, path, problems);
    if (!entry) return undefined;
    if (!entry.package) {
      problems.push(`${path}.package is required (the adapter's package name or path)`);
      return undefined;
    }
    return { package: entry.package, ...(entry.replace === undefined ? {} : { replace: entry.replace }) };
  },
};

/** The longest line limit one may ask for: V8 cannot hold a longer string anyway (~1 GB of text). */
export const MAX_LINE_MB = 1024;

/** Every key `.convx/config.toml` accepts, and the camelCase property it becomes. */
export const configSchema = table({
  backup: key(
    table({
      source_system: key(stringOrList, 'sourceSystem'),
      user: key(label, 'user'),
      system_name: key(label, 'systemName'),
      history_subpath: key(subpath, 'historySubpath'),
      input_paths: key(record(stringOrList), 'inputPaths'),
      commit: key(boolean, 'commit'),
      push: key(boolean, 'push'),
    }),
    'backup',
  ),
  sync: key(
    table({
      recursive: key(boolean, 'recursive'),
      match_name: key(boolean, 'matchName'),
      history_subpath: key(subpath, 'historySubpath'),
      source_system: key(stringOrList, 'sourceSystem'),
    }),
    'sync',
  ),
  redaction: key(
    table({
      enabled: key(boolean, 'enabled'),
      rules: key(list(redactionRule), 'rules'),
      allow: key(stringList, 'allow'),
      disable: key(stringList, 'disable'),
    }),
    'redaction',
  ),
  sanitize_keywords: key(stringList, 'sanitizeKeywords'),
  skip_marker: key(string, 'skipMarker'),
  exclude: key(stringList, 'exclude'),
  max_line_mb: key(wholeNumber(1, MAX_LINE_MB), 'maxLineMb'),
  hooks: key(table({ strict: key(boolean, 'strict') }), 'hooks'),
  attachments: key(table({ max_size: key(size, 'maxSize') }), 'attachments'),
  adapters: key(list(adapterEntry), 'adapters'),
  renderer: key(string, 'renderer'),
  renderer_options: key(anyTable, 'rendererOptions'),
  timezone: key(timezone, 'timezone'),
});

/** The config as written in the file: only the keys it sets, camelCased. */
export type ConvxConfig = NonNullable<Infer<typeof configSchema>>;
export type BackupConfig = NonNullable<ConvxConfig['backup']>;
export type SyncConfig = NonNullable<ConvxConfig['sync']>;
export type RedactionConfig = NonNullable<ConvxConfig['redaction']>;
export type RedactionRuleConfig = NonNullable<RedactionConfig['rules']>[number];
export type AdapterEntry = NonNullable<ConvxConfig['adapters']>[number];

/** Values used for keys the file leaves out (besides the command defaults such as user and machine name). */
export const CONFIG_DEFAULTS = {
  sync: { recursive: true, matchName: false, historySubpath: '.ai/history' },
  backup: { historySubpath: 'history', commit: false, push: false },
  redaction: {
    enabled: true,
    rules: [] as RedactionRuleConfig[],
    allow: [] as string[],
    disable: [] as string[],
  },
  sanitizeKeywords: [] as string[],
  skipMarker: 'CONVX_NO_SYNC',
  exclude: [] as string[],
  /** The longest line of a session file exported, in MB (the engine's default). */
  maxLineMb: DEFAULT_MAX_LINE_BYTES / (1024 * 1024),
  hooks: { strict: false },
  attachments: { maxSize: DEFAULT_ATTACHMENT_MAX_BYTES },
  adapters: [] as AdapterEntry[],
} as const;

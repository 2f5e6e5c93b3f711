import { historySubpathProblem } from '@convx/core';
import { isValidTimeZone } from '@convx/render-md';
import {
  anyTable,
  boolean,
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
  hooks: key(table({ strict: key(boolean, 'strict') }), 'hooks'),
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
  hooks: { strict: false },
  adapters: [] as AdapterEntry[],
} as const;

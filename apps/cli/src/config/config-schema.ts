import {
  anyTable,
  boolean,
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

/** A folder inside the repository: relative, no `..`. */
const subpath = refine(string, (value) => {
  if (/^([/\\]|[a-z]:)/i.test(value))
    return `must be a folder inside the repository (got absolute ${JSON.stringify(value)})`;
  if (value.split(/[\\/]+/).includes('..'))
    return `must stay inside the repository (got ${JSON.stringify(value)})`;
  return undefined;
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

const redactionRule = table({
  id: key(string, 'id'),
  pattern: key(regex, 'pattern'),
  description: key(string, 'description'),
});

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
    }),
    'redaction',
  ),
  sanitize_keywords: key(stringList, 'sanitizeKeywords'),
  skip_marker: key(string, 'skipMarker'),
  exclude: key(stringList, 'exclude'),
  hooks: key(table({ strict: key(boolean, 'strict') }), 'hooks'),
  adapters: key(stringList, 'adapters'),
  renderer: key(string, 'renderer'),
  renderer_options: key(anyTable, 'rendererOptions'),
});

/** The config as written in the file: only the keys it sets, camelCased. */
export type ConvxConfig = NonNullable<Infer<typeof configSchema>>;
export type BackupConfig = NonNullable<ConvxConfig['backup']>;
export type SyncConfig = NonNullable<ConvxConfig['sync']>;
export type RedactionConfig = NonNullable<ConvxConfig['redaction']>;
export type RedactionRuleConfig = NonNullable<RedactionConfig['rules']>[number];

/** Values used for keys the file leaves out (besides the command defaults such as user and machine name). */
export const CONFIG_DEFAULTS = {
  sync: { recursive: true, matchName: false, historySubpath: '.ai/history' },
  backup: { historySubpath: 'history', commit: false, push: false },
  redaction: { enabled: true, rules: [] as RedactionRuleConfig[], allow: [] as string[] },
  sanitizeKeywords: [] as string[],
  skipMarker: 'CONVX_NO_SYNC',
  exclude: [] as string[],
  hooks: { strict: false },
  adapters: [] as string[],
} as const;

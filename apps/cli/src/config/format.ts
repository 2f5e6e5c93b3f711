import { configPathFor, defaultFor, type Option, RUN_COMMANDS, type RunCommand } from '../options/option.js';
import { OPTIONS, type OptionName } from '../options/table.js';
import type { ConfigTree, ValueSource, Values } from '../options/values.js';
import type { LoadedConfig } from './load.js';

export interface EffectiveConfigOptions {
  /** Defaults computed at run time (user and machine name: `runtimeDefaults()`), shown where the file sets nothing. */
  runtimeDefaults?: Values;
  /** Values given as flags for this run, per command, shown as `# flag`. */
  flags?: Partial<Record<RunCommand, Values>>;
}

type Line = { key: string; value: unknown; source: ValueSource } | { key: string; unset: string };

/** Sections in the order they are printed (top-level keys first); others follow in table order. */
const SECTION_ORDER = ['', 'backup', 'sync', 'redaction', 'hooks', 'attachments'];

const bareKey = (key: string) => (/^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key));
const isTable = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/** A TOML value on one line: JSON string escapes are valid TOML; tables become inline tables. */
function tomlValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(tomlValue).join(', ')}]`;
  if (value instanceof Date) return value.toISOString();
  if (isTable(value)) {
    const entries = Object.entries(value).map(([k, v]) => `${bareKey(k)} = ${tomlValue(v)}`);
    return entries.length ? `{ ${entries.join(', ')} }` : '{}';
  }
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

const assignment = (key: string, value: unknown) => `${bareKey(key)} = ${tomlValue(value)}`;

/** Every TOML path of the table with the option and the command it belongs to (undefined: both). */
function configKeys(): Array<{
  path: string;
  name: OptionName;
  option: Option<unknown, unknown>;
  command?: RunCommand;
}> {
  return (Object.entries(OPTIONS) as Array<[OptionName, Option<unknown, unknown>]>).flatMap(
    ([name, option]) => {
      if (typeof option.config === 'string') return [{ path: option.config, name, option }];
      return RUN_COMMANDS.flatMap((command) => {
        const path = configPathFor(option, command);
        return path ? [{ path, name, option, command }] : [];
      });
    },
  );
}

function read(tree: ConfigTree, path: string): unknown {
  let value: unknown = tree;
  for (const key of path.split('.')) value = isTable(value) ? value[key] : undefined;
  return value;
}

/**
 * The effective settings as TOML for `convx config`, each value annotated with where it came from
 * (`# config`, `# default`, `# flag`), every key the option table gives the file. Pasting the uncommented
 * lines into the file reproduces them.
 */
export function formatEffectiveConfig(loaded: LoadedConfig, options: EffectiveConfigOptions = {}): string {
  const runtime: Values = options.runtimeDefaults ?? {};
  const sections = new Map<string, string[]>();
  // Tables of their own (`[[redaction.rules]]`, `[renderer_options]`) come after their section's keys.
  const tables = new Map<string, string[]>();
  const tablesOf = (section: string) => {
    const list = tables.get(section) ?? [];
    tables.set(section, list);
    return list;
  };
  for (const { path, name, option, command } of configKeys()) {
    const at = path.lastIndexOf('.');
    const section = path.slice(0, Math.max(at, 0));
    const key = path.slice(at + 1);
    const flag = command ? options.flags?.[command]?.[name] : undefined;
    const file = read(loaded.config, path);
    const fallback = runtime[name] ?? defaultFor(option, command ?? 'backup');
    const line: Line =
      flag !== undefined
        ? { key, value: flag, source: 'flag' }
        : file !== undefined
          ? { key, value: file, source: 'config' }
          : fallback !== undefined
            ? { key, value: fallback, source: 'default' }
            : { key, unset: option.unset ?? 'not set' };
    const lines = sections.get(section) ?? [];
    sections.set(section, lines);
    if ('unset' in line) {
      // A table of its own (renderer options) is simply absent when not set.
      if (!option.unset && section === '') continue;
      lines.push(`# ${key} = (${line.unset})`);
    } else if (Array.isArray(line.value) && line.value.length > 0 && line.value.every(isTable)) {
      // A list of tables: `[[redaction.rules]]` blocks, after the section's own keys.
      for (const entry of line.value as Array<Record<string, unknown>>)
        tablesOf(section).push(
          '',
          `[[${path}]]  # ${line.source}`,
          ...Object.entries(entry).map(([k, v]) => assignment(k, v)),
        );
    } else if (isTable(line.value) && !isTable(option.default) && section === '') {
      tablesOf(section).push(
        '',
        `[${path}]  # ${line.source}`,
        ...Object.entries(line.value).map(([k, v]) => assignment(k, v)),
      );
    } else {
      lines.push(`${assignment(key, line.value)}  # ${line.source}`);
    }
  }
  const header = loaded.exists
    ? `# Effective convx settings: ${loaded.path} (flags override it for one run).`
    : `# Effective convx settings: no ${loaded.path}, so defaults apply (flags override them for one run).`;
  const rank = (section: string) => {
    const at = SECTION_ORDER.indexOf(section);
    return at === -1 ? SECTION_ORDER.length : at;
  };
  const order = [...sections.keys()].sort((a, b) => rank(a) - rank(b));
  const body = order.flatMap((section) => {
    const lines = sections.get(section) ?? [];
    if (section === '') return lines;
    return ['', `[${section}]`, ...lines, ...(tables.get(section) ?? [])];
  });
  // Top-level tables last: after them, a plain key would belong to the table.
  return [header, ...body, ...(tables.get('') ?? []), ''].join('\n');
}

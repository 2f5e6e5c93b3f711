import { CONFIG_DEFAULTS, type ConvxConfig } from './config-schema.js';
import type { LoadedConfig } from './load.js';
import type { ValueSource } from './merge.js';

type Line = { key: string; value: unknown; source: ValueSource } | { key: string; unset: string };

export interface EffectiveConfigOptions {
  /** Defaults computed at run time (user and machine name), shown where the file sets nothing. */
  runtimeDefaults?: { user?: string; systemName?: string };
  /** Values given as flags for this run, per section, shown as `# flag`. */
  flags?: { backup?: Record<string, unknown>; sync?: Record<string, unknown> };
}

const bareKey = (key: string) => (/^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key));

/** A TOML value on one line: JSON string escapes are valid TOML; tables become inline tables. */
function tomlValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(tomlValue).join(', ')}]`;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => `${bareKey(k)} = ${tomlValue(v)}`);
    return entries.length ? `{ ${entries.join(', ')} }` : '{}';
  }
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** One TOML `key = value`. */
function assignment(key: string, value: unknown): string {
  return `${bareKey(key)} = ${tomlValue(value)}`;
}

function pick(key: string, file: unknown, flag: unknown, fallback: unknown, unset = 'not set'): Line {
  if (flag !== undefined) return { key, value: flag, source: 'flag' };
  if (file !== undefined) return { key, value: file, source: 'config' };
  if (fallback !== undefined) return { key, value: fallback, source: 'default' };
  return { key, unset };
}

function render(lines: Line[]): string[] {
  return lines.map((line) =>
    'unset' in line
      ? `# ${line.key} = (${line.unset})`
      : `${assignment(line.key, line.value)}  # ${line.source}`,
  );
}

/**
 * The effective settings as TOML for `convx config`, each value annotated with where it came from
 * (`# config`, `# default`, `# flag`). Pasting the uncommented lines into the file reproduces them.
 */
export function formatEffectiveConfig(loaded: LoadedConfig, options: EffectiveConfigOptions = {}): string {
  const c: ConvxConfig = loaded.config;
  const d = CONFIG_DEFAULTS;
  const bf = options.flags?.backup ?? {};
  const sf = options.flags?.sync ?? {};
  const rt = options.runtimeDefaults ?? {};
  const header = loaded.exists
    ? `# Effective convx settings: ${loaded.path} (flags override it for one run).`
    : `# Effective convx settings: no ${loaded.path}, so defaults apply (flags override them for one run).`;
  const top = render([
    pick('adapters', c.adapters, undefined, d.adapters),
    pick('renderer', c.renderer, undefined, undefined, 'built-in Markdown renderer'),
    pick('sanitize_keywords', c.sanitizeKeywords, undefined, d.sanitizeKeywords),
    pick('skip_marker', c.skipMarker, undefined, d.skipMarker),
    pick('exclude', c.exclude, undefined, d.exclude),
    pick('timezone', c.timezone, undefined, undefined, "UTC, or the session's own offset when recorded"),
  ]);
  const backup = render([
    pick('source_system', c.backup?.sourceSystem, bf.sourceSystem, ['all']),
    pick('user', c.backup?.user, bf.user, rt.user, 'login name'),
    pick('system_name', c.backup?.systemName, bf.systemName, rt.systemName, 'host name'),
    pick('history_subpath', c.backup?.historySubpath, bf.historySubpath, d.backup.historySubpath),
    pick('input_paths', c.backup?.inputPaths, bf.inputPath, undefined, "each source's default locations"),
    pick('commit', c.backup?.commit, bf.commit, d.backup.commit),
    pick('push', c.backup?.push, bf.push, d.backup.push),
  ]);
  const sync = render([
    pick('recursive', c.sync?.recursive, sf.recursive, d.sync.recursive),
    pick('match_name', c.sync?.matchName, sf.matchName, d.sync.matchName),
    pick('history_subpath', c.sync?.historySubpath, sf.historySubpath, d.sync.historySubpath),
    pick('source_system', c.sync?.sourceSystem, sf.sourceSystem, ['all']),
  ]);
  const redaction = render([
    pick('enabled', c.redaction?.enabled, undefined, d.redaction.enabled),
    pick('allow', c.redaction?.allow, undefined, d.redaction.allow),
    pick('disable', c.redaction?.disable, undefined, d.redaction.disable),
  ]);
  const rules = (c.redaction?.rules ?? []).flatMap((rule) => [
    '',
    '[[redaction.rules]]  # config',
    ...Object.entries(rule).map(([key, value]) => assignment(key, value)),
  ]);
  const hooks = render([pick('strict', c.hooks?.strict, undefined, d.hooks.strict)]);
  const rendererOptions = c.rendererOptions
    ? [
        '',
        '[renderer_options]  # config',
        ...Object.entries(c.rendererOptions).map(([k, v]) => assignment(k, v)),
      ]
    : [];
  return [
    header,
    ...top,
    '',
    '[backup]',
    ...backup,
    '',
    '[sync]',
    ...sync,
    '',
    '[redaction]',
    ...redaction,
    ...rules,
    '',
    '[hooks]',
    ...hooks,
    ...rendererOptions,
    '',
  ].join('\n');
}

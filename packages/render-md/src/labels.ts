// Readable labels for the small settings beside a tool call (`timeout_ms`, `isBackground`): a person reads
// "Timeout (ms): `120000` · Background: no", not the raw field names.

/** Names that read better said differently than spelled. */
const NAMES: Readonly<Record<string, string>> = {
  workdir: 'Working directory',
  cwd: 'Working directory',
  working_directory: 'Working directory',
  max_output_tokens: 'Max output tokens',
  sandbox_permissions: 'Sandbox permissions',
};

const ACRONYMS = new Set([
  'id',
  'url',
  'uri',
  'api',
  'json',
  'html',
  'http',
  'ssh',
  'tty',
  'pid',
  'ui',
  'cli',
  'sql',
  'io',
  'os',
]);

/** A unit at the end of a name becomes a suffix: `timeout_ms` → `Timeout (ms)`. */
const UNITS: Readonly<Record<string, string>> = {
  ms: 'ms',
  millis: 'ms',
  sec: 's',
  secs: 's',
  seconds: 's',
  bytes: 'bytes',
  kb: 'KB',
  mb: 'MB',
};

/** `yield_time_ms` → `Yield time (ms)`, `isBackground` → `Background`, `maxResults` → `Max results`. */
export function readableLabel(key: string): string {
  const known = NAMES[key];
  if (known) return known;
  let words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_.-]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
  if (words.length === 0) return key;
  // A yes/no flag named `isX` reads as `X: yes`.
  if (words[0] === 'is' && words.length > 1) words = words.slice(1);
  const last = words.at(-1) ?? '';
  const unit = words.length > 1 ? UNITS[last] : undefined;
  if (unit) words = words.slice(0, -1);
  const text = words.map((word) => (ACRONYMS.has(word) ? word.toUpperCase() : word)).join(' ');
  const label = text.charAt(0).toUpperCase() + text.slice(1);
  return unit ? `${label} (${unit})` : label;
}

/** A setting's value as shown: yes/no for switches, the rest as given. */
export function settingValue(value: unknown): { text: string; code: boolean } {
  if (typeof value === 'boolean') return { text: value ? 'yes' : 'no', code: false };
  return { text: String(value), code: true };
}

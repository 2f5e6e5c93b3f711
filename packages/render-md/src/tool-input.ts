// Turns a tool call's input into something a person can read: a shell command as a `bash` block, a patch as
// a `diff` block, a file path as a line, and pretty JSON for everything else.

export type InputBlock =
  | { kind: 'line'; label: string; value: string }
  | { kind: 'fence'; lang: string; body: string }
  | { kind: 'settings'; entries: ReadonlyArray<readonly [string, unknown]> };

type Json = Record<string, unknown>;

const COMMAND_KEYS = ['command', 'cmd'];
const PATH_KEYS = ['file_path', 'filePath', 'path', 'target_file', 'notebook_path', 'absolute_path'];
const CONTENT_KEYS = ['content', 'contents', 'code_edit', 'new_source'];
const PREVIEW_KEYS = ['description', 'pattern', 'query', 'url', 'prompt', 'subject'];
const PATCH_START = /^(\*\*\* Begin Patch|diff --git |--- )/;

const LANGS: Record<string, string> = {
  ts: 'ts',
  tsx: 'tsx',
  js: 'js',
  mjs: 'js',
  cjs: 'js',
  jsx: 'jsx',
  json: 'json',
  md: 'markdown',
  py: 'python',
  rs: 'rust',
  go: 'go',
  sh: 'bash',
  bash: 'bash',
  yml: 'yaml',
  yaml: 'yaml',
  toml: 'toml',
  css: 'css',
  html: 'html',
  sql: 'sql',
  java: 'java',
  rb: 'ruby',
  c: 'c',
  h: 'c',
  cpp: 'cpp',
  swift: 'swift',
  kt: 'kotlin',
};

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstString(input: Json, keys: readonly string[]): [string, string] | undefined {
  for (const key of keys) {
    const value = input[key];
    if (typeof value === 'string' && value.trim()) return [key, value];
  }
  return undefined;
}

/** A shell command from a string or an argv array; `["bash", "-lc", "x"]` shows as `x`. */
export function commandText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value) || !value.every((part) => typeof part === 'string')) return undefined;
  const argv = value as string[];
  const [shell, flag, script] = argv;
  if (argv.length === 3 && /(^|\/)(ba|z|da)?sh$/.test(shell ?? '') && /^-l?c$|^-cl$/.test(flag ?? '')) {
    return script;
  }
  return argv.map(shellQuote).join(' ');
}

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

function langOf(path: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return (ext && LANGS[ext]) || '';
}

function editDiff(oldText: string, newText: string): string {
  const minus = oldText ? oldText.split('\n').map((l) => `-${l}`) : [];
  const plus = newText ? newText.split('\n').map((l) => `+${l}`) : [];
  return [...minus, ...plus].join('\n');
}

function isShortScalar(value: unknown): boolean {
  if (typeof value === 'number' || typeof value === 'boolean') return true;
  return typeof value === 'string' && value.length <= 200 && !value.includes('\n');
}

function prettyJson(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The readable blocks for a tool input. Keys not shown in a readable form are kept in a JSON block. */
export function describeInput(input: unknown): InputBlock[] {
  if (typeof input === 'string') {
    return [{ kind: 'fence', lang: PATCH_START.test(input) ? 'diff' : '', body: input }];
  }
  if (!isRecord(input)) return [{ kind: 'fence', lang: 'json', body: prettyJson(input) }];
  const blocks: InputBlock[] = [];
  // The keys shown in a readable form; the others are kept in a JSON block. A set rather than deleting
  // from a copy: an object deleted from is slow to walk and to serialize.
  const taken = new Set<string>();
  const take = (key: string) => taken.add(key);

  const path = firstString(input, PATH_KEYS);
  if (path) {
    blocks.push({ kind: 'line', label: 'File', value: path[1] });
    take(path[0]);
  }
  for (const key of COMMAND_KEYS) {
    const command = commandText(input[key]);
    if (command === undefined) continue;
    blocks.push({ kind: 'fence', lang: 'bash', body: command });
    take(key);
    break;
  }
  const patch = firstString(input, ['patch', 'input', 'diff']);
  if (patch && PATCH_START.test(patch[1])) {
    blocks.push({ kind: 'fence', lang: 'diff', body: patch[1] });
    take(patch[0]);
  }
  if (typeof input.old_string === 'string' && typeof input.new_string === 'string') {
    blocks.push({ kind: 'fence', lang: 'diff', body: editDiff(input.old_string, input.new_string) });
    take('old_string');
    take('new_string');
  }
  const content = firstString(input, CONTENT_KEYS);
  if (content) {
    blocks.push({ kind: 'fence', lang: langOf(path?.[1] ?? ''), body: content[1] });
    take(content[0]);
  }
  // No key taken above is `description`.
  const description = firstString(input, ['description']);
  if (description && blocks.length) {
    blocks.unshift({ kind: 'line', label: 'Description', value: description[1] });
    take('description');
  }
  const extras = Object.entries(input).filter(([key]) => !taken.has(key));
  if (!extras.length) return blocks;
  // Small scalar settings next to a readable block (workdir, timeout) read better as one line than as JSON.
  if (blocks.length && extras.every(([, value]) => isShortScalar(value))) {
    blocks.push({ kind: 'settings', entries: extras });
  } else {
    blocks.push({ kind: 'fence', lang: 'json', body: prettyJson(Object.fromEntries(extras)) });
  }
  return blocks;
}

/** A one-line hint for the collapsed summary: the command, the file, the pattern… */
export function inputPreview(input: unknown): string | undefined {
  if (typeof input === 'string')
    return PATCH_START.test(input) ? patchTarget(input) : input.split('\n', 1)[0];
  if (!isRecord(input)) return undefined;
  for (const key of COMMAND_KEYS) {
    const command = commandText(input[key]);
    if (command !== undefined) return command;
  }
  const path = firstString(input, PATH_KEYS);
  if (path) return path[1];
  const patch = firstString(input, ['patch', 'input']);
  if (patch && PATCH_START.test(patch[1])) {
    return patchTarget(patch[1]);
  }
  return firstString(input, PREVIEW_KEYS)?.[1];
}

/** The first file a patch touches (`*** Update File: x`, `+++ b/x`), for the summary. */
function patchTarget(patch: string): string {
  return /^(?:\*\*\* (?:Add|Update|Delete) File: |\+\+\+ (?:b\/)?)(.+)$/m.exec(patch)?.[1] ?? 'patch';
}

import { type DiffLine, editDiff, looksLikePatch, patchLines } from './diff.js';
import { languageOfPath } from './highlight.js';

/** How a tool call's input is best shown. */
export type ToolView =
  | { kind: 'command'; command: string }
  | { kind: 'diff'; lines: DiffLine[] }
  | { kind: 'file'; path: string; content: string; language: string | undefined }
  | { kind: 'json'; text: string };

type Fields = Record<string, unknown>;

const pick = (input: Fields, names: readonly string[]): string | undefined => {
  for (const name of names) {
    const value = input[name];
    if (typeof value === 'string') return value;
  }
  return undefined;
};

const PATH = ['file_path', 'filePath', 'path', 'target_file', 'absolute_path', 'notebook_path'] as const;
const OLD = ['old_string', 'oldString', 'old_str'] as const;
const NEW = ['new_string', 'newString', 'new_str'] as const;
const COMMAND = ['command', 'cmd'] as const;
const SUMMARY = ['description', 'pattern', 'query', 'url', 'prompt'] as const;

function asFields(input: unknown): Fields | undefined {
  return typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Fields) : undefined;
}

function commandOf(input: Fields): string | undefined {
  const command = input.command ?? input.cmd;
  if (Array.isArray(command) && command.every((part) => typeof part === 'string')) {
    // Codex's `["bash", "-lc", "npm test"]`: the script is what was meant.
    const [shell, flag, script] = command;
    return command.length === 3 && /sh$/.test(shell ?? '') && /^-l?c$/.test(flag ?? '')
      ? script
      : command.join(' ');
  }
  return pick(input, COMMAND);
}

/** A one-line summary of what a call did: its command, file, pattern or description. */
export function toolSummary(input: unknown): string {
  const fields = asFields(input);
  const patch = typeof input === 'string' ? input : fields && pick(fields, ['patch', 'input']);
  if (patch !== undefined && looksLikePatch(patch)) {
    const files = [...patch.matchAll(/^(?:\*\*\* (?:Update|Add|Delete) File: |\+\+\+ (?:b\/)?)(.+)$/gm)].map(
      (m) => m[1],
    );
    if (files.length) return files.join(', ');
  }
  if (typeof input === 'string') return input.split('\n').find((line) => line.trim()) ?? '';
  if (!fields) return '';
  const text = commandOf(fields) ?? pick(fields, PATH) ?? pick(fields, SUMMARY) ?? '';
  return text.split('\n')[0] ?? '';
}

/** The clearest view of a call's input: a command, a diff of an edit or patch, a written file, or JSON. */
export function toolView(input: unknown): ToolView {
  if (typeof input === 'string') {
    return looksLikePatch(input)
      ? { kind: 'diff', lines: patchLines(input) }
      : { kind: 'command', command: input };
  }
  const fields = asFields(input);
  if (!fields) return { kind: 'json', text: JSON.stringify(input, null, 2) };
  const path = pick(fields, PATH) ?? '';
  const before = pick(fields, OLD);
  const after = pick(fields, NEW);
  if (before !== undefined && after !== undefined)
    return { kind: 'diff', lines: editDiff(path, before, after) };
  if (Array.isArray(fields.edits)) {
    const lines = fields.edits.flatMap((edit) => {
      const e = asFields(edit) ?? {};
      const from = pick(e, OLD);
      const to = pick(e, NEW);
      return from !== undefined && to !== undefined ? editDiff(path, from, to) : [];
    });
    if (lines.length) return { kind: 'diff', lines };
  }
  const patch = pick(fields, ['patch', 'input']);
  if (patch !== undefined && looksLikePatch(patch)) return { kind: 'diff', lines: patchLines(patch) };
  const content = pick(fields, ['content', 'code_edit', 'contents']);
  if (content !== undefined && path) {
    return { kind: 'file', path, content, language: languageOfPath(path) };
  }
  const command = commandOf(fields);
  if (command !== undefined) return { kind: 'command', command };
  return { kind: 'json', text: JSON.stringify(input, null, 2) };
}

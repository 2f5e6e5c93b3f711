import { oneLine } from '../text/fit.js';

const SUMMARY_FIELDS = [
  'command',
  'cmd',
  'file_path',
  'filePath',
  'path',
  'pattern',
  'query',
  'url',
  'description',
  'prompt',
] as const;

/**
 * What a tool call does, on one line: its command (`$ npm test`), else the first telling field of its input
 * (a file path, a pattern, a URL…), else its input as compact JSON.
 */
export function toolSummary(input: unknown): string {
  if (typeof input === 'string') return oneLine(input);
  if (typeof input !== 'object' || input === null) return '';
  const fields = input as Record<string, unknown>;
  for (const field of SUMMARY_FIELDS) {
    const value = fields[field];
    if (field === 'command' || field === 'cmd') {
      const command = Array.isArray(value) ? shellWords(value) : typeof value === 'string' ? value : '';
      if (command) return `$ ${oneLine(command)}`;
      continue;
    }
    if (typeof value === 'string' && value.trim()) return oneLine(value);
  }
  return oneLine(JSON.stringify(input));
}

/** `["bash", "-lc", "npm test"]` as `npm test` (the shell wrapper Codex records is noise). */
function shellWords(words: unknown[]): string {
  const parts = words.filter((w): w is string => typeof w === 'string');
  if (parts.length === 3 && /(^|\/)(ba|z)?sh$/.test(parts[0] ?? '') && /^-l?c$/.test(parts[1] ?? '')) {
    return parts[2] ?? '';
  }
  return parts.join(' ');
}

/** The file Aider appends every chat to, in the project root (its `--chat-history-file` default). */
export const HISTORY_FILE = '.aider.chat.history.md';

const HEADER = /^# aider chat started at (\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\s*$/;

export interface Header {
  /** `20250601-100000`, used in the session id. */
  stamp: string;
  /** ISO time. Aider writes local time without a zone, so it is read in the machine's zone. */
  startedAt: string;
}

/** Parses a `# aider chat started at 2025-06-01 10:00:00` line. */
export function parseHeader(line: string): Header | undefined {
  const m = HEADER.exec(line);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi, s);
  if (Number.isNaN(date.getTime())) return undefined;
  return { stamp: `${m[1]}${m[2]}${m[3]}-${m[4]}${m[5]}${m[6]}`, startedAt: date.toISOString() };
}

export type LineKind = 'user' | 'info' | 'text';

/**
 * What a line is: `#### ` lines are what the person typed, `> ` lines are Aider's own output (tool runs,
 * edits applied, token counts), everything else is the model's reply. Aider ends `####`/`>` lines with two
 * spaces (a Markdown line break); they are dropped.
 */
export function classify(line: string): { kind: LineKind; text: string } {
  if (line === '####' || line.startsWith('#### '))
    return { kind: 'user', text: line.slice(5).replace(/ +$/, '') };
  if (line === '>' || line.startsWith('> ')) return { kind: 'info', text: line.slice(2).replace(/ +$/, '') };
  return { kind: 'text', text: line };
}

/** The model named in a startup line (`Main model: gpt-4.1 with diff edit format` → `gpt-4.1`). */
export function modelOf(info: string): string | undefined {
  const m = /^(?:Main model|Model):\s*(\S+)/.exec(info);
  return m?.[1];
}

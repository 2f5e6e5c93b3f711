import { wrap } from '../text/fit.js';
import { clockTime } from '../text/format.js';
import { markTerms, type Segment } from '../text/segments.js';
import type { StyleName } from '../ui/theme.js';
import { toolSummary } from './tool-summary.js';

/**
 * One row of a transcript. `toggle`: Enter on it expands or collapses its message; `open`: Enter on it opens
 * that subagent.
 */
export interface DocLine {
  segments: Segment[];
  toggle?: boolean;
  open?: number;
}

export interface LineOptions {
  width: number;
  expanded: boolean;
  /** Lower-case terms to mark. */
  terms: readonly string[];
  /** The session's start, so times on that day show without their date. */
  sessionStart: string | null;
  /** The message was shortened when read (a string over 100,000 characters). */
  clipped: boolean;
}

/** An expanded tool output shows at most this many lines (the Markdown file, `o`, has everything). */
export const MAX_EXPANDED_LINES = 500;

type Message = Record<string, unknown>;
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * The rows of one message at a width: a turn (a typed prompt or an answer) is a heading with its time and
 * its text; a tool call, a tool result, thinking and injected context are one row each until expanded.
 */
export function messageLines(message: Message, options: LineOptions): DocLine[] {
  const lines = rawLines(message, options);
  if (options.clipped) lines.push(plain('  (shortened here: `o` opens the whole transcript)', 'dim'));
  if (options.terms.length === 0) return lines;
  return lines.map((line) => ({
    ...line,
    segments: line.segments.flatMap((s) =>
      s.style === 'mark' ? [s] : markTerms(s.text, options.terms, s.style),
    ),
  }));
}

function rawLines(m: Message, options: LineOptions): DocLine[] {
  const { width, expanded } = options;
  const time = clockTime(str(m.timestamp) || null, options.sessionStart);
  switch (m.kind) {
    case 'text': {
      const user = m.role === 'user';
      const model = !user && str(m.model) ? ` · ${str(m.model)}` : '';
      const heading: DocLine = {
        segments: [
          { text: user ? '▌ You' : `▌ Assistant${model}`, style: user ? 'user' : 'assistant' },
          ...(time ? [{ text: `  ${time}`, style: 'dim' as const }] : []),
        ],
      };
      const attachments = Array.isArray(m.attachments) ? m.attachments.length : 0;
      return [
        plain(''),
        heading,
        ...body(str(m.text), width, '  '),
        ...(attachments
          ? [plain(`  📎 ${attachments} attachment${attachments === 1 ? '' : 's'}`, 'dim')]
          : []),
      ];
    }
    case 'thinking': {
      if (m.redacted === true && !str(m.text)) return [plain('  · thinking (redacted)', 'thinking')];
      const words = str(m.text).split(/\s+/).filter(Boolean).length;
      const head = toggle(expanded, `thinking · ${words.toLocaleString('en')} words`, 'thinking');
      return expanded ? [head, ...body(str(m.text), width, '    ', 'thinking')] : [head];
    }
    case 'tool-call': {
      const name = str(m.name) || 'tool';
      const summary = toolSummary(m.input);
      const head: DocLine = {
        toggle: true,
        segments: [
          { text: `  ${expanded ? '▾' : '▸'} ` },
          { text: name, style: 'tool' },
          ...(summary && !expanded ? [{ text: `  ${summary}`, style: 'dim' as const }] : []),
          ...(time && expanded ? [{ text: `  ${time}`, style: 'dim' as const }] : []),
        ],
      };
      if (!expanded) return [head];
      const input =
        typeof m.input === 'string'
          ? m.input
          : summary.startsWith('$ ')
            ? summary
            : JSON.stringify(m.input, null, 2);
      return [head, ...capped(body(input ?? '', width, '      '))];
    }
    case 'tool-result': {
      const output = resultText(m.output);
      const all = output.replace(/\n+$/, '').split('\n');
      const first = all.find((l) => l.trim() !== '')?.trim() ?? '(no output)';
      const error = m.isError === true;
      const more = all.length > 1 ? `  (${all.length.toLocaleString('en')} lines)` : '';
      const head: DocLine = {
        toggle: true,
        segments: [
          { text: `    ${expanded ? '▾' : '↳'} ` },
          { text: error ? `error: ${first}` : first, style: error ? 'error' : 'dim' },
          ...(more ? [{ text: more, style: 'dim' as const }] : []),
        ],
      };
      if (!expanded) return [head];
      head.segments = [
        { text: '    ▾ ' },
        { text: error ? 'error output' : 'output', style: error ? 'error' : 'dim' },
      ];
      return [head, ...capped(body(output, width, '      '))];
    }
    case 'context': {
      const text = str(m.text);
      const count = text.split('\n').length;
      const head = toggle(
        expanded,
        `context · ${str(m.label) || 'injected'} · ${count} ${count === 1 ? 'line' : 'lines'}`,
        'dim',
      );
      return expanded ? [head, ...body(text, width, '    ', 'dim')] : [head];
    }
    case 'event': {
      const event = str(m.event) || 'event';
      const style: StyleName = event === 'error' || event === 'abort' ? 'error' : 'dim';
      return [plain(`  • ${event}${str(m.text) ? `: ${str(m.text).split('\n')[0]}` : ''}`, style)];
    }
    case 'subagent': {
      const count = typeof m.messageCount === 'number' ? m.messageCount : 0;
      const type = str(m.type) && str(m.type) !== str(m.title) ? ` (${str(m.type)})` : '';
      const row: DocLine = {
        open: typeof m.child === 'number' ? m.child : 0,
        segments: [
          { text: '  ⤷ ' },
          { text: `subagent${type}: `, style: 'tool' },
          { text: str(m.title) },
          { text: `  ${count.toLocaleString('en')} messages · Enter opens`, style: 'dim' },
        ],
      };
      return m.first === true ? [plain(''), plain('Subagents', 'title'), row] : [row];
    }
    default:
      return [plain(`  • ${str(m.kind) || 'message'}`, 'dim')];
  }
}

function toggle(expanded: boolean, label: string, style: StyleName): DocLine {
  return { toggle: true, segments: [{ text: `  ${expanded ? '▾' : '▸'} ` }, { text: label, style }] };
}

function plain(text: string, style?: StyleName): DocLine {
  return { segments: [{ text, ...(style ? { style } : {}) }] };
}

function body(text: string, width: number, indent: string, style?: StyleName): DocLine[] {
  const trimmed = text.replace(/^\n+|\s+$/g, '');
  if (trimmed === '') return [];
  return wrap(trimmed, Math.max(10, width - indent.length)).map((line) => plain(indent + line, style));
}

function capped(lines: DocLine[]): DocLine[] {
  if (lines.length <= MAX_EXPANDED_LINES) return lines;
  const rest = lines.length - MAX_EXPANDED_LINES;
  return [
    ...lines.slice(0, MAX_EXPANDED_LINES),
    plain(`      … ${rest.toLocaleString('en')} more lines: \`o\` opens the whole transcript`, 'dim'),
  ];
}

/** A tool output as text (some sources record structured output). */
export function resultText(output: unknown): string {
  if (typeof output === 'string') return output;
  if (output === undefined || output === null) return '';
  return JSON.stringify(output, null, 2);
}

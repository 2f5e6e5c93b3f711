import type { JsonlLine, Message } from '@convx/core';
import type { Header, LineKind } from './types.js';

/**
 * Builds messages from one chat block's lines, streaming. Consecutive lines of one kind form one message;
 * blank lines split prompts and info runs but stay inside replies (paragraphs, code). Inside a fenced code
 * block of a reply every line is reply text, even one starting with `>` or `####`.
 */
export class ChatBuilder {
  readonly messages: Message[] = [];
  readonly models: string[] = [];
  private kind: 'user' | 'info' | 'text' | undefined;
  private lines: string[] = [];
  private fence: string | undefined;
  private model: string | undefined;
  private seenPrompt = false;
  private lastLine = 0;

  /** Adds a line (as read with its 1-based number; skipped blank lines are restored from the gap). */
  add({ line, text }: JsonlLine): void {
    for (let blank = this.lastLine + 1; blank < line && this.lastLine > 0; blank++) this.addText('');
    this.lastLine = line;
    this.addText(text);
  }

  private addText(raw: string): void {
    if (this.fence !== undefined) {
      this.lines.push(raw);
      if (raw.trimStart().startsWith(this.fence)) this.fence = undefined;
      return;
    }
    if (raw.trim() === '') {
      if (this.kind === 'text') this.lines.push('');
      else this.flush();
      return;
    }
    const { kind, text } = classify(raw);
    if (kind !== this.kind) this.flush();
    this.kind = kind;
    this.lines.push(text);
    if (kind === 'info') this.noteModel(text);
    const fence = kind === 'text' ? /^\s*(`{3,}|~{3,})/.exec(raw)?.[1] : undefined;
    if (fence) this.fence = fence;
  }

  private noteModel(text: string): void {
    const model = modelOf(text);
    if (!model) return;
    this.model = model;
    if (!this.models.includes(model)) this.models.push(model);
  }

  /** Ends the current message. Call once more after the last line. */
  flush(): void {
    const kind = this.kind;
    const text = trimBlankLines(this.lines).join('\n');
    this.kind = undefined;
    this.lines = [];
    this.fence = undefined;
    if (!kind || text.trim() === '') return;
    switch (kind) {
      case 'user':
        this.seenPrompt = true;
        this.messages.push({ kind: 'text', role: 'user', text });
        break;
      case 'info':
        // Before the first prompt it is Aider's startup banner (version, models, repo): context, not output.
        this.messages.push(
          this.seenPrompt
            ? { kind: 'tool-result', role: 'tool', name: 'aider', output: text }
            : { kind: 'context', role: 'system', label: 'aider startup', text },
        );
        break;
      case 'text':
        this.messages.push({
          kind: 'text',
          role: 'assistant',
          text,
          ...(this.model ? { model: this.model } : {}),
        });
        break;
    }
  }
}

function trimBlankLines(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]?.trim() === '') start++;
  while (end > start && lines[end - 1]?.trim() === '') end--;
  return lines.slice(start, end);
}

const HEADER = /^# aider chat started at (\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\s*$/;

/** Parses a `# aider chat started at 2025-06-01 10:00:00` line. */
export function parseHeader(line: string): Header | undefined {
  const m = HEADER.exec(line);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi, s);
  if (Number.isNaN(date.getTime())) return undefined;
  return { stamp: `${m[1]}${m[2]}${m[3]}-${m[4]}${m[5]}${m[6]}`, startedAt: date.toISOString() };
}

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

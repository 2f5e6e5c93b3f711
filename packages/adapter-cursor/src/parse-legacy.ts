import type { DiagnosticsCollector, Message } from '@convx/core';
import { withCodeBlocks } from './parse.js';
import { flattenRichText } from './parse-rich-text.js';
import type { RawLegacyBubble, RawTab } from './types.js';

/** The messages of a legacy chat tab: `user` bubbles are prompts, `ai` bubbles answers (`rawText`). */
export function legacyTabMessages(
  tab: RawTab,
  diagnostics: DiagnosticsCollector,
  path: string,
): { messages: Message[]; models: string[] } {
  const messages: Message[] = [];
  const models: string[] = [];
  for (const entry of Array.isArray(tab.bubbles) ? tab.bubbles : []) {
    if (typeof entry !== 'object' || entry === null) continue;
    const bubble = entry as RawLegacyBubble;
    const id = typeof bubble.id === 'string' ? { id: bubble.id } : {};
    if (bubble.type === 'user') {
      const text = firstText(bubble.text) || (bubble.richText ? flattenRichText(bubble.richText) : '');
      if (text) messages.push({ ...id, kind: 'text', role: 'user', text });
    } else if (bubble.type === 'ai') {
      const model = typeof bubble.modelType === 'string' && bubble.modelType ? bubble.modelType : undefined;
      if (model && !models.includes(model)) models.push(model);
      const text = withCodeBlocks(firstText(bubble.rawText) || firstText(bubble.text), bubble.codeBlocks);
      if (text) messages.push({ ...id, kind: 'text', role: 'assistant', text, ...(model ? { model } : {}) });
    } else {
      diagnostics.add(
        'unknown-bubble-type',
        `a legacy bubble of type ${JSON.stringify(bubble.type)} was skipped`,
        {
          path,
        },
      );
    }
  }
  return { messages, models };
}

function firstText(value: unknown): string {
  return typeof value === 'string' && value.trim() ? value : '';
}

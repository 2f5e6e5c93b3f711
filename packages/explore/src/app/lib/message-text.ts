import type { Message } from '@convx/core';

/** The text a person would copy from a message: its words, or a tool call's input and a result's output. */
export function searchableMessageText(message: Message): string {
  switch (message.kind) {
    case 'text':
    case 'thinking':
    case 'context':
      return message.text;
    case 'event':
      return message.text ?? message.event;
    case 'tool-call':
      return typeof message.input === 'string' ? message.input : JSON.stringify(message.input, null, 2);
    case 'tool-result':
      return message.output;
  }
}

/** A value from the API as a message, when it has a known kind. */
export function asMessage(value: unknown): Message | undefined {
  if (typeof value !== 'object' || value === null || !('kind' in value)) return undefined;
  const kind = (value as { kind: unknown }).kind;
  return ['text', 'thinking', 'tool-call', 'tool-result', 'context', 'event'].includes(String(kind))
    ? (value as Message)
    : undefined;
}

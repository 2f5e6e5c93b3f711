import type { Message, Session } from '@convx/core';
import { redactJsonValue } from './json.js';

type RedactString = (text: string) => string;

/** A new session with every piece of conversation content passed through `redact`; the shape is unchanged. */
export function redactSessionWith(session: Session, redact: RedactString): Session {
  const out: Session = { ...session, messages: session.messages.map((m) => redactMessageWith(m, redact)) };
  if (session.title !== undefined) out.title = redact(session.title);
  if (session.agent?.description !== undefined) {
    out.agent = { ...session.agent, description: redact(session.agent.description) };
  }
  if (session.meta !== undefined) out.meta = redactJsonValue(session.meta, redact) as Record<string, unknown>;
  if (session.children !== undefined)
    out.children = session.children.map((c) => redactSessionWith(c, redact));
  return out;
}

/** A new message with every piece of its content passed through `redact`. */
export function redactMessageWith(message: Message, redact: RedactString): Message {
  switch (message.kind) {
    case 'text':
      return { ...message, text: redact(message.text) };
    case 'thinking':
      return { ...message, text: redact(message.text) };
    case 'tool-call':
      return { ...message, input: redactJsonValue(message.input, redact) };
    case 'tool-result':
      return { ...message, output: redact(message.output) };
    case 'context':
      return { ...message, label: redact(message.label), text: redact(message.text) };
    case 'event':
      return message.text === undefined ? { ...message } : { ...message, text: redact(message.text) };
    default: {
      const unexpected: never = message;
      return unexpected;
    }
  }
}

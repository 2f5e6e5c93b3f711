import type { Attachment, Diagnostic, Message, Session } from '@convx/core';
import { redactJsonValue } from './json.js';
import type { NameRedaction } from './names.js';

type RedactString = (text: string) => string;

/** Everything a session's redaction needs: text, and names (ids, paths, path segments). */
export interface SessionRedaction extends NameRedaction {
  text: RedactString;
}

/**
 * A new session with every field that reaches an output redacted; the shape is unchanged. Conversation
 * content and free text (title, branch, models, labels, diagnostics, meta) as text; the session and agent
 * ids as ids (the key follows the id); the cwd and source paths segment by segment, so a folder named after
 * a token becomes `redacted-<rule>` (the remote host, a folder of the layout, likewise).
 */
export function redactSessionWith(session: Session, r: SessionRedaction): Session {
  const sessionId = r.id(session.sessionId);
  const out: Session = {
    ...session,
    key: `${session.source}:${sessionId}`,
    sessionId,
    models: session.models.map(r.text),
    sourceLocation: {
      ...session.sourceLocation,
      path: r.path(session.sourceLocation.path),
      ...(session.sourceLocation.extraPaths
        ? { extraPaths: session.sourceLocation.extraPaths.map(r.path) }
        : {}),
      ...(session.sourceLocation.locator !== undefined
        ? { locator: r.text(session.sourceLocation.locator) }
        : {}),
    },
    diagnostics: session.diagnostics.map((d) => redactDiagnostic(d, r)),
    messages: session.messages.map((m) => redactMessageWith(m, r)),
  };
  if (session.title !== undefined) out.title = r.text(session.title);
  if (session.cwd !== undefined) out.cwd = r.path(session.cwd);
  if (session.gitBranch !== undefined) out.gitBranch = r.text(session.gitBranch);
  if (session.agent !== undefined) {
    out.agent = { ...session.agent, id: r.id(session.agent.id) };
    if (session.agent.type !== undefined) out.agent.type = r.text(session.agent.type);
    if (session.agent.description !== undefined) out.agent.description = r.text(session.agent.description);
  }
  if (session.meta !== undefined) {
    const meta = redactJsonValue(session.meta, r.text) as Record<string, unknown>;
    // The remote host names a folder of the layout (`_remote/<host>/…`).
    if (typeof session.meta.remote === 'string') meta.remote = r.segment(session.meta.remote);
    out.meta = meta;
  }
  if (session.children !== undefined) out.children = session.children.map((c) => redactSessionWith(c, r));
  return out;
}

function redactDiagnostic(d: Diagnostic, r: SessionRedaction): Diagnostic {
  const out: Diagnostic = { ...d, code: r.text(d.code), message: r.text(d.message) };
  if (d.path !== undefined) out.path = r.path(d.path);
  return out;
}

function redactAttachment(a: Attachment, r: SessionRedaction): Attachment {
  const out: Attachment = { ...a, type: r.text(a.type) };
  if (a.name !== undefined) out.name = r.text(a.name);
  if (a.path !== undefined) out.path = r.path(a.path);
  if (a.omitted !== undefined) out.omitted = r.text(a.omitted);
  return out;
}

/**
 * `message` with `fields` (its content, redacted) and its id and model redacted: copied once when any of
 * them changed, else the message itself — nothing matched in most messages, and two copies of each were
 * ~0.4 s of a cold `claude-heavy` backup's CPU. The copy keeps the message's key order (the twin's JSON).
 */
function redacted<M extends Message>(message: M, r: SessionRedaction, fields: Partial<M>): M {
  const own = fields as Partial<Message>;
  if (message.id !== undefined) own.id = r.text(message.id);
  if (message.model !== undefined) own.model = r.text(message.model);
  for (const key of Object.keys(own) as Array<keyof Message>)
    if (own[key] !== message[key]) return { ...message, ...own };
  return message;
}

/** The message with its content and every field of it that reaches an output redacted (itself when none changed). */
export function redactMessageWith(message: Message, r: SessionRedaction): Message {
  switch (message.kind) {
    case 'text': {
      const fields: Partial<typeof message> = { text: r.text(message.text) };
      if (message.attachments !== undefined)
        fields.attachments = message.attachments.map((a) => redactAttachment(a, r));
      return redacted(message, r, fields);
    }
    case 'thinking':
      return redacted(message, r, { text: r.text(message.text) });
    case 'tool-call': {
      const fields: Partial<typeof message> = {
        name: r.text(message.name),
        input: redactJsonValue(message.input, r.text),
      };
      if (message.callId !== undefined) fields.callId = r.text(message.callId);
      return redacted(message, r, fields);
    }
    case 'tool-result': {
      const fields: Partial<typeof message> = { output: r.text(message.output) };
      if (message.callId !== undefined) fields.callId = r.text(message.callId);
      if (message.name !== undefined) fields.name = r.text(message.name);
      if (message.attachments !== undefined)
        fields.attachments = message.attachments.map((a) => redactAttachment(a, r));
      return redacted(message, r, fields);
    }
    case 'context':
      return redacted(message, r, { label: r.text(message.label), text: r.text(message.text) });
    case 'event':
      return redacted(message, r, message.text === undefined ? {} : { text: r.text(message.text) });
    default: {
      const unexpected: never = message;
      return unexpected;
    }
  }
}

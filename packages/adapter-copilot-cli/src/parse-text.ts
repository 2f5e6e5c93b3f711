import { type AdapterContext, type Attachment, arr, asRecord, type JsonRecord, str } from '@convx/core';

/**
 * Blocks Copilot CLI appended to what the person typed before it kept the typed text apart
 * (`transformedContent`, ~2026): the clock in the 2025-12 event log, reminders in the history files.
 */
const INJECTED_TAIL =
  /\s*<(current_datetime|reminder|system_reminder)>[\s\S]*?<\/\1>\s*$|\s*<current_datetime>[^<]*$/;

/**
 * What the person typed, from a message's `content`: the text as it is, less the blocks Copilot appended
 * to it at the end (`<current_datetime>`, `<reminder>`, `<system_reminder>`, repeated). What was sent to the
 * model (`transformedContent`) is never used.
 */
export function typedText(content: string): string {
  let text = content;
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(INJECTED_TAIL, '');
  }
  return text.trimEnd();
}

/**
 * Where a `user.message` came from, when not from the person: a skill, a schedule, a command, a background
 * task's notification. Such messages are context, not prompts. Unknown or missing sources count as typed.
 */
const NOT_TYPED = /^(system|schedule|skill|command|notification|background|hook|autopilot)/i;

export function isTypedSource(source: unknown): boolean {
  const value = str(source);
  return !value || !NOT_TYPED.test(value);
}

/** Decodes a base64 payload; undefined when it is not base64 at all. */
export function decodeBase64(data: string): Uint8Array | undefined {
  const clean = data.replace(/^data:[^,]*,/, '').replace(/\s+/g, '');
  if (!clean || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(clean)) return undefined;
  return Buffer.from(clean, 'base64');
}

/**
 * A `user.message` attachment as a reference: files, folders and selections by path, GitHub references by
 * URL, an inline blob (a pasted image) saved through `ctx.attachment`, never kept as bytes.
 */
export function userAttachment(ctx: AdapterContext, value: unknown): Attachment | undefined {
  const record = asRecord(value);
  if (!record) return undefined;
  const kind = str(record.type) ?? 'file';
  const name = str(record.displayName) ?? str(record.name) ?? str(record.title);
  const data = str(record.data) ?? str(record.blob);
  if (data) {
    const bytes = decodeBase64(data);
    const type = str(record.mimeType) ?? str(record.mediaType) ?? kind;
    if (bytes) return ctx.attachment(bytes, name ? { type, name } : { type });
  }
  const path = str(record.path) ?? str(record.filePath) ?? str(record.url) ?? str(record.uri);
  if (!path && !name) return undefined;
  const attachment: Attachment = { type: kind };
  if (name) attachment.name = name;
  if (path) attachment.path = path;
  return attachment;
}

export function userAttachments(ctx: AdapterContext, data: JsonRecord): Attachment[] {
  return arr(data.attachments).flatMap((value) => userAttachment(ctx, value) ?? []);
}

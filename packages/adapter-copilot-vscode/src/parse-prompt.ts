import { type AdapterContext, type Attachment, arr, asRecord, str } from '@convx/core';
import { pathOfUri, shortName } from './parse-values.js';

// Attachment kinds that name no file: tools and tool sets picked with `#`, and the like.
const NOT_FILES = new Set(['tool', 'toolset', 'command']);

/**
 * What the person typed: `message.text` (the parsed parts joined, in older chats). The prompt actually sent,
 * wrapped in `<context>`, `<attachments>` and `<userRequest>`, is in `result.metadata.renderedUserMessage`
 * and is never shown as the prompt.
 */
export function promptText(message: unknown): string {
  if (typeof message === 'string') return message;
  const record = asRecord(message);
  const text = str(record?.text);
  if (text !== undefined) return text;
  return arr(record?.parts)
    .map((part) => str(asRecord(part)?.text) ?? '')
    .join('');
}

/**
 * The files, folders and images the person attached (`variableData.variables`): files as references (their
 * path, never their content), pasted images handed to `ctx.attachment`. Instructions VS Code added by
 * itself (`automaticallyAdded`) and picked tools are left out.
 */
export function promptAttachments(ctx: AdapterContext, variableData: unknown): Attachment[] {
  const out: Attachment[] = [];
  for (const raw of arr(asRecord(variableData)?.variables)) {
    const variable = asRecord(raw);
    if (!variable || variable.automaticallyAdded === true) continue;
    const kind = str(variable.kind);
    if (kind && NOT_FILES.has(kind)) continue;
    const name = str(variable.name);
    if (variable.isImage === true || kind === 'image') {
      const bytes = bytesOf(variable.value);
      if (bytes) {
        const type = str(variable.mimeType) ?? 'image/png';
        out.push(ctx.attachment(bytes, name ? { type, name } : { type }));
      }
      continue;
    }
    const path = pathOfUri(variable.value);
    if (!path) continue;
    const type = kind === 'directory' || variable.isDirectory === true ? 'directory' : 'file';
    out.push({ type, name: name?.replace(/^(file|folder):/, '') || shortName(path), path });
  }
  return out;
}

/** The files a reply used (`contentReferences`), de-duplicated, as references. */
export function references(contentReferences: unknown): Attachment[] {
  const seen = new Set<string>();
  const out: Attachment[] = [];
  for (const raw of arr(contentReferences)) {
    const reference = asRecord(asRecord(raw)?.reference) ?? asRecord(raw);
    const path = pathOfUri(reference?.variableName === undefined ? reference : reference.value);
    if (!path || seen.has(path)) continue;
    seen.add(path);
    out.push({ type: 'reference', name: shortName(path), path });
  }
  return out;
}

/** Image bytes as VS Code serializes a `Uint8Array`: `{"0":137,"1":80,…}`, a number list, or base64 text. */
function bytesOf(value: unknown): Uint8Array | undefined {
  if (typeof value === 'string') return value ? Buffer.from(value, 'base64') : undefined;
  if (Array.isArray(value))
    return value.every((n) => typeof n === 'number') ? Uint8Array.from(value) : undefined;
  const record = asRecord(value);
  if (!record) return undefined;
  const values = Object.values(record);
  const numbers = values.filter((n): n is number => typeof n === 'number');
  return numbers.length && numbers.length === values.length ? Uint8Array.from(numbers) : undefined;
}

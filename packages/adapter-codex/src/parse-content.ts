import type { AdapterContext, Attachment } from '@convx/core';
import { arr, asRecord, str } from '@convx/core';

/** The readable parts of a message's `content`: texts in order, and images as references. */
export interface ContentParts {
  texts: string[];
  attachments: Attachment[];
}

const TEXT_PARTS = new Set([
  'input_text',
  'output_text',
  'text',
  'reasoning_text',
  'summary_text',
  'refusal',
]);

/** Reads `content` as a string or a list of typed parts. Unknown part types are ignored. */
export function readContent(content: unknown, keep: KeepPayload): ContentParts {
  const out: ContentParts = { texts: [], attachments: [] };
  if (typeof content === 'string') {
    if (content) out.texts.push(content);
    return out;
  }
  for (const raw of arr(content)) {
    if (typeof raw === 'string') {
      if (raw) out.texts.push(raw);
      continue;
    }
    const part = asRecord(raw);
    const type = str(part?.type);
    if (!part || !type) continue;
    if (TEXT_PARTS.has(type)) {
      const text = str(part.text) ?? str(part.refusal);
      if (text) out.texts.push(text);
    } else if (type === 'input_image' || type === 'image_url') {
      const url = str(part.image_url) ?? str(asRecord(part.image_url)?.url);
      if (url) out.attachments.push(imageAttachment(url, keep));
    }
  }
  return out;
}

const DATA_URL = /^data:([^;,]+)?(;base64)?,/;

/** Saves an inline payload and returns its reference: the adapter context's `attachment`. */
export type KeepPayload = AdapterContext['attachment'];

/**
 * An image as a reference: a data URL's bytes go through `keep` (saved beside the transcript, never kept in
 * the session); any other URL or path is kept as where it lives.
 */
export function imageAttachment(url: string, keep: KeepPayload): Attachment {
  const match = DATA_URL.exec(url);
  if (!match) return { type: 'image', path: url };
  const payload = url.slice(match[0].length);
  const bytes = match[2] ? Buffer.from(payload, 'base64') : Buffer.from(decodeURIComponent(payload));
  return keep(bytes, { type: match[1] ?? 'image' });
}

/** Parses a JSON string leniently: the parsed value, or the string itself when it is not JSON. */
export function parseArguments(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? {};
  const trimmed = value.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return value;
  try {
    return JSON.parse(trimmed);
  } catch {
    return value;
  }
}

import type { AttachmentInfo } from '../contract/context.js';
import type { Attachment } from './types.js';

/** File extensions for the media types sessions carry; anything else keeps the name's extension, or `bin`. */
const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
  'image/bmp': 'bmp',
  'image/tiff': 'tiff',
  'image/heic': 'heic',
  'image/avif': 'avif',
  'application/pdf': 'pdf',
  'application/json': 'json',
  'application/xml': 'xml',
  'application/zip': 'zip',
  'application/x-yaml': 'yaml',
  'application/yaml': 'yaml',
  'text/plain': 'txt',
  'text/markdown': 'md',
  'text/csv': 'csv',
  'text/html': 'html',
  'text/xml': 'xml',
  'text/x-python': 'py',
  'text/javascript': 'js',
  'text/css': 'css',
};

const SAFE_EXTENSION = /^[a-z0-9]{1,8}$/;

/** The media type alone, lower-case, without parameters (`Image/PNG; q=1` → `image/png`). */
function baseType(type: string): string {
  return type.split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The extension a saved payload gets: from its media type, else from its name, else `bin`. */
export function extensionFor(info: AttachmentInfo): string {
  const known = EXTENSIONS[baseType(info.type)];
  if (known) return known;
  const dot = info.name?.lastIndexOf('.') ?? -1;
  const fromName = dot > 0 ? info.name?.slice(dot + 1).toLowerCase() : undefined;
  if (fromName && SAFE_EXTENSION.test(fromName)) return fromName;
  const subtype = baseType(info.type).split('/')[1]?.replace(/^x-/, '');
  return subtype && SAFE_EXTENSION.test(subtype) ? subtype : 'bin';
}

/** Whether a payload is text a person could have pasted a secret into (so it is redacted before saving). */
export function isTextType(type: string): boolean {
  const t = baseType(type);
  return (
    t.startsWith('text/') ||
    /^application\/(json|xml|yaml|x-yaml|toml|javascript|x-sh|x-ndjson|sql)$/.test(t) ||
    /\+(json|xml)$/.test(t)
  );
}

/** Whether a reference is an image a Markdown viewer can show inline. */
export function isImageType(type: string): boolean {
  return baseType(type).startsWith('image/');
}

/** The saved copy's path (relative to the session folder) when it has the shape convx writes. */
const SAVED_FILE = /^attachments\/[0-9a-f]{16}\.[a-z0-9]{1,8}$/;

/** `attachment.file` when it is one convx saved (`attachments/<hash>.<ext>`), else undefined. */
export function savedFileOf(attachment: Attachment): string | undefined {
  return attachment.file !== undefined && SAVED_FILE.test(attachment.file) ? attachment.file : undefined;
}

/** The folder of a session's saved attachments, relative to the session folder. */
export const ATTACHMENTS_DIR = 'attachments';

/** Default cap on one saved attachment: 10 MiB. Bigger payloads keep their reference and a note. */
export const DEFAULT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** A byte count for people, deterministic: `512 B`, `2 KiB`, `10 MiB`, `1.5 GiB`. */
export function formatSize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const text = unit === 0 || Number.isInteger(value) ? String(value) : value.toFixed(1);
  return `${text} ${units[unit]}`;
}

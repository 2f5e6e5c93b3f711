import type { AttachmentInfo } from '../contract/context.js';
import type { Attachment } from '../model/types.js';
import { sha256 } from './hash.js';

/** The reference of a payload without saving it: type, name, decoded size and SHA-256 of the bytes. */
export function attachmentReference(bytes: Uint8Array, info: AttachmentInfo): Attachment {
  return {
    type: info.type,
    ...(info.name ? { name: info.name } : {}),
    size: bytes.length,
    sha256: sha256(bytes),
  };
}

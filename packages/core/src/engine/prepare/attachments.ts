import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { AdapterContext, AttachmentInfo } from '../../contract/context.js';
import { attachmentReference } from '../../io/attachment-reference.js';
import { sha256 } from '../../io/hash.js';
import { ATTACHMENTS_DIR, extensionFor, formatSize, isTextType } from '../../model/media.js';
import type { Attachment } from '../../model/types.js';

export interface AttachmentStoreOptions {
  /** Where the payloads wait (the run's temp folder) until the session is committed. */
  tmpDir: string;
  /** Largest payload saved, in bytes; 0 saves none. */
  maxBytes: number;
  /** A dry run: names are worked out, nothing is written. */
  dryRun: boolean;
  /** Applied to text payloads before they are saved (the run's redaction). */
  redactText?: ((text: string) => string) | undefined;
}

/** A saved payload: its name in the session's attachment folder and, unless unchanged or a dry run, its temp file. */
export interface SavedAttachment {
  /** `attachments/<hash>.<ext>`, relative to the session folder. */
  rel: string;
  temp?: string;
}

let tempCounter = 0;

/**
 * One session's inline payloads (images, documents), saved as the adapter meets them — each to a temp file
 * at once, so a session's attachments never accumulate in memory — under content-addressed names: the
 * first 16 hex digits of the SHA-256 of the saved bytes, and an extension from the media type. The same
 * payload twice is saved once. A payload over the size limit keeps its reference with a note instead.
 */
export class AttachmentStore {
  readonly #saved = new Map<string, SavedAttachment>();
  readonly #options: AttachmentStoreOptions;

  constructor(options: AttachmentStoreOptions) {
    this.#options = options;
  }

  /** The adapter context's `attachment`: the reference, with the saved copy's path. */
  keep(bytes: Uint8Array, info: AttachmentInfo): Attachment {
    const reference = attachmentReference(bytes, info);
    const { maxBytes, redactText, dryRun, tmpDir } = this.#options;
    if (maxBytes <= 0) return reference;
    if (bytes.length > maxBytes) {
      return { ...reference, omitted: `larger than the ${formatSize(maxBytes)} attachment limit` };
    }
    let content = bytes;
    if (redactText && isTextType(info.type)) {
      const text = Buffer.from(bytes).toString('utf8');
      const redacted = redactText(text);
      if (redacted !== text) content = Buffer.from(redacted, 'utf8');
    }
    const rel = `${ATTACHMENTS_DIR}/${sha256(content).slice(0, 16)}.${extensionFor(info)}`;
    if (!this.#saved.has(rel)) {
      const saved: SavedAttachment = { rel };
      if (!dryRun) {
        const temp = join(tmpDir, `${process.pid}-${threadId}-attachment-${++tempCounter}.tmp`);
        // Exclusive: a link planted at the temp file's name fails the write instead of leading it elsewhere.
        writeFileSync(temp, content, { flag: 'wx' });
        saved.temp = temp;
      }
      this.#saved.set(rel, saved);
    }
    return { ...reference, file: rel };
  }

  /** The saved payloads, in the order first met; the caller now owns their temp files. */
  take(): SavedAttachment[] {
    const all = [...this.#saved.values()];
    this.#saved.clear();
    return all;
  }

  /** Removes the temp files nobody took (the session failed, was skipped or withdrawn). */
  dispose(): void {
    for (const saved of this.#saved.values()) if (saved.temp) rmSync(saved.temp, { force: true });
    this.#saved.clear();
  }
}

/** A view of a context whose `attachment` saves into `store`. */
export function attachmentContext(ctx: AdapterContext, store: AttachmentStore): AdapterContext {
  return { ...ctx, attachment: (bytes, info) => store.keep(bytes, info) };
}

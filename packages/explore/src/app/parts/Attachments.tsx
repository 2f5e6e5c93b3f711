import type { Attachment } from '@convx/core';
import { isShownImage, useAttachmentUrl } from '../lib/attachment-files.js';
import { bytes } from '../lib/format.js';

/**
 * Attachments: a card with the facts (type, name, size, checksum, the path the source recorded) and, when
 * convx saved the payload beside the transcript, the image itself or a link to download the file. A payload
 * that was not saved says why (`omitted`).
 */
export function Attachments({ items }: { items: readonly Attachment[] | undefined }) {
  const urlOf = useAttachmentUrl();
  if (!items?.length) return null;
  return (
    <ul class="attachments">
      {items.map((item, i) => {
        const url = item.file ? urlOf(item.file) : undefined;
        const image = item.type.startsWith('image/');
        const name = item.name ?? item.path?.split(/[\\/]/).pop() ?? item.file?.split('/').pop() ?? item.type;
        return (
          <li key={i} class={image ? 'attachment image' : 'attachment'}>
            <span class="attachment-icon" aria-hidden="true">
              {image ? '🖼' : '📎'}
            </span>
            {url ? (
              <a class="attachment-name" href={url} target="_blank" rel="noopener noreferrer">
                {name}
              </a>
            ) : (
              <span class="attachment-name">{name}</span>
            )}
            <span class="muted">
              {[item.type, bytes(item.size), item.sha256 ? `sha256 ${item.sha256.slice(0, 12)}…` : '']
                .filter(Boolean)
                .join(' · ')}
            </span>
            {item.path ? <span class="attachment-path muted">{item.path}</span> : null}
            {item.omitted ? <span class="attachment-path muted">not saved: {item.omitted}</span> : null}
            {url && item.file && isShownImage(item.file) ? (
              <img class="attachment-preview" src={url} alt={name} loading="lazy" />
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

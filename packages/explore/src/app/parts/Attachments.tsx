import type { Attachment } from '@convx/core';
import { bytes } from '../lib/format.js';

/**
 * Attachments as recorded: convx keeps references (type, name, size, checksum, path), never the bytes, so an
 * image shows as a labelled card with its facts rather than its pixels.
 */
export function Attachments({ items }: { items: readonly Attachment[] | undefined }) {
  if (!items?.length) return null;
  return (
    <ul class="attachments">
      {items.map((item, i) => (
        <li key={i} class={item.type.startsWith('image/') ? 'attachment image' : 'attachment'}>
          <span class="attachment-icon" aria-hidden="true">
            {item.type.startsWith('image/') ? '🖼' : '📎'}
          </span>
          <span class="attachment-name">{item.name ?? item.path?.split(/[\\/]/).pop() ?? item.type}</span>
          <span class="muted">
            {[item.type, bytes(item.size), item.sha256 ? `sha256 ${item.sha256.slice(0, 12)}…` : '']
              .filter(Boolean)
              .join(' · ')}
          </span>
          {item.path ? <span class="attachment-path muted">{item.path}</span> : null}
        </li>
      ))}
    </ul>
  );
}

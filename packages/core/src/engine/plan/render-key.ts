import { sha256 } from '../../io/hash.js';
import { DEFAULT_ATTACHMENT_MAX_BYTES } from '../../model/media.js';
import { SCHEMA_VERSION } from '../../model/schema.js';
import type { SyncOptions } from '../types.js';

/** Everything besides the source that decides the output bytes and paths; a change re-renders. */
export function renderKeyOf(
  options: Pick<
    SyncOptions,
    | 'renderer'
    | 'renderOptions'
    | 'transform'
    | 'withdraw'
    | 'layoutId'
    | 'filterId'
    | 'labels'
    | 'attachmentMaxBytes'
  >,
  historySubpath: string,
): string {
  return sha256(
    JSON.stringify({
      schema: SCHEMA_VERSION,
      renderer: [options.renderer.name, options.renderer.version],
      options: options.renderOptions ?? {},
      transform: options.transform?.id ?? null,
      withdraw: options.withdraw?.id ?? null,
      layout: options.layoutId ?? null,
      filter: options.filterId ?? null,
      labels: options.labels ?? {},
      attachments: options.attachmentMaxBytes ?? DEFAULT_ATTACHMENT_MAX_BYTES,
      historySubpath,
    }),
  ).slice(0, 16);
}

import { sessionKey } from '../../model/session.js';
import type { SessionTransform } from '../types.js';

/** The session id as the output knows it: the transform's (redaction) view of the source's id. */
export function outputSessionId(transform: SessionTransform | undefined, id: string): string {
  return transform?.applyId?.(id) ?? id;
}

/** The session's key in the index, the twin and every report: `<source>:<output session id>`. */
export function outputKey(transform: SessionTransform | undefined, source: string, id: string): string {
  return sessionKey(source, outputSessionId(transform, id));
}

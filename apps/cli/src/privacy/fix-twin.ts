import { readFile } from 'node:fs/promises';
import { type Session, type TwinExport, twinChunks } from '@convx/core';
import type { Redactor } from '@convx/redact';
import { replaceFileAtomically } from '@convx/redact';

type TwinDocument = Session & { convx: TwinExport };

function isTwin(value: unknown): value is TwinDocument {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.schemaVersion === 1 &&
    typeof v.key === 'string' &&
    typeof v.sessionId === 'string' &&
    Array.isArray(v.messages) &&
    typeof v.convx === 'object' &&
    v.convx !== null
  );
}

/**
 * Redacts a JSON twin the way a run writes one: the whole session through the redactor (so its key and
 * ids become exactly what a later run computes, and that run finds the session again), the export record's
 * labels as names, in the twin's own layout. Returns false when the file is not a twin (then it is fixed
 * as plain JSON) and true once it is handled (rewritten atomically when anything changed).
 */
export async function fixTwin(path: string, redactor: Redactor): Promise<boolean> {
  const text = await readFile(path, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return false;
  }
  if (!isTwin(parsed)) return false;
  const { convx, ...session } = parsed;
  const redacted = redactor.redactSession(session);
  const record: TwinExport = { ...convx };
  if (convx.user !== undefined) record.user = redactor.names.segment(convx.user);
  if (convx.systemName !== undefined) record.systemName = redactor.names.segment(convx.systemName);
  const next = [...twinChunks(redacted, record)].join('');
  if (next !== text) await replaceFileAtomically(path, next);
  return true;
}

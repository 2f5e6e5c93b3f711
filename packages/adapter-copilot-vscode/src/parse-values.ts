import { basename } from 'node:path';
import { asRecord, fileUriToPath, str } from '@convx/core';

/** Text VS Code stores either plain or as a markdown string object (`{value, isTrusted, …}`). */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const record = asRecord(value);
  return record ? str(record.value) : undefined;
}

/**
 * The path of a serialized URI (`{$mid, scheme, path, fsPath, external}`), a URI string, or a location
 * (`{uri, range}`): the local path for `file:` and remote URIs, else the URI itself.
 */
export function pathOfUri(value: unknown): string | undefined {
  if (typeof value === 'string') return fileUriToPath(value)?.path ?? value;
  const record = asRecord(value);
  if (!record) return undefined;
  if (record.uri !== undefined) return pathOfUri(record.uri);
  if (record.location !== undefined) return pathOfUri(record.location);
  const fsPath = str(record.fsPath);
  if (fsPath) return fsPath;
  const scheme = str(record.scheme);
  const path = str(record.path);
  if (path && (scheme === 'file' || scheme === 'vscode-remote' || scheme === undefined)) {
    return fileUriToPath(`file://${path}`)?.path ?? path;
  }
  return str(record.external) ?? (scheme && path ? `${scheme}:${path}` : path);
}

/** The last segment of a path, for a short name. */
export function shortName(path: string): string {
  return basename(path.replace(/\\/g, '/')) || path;
}

/** Parses a JSON string the way tools pass their input; the string itself when it is not JSON. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Epoch ms as a number, when it is one. */
export function epochMs(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

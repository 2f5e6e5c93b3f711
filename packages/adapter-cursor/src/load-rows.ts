import type { DatabaseSync } from 'node:sqlite';
import { COMPOSER_DATA_KEY, COMPOSER_ROW_PREFIX, LEGACY_CHAT_KEY } from './discover-scan.js';
import { asText, prefixEnd } from './sqlite.js';
import type { RawComposer, RawTab } from './types.js';

/** One legacy chat tab, picked out of the workspace's chat data by SQLite (the rest is never parsed). */
export function readLegacyTab(db: DatabaseSync, tabId: string): RawTab | undefined {
  return pickFromArray(db, LEGACY_CHAT_KEY, '$.tabs', '$.tabId', tabId) as RawTab | undefined;
}

/** One composer with its inline conversation, out of a workspace's `composer.composerData`. */
export function readWorkspaceComposer(db: DatabaseSync, composerId: string): RawComposer | undefined {
  return pickFromArray(db, COMPOSER_DATA_KEY, '$.allComposers', '$.composerId', composerId) as
    | RawComposer
    | undefined;
}

function pickFromArray(db: DatabaseSync, key: string, array: string, idPath: string, id: string): unknown {
  const row = db
    .prepare(
      `SELECT e.value AS v FROM ItemTable AS i, json_each(CAST(i.value AS TEXT), ?) AS e
       WHERE i.key = ? AND json_valid(CAST(i.value AS TEXT)) AND e.type = 'object' AND json_extract(e.value, ?) = ?
       LIMIT 1`,
    )
    .get(array, key, idPath, id);
  const text = asText(row?.v);
  return text === undefined ? undefined : JSON.parse(text);
}

/** The global `composerData:<id>` row, as text (parsed by the caller, which counts a failure). */
export function readGlobalComposer(db: DatabaseSync, composerId: string): string | undefined {
  const row = db
    .prepare('SELECT CAST(value AS TEXT) AS v FROM cursorDiskKV WHERE key = ?')
    .get(`${COMPOSER_ROW_PREFIX}${composerId}`);
  return asText(row?.v);
}

/**
 * Every `bubbleId:<composerId>:<bubbleId>` row of one composer in ONE query: a range scan on the key index
 * (`>= 'bubbleId:<id>:' AND < 'bubbleId:<id>;'`), far faster than LIKE or one query per bubble.
 */
export function readBubbleRows(db: DatabaseSync, composerId: string): Map<string, string> {
  const prefix = `bubbleId:${composerId}:`;
  const rows = db
    .prepare(
      'SELECT substr(key, ?) AS id, CAST(value AS TEXT) AS v FROM cursorDiskKV WHERE key >= ? AND key < ?',
    )
    .all(prefix.length + 1, prefix, prefixEnd(prefix));
  const out = new Map<string, string>();
  for (const row of rows) {
    const text = asText(row.v);
    if (typeof row.id === 'string' && text !== undefined) out.set(row.id, text);
  }
  return out;
}

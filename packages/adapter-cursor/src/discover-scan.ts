import type { DatabaseSync } from 'node:sqlite';
import { tableNames, withDatabase } from './sqlite.js';
import type { ComposerSummary, DatabaseScan, TabSummary } from './types.js';

export const COMPOSER_DATA_KEY = 'composer.composerData';
export const LEGACY_CHAT_KEY = 'workbench.panel.aichat.view.aichat.chatdata';
export const COMPOSER_ROW_PREFIX = 'composerData:';

/**
 * Reads what discovery needs from one database, in a handful of queries whatever its size: the composer ids
 * a workspace lists, inline composers, legacy chat tabs and the global `composerData:` rows. Only the
 * fields needed are selected with `json_extract`, so no composer JSON is parsed in JavaScript.
 */
export function scanDatabase(path: string): DatabaseScan {
  return withDatabase(path, (db) => {
    const scan: DatabaseScan = {
      listed: [],
      workspaceComposers: [],
      globalComposers: [],
      tabs: [],
      invalid: [],
      deleted: [],
    };
    const tables = tableNames(db);
    if (tables.has('ItemTable')) scanItemTable(db, scan);
    if (tables.has('cursorDiskKV')) scanComposerRows(db, scan);
    return scan;
  });
}

function scanItemTable(db: DatabaseSync, scan: DatabaseScan): void {
  // Check validity first: json_each over malformed JSON would fail the whole query.
  const present = db
    .prepare('SELECT key, json_valid(CAST(value AS TEXT)) AS ok FROM ItemTable WHERE key IN (?, ?)')
    .all(COMPOSER_DATA_KEY, LEGACY_CHAT_KEY);
  for (const row of present) {
    const key = String(row.key);
    if (!row.ok) scan.invalid.push(key);
    else if (key === COMPOSER_DATA_KEY) scanWorkspaceComposers(db, scan);
    else scanLegacyTabs(db, scan);
  }
}

function scanWorkspaceComposers(db: DatabaseSync, scan: DatabaseScan): void {
  const rows = db
    .prepare(
      `SELECT json_extract(c.value, '$.composerId') AS id, json_extract(c.value, '$.name') AS name,
         json_extract(c.value, '$.createdAt') AS createdAt, json_extract(c.value, '$.lastUpdatedAt') AS lastUpdatedAt,
         json_extract(c.value, '$._v') AS version, json_array_length(c.value, '$.conversation') AS inline
       FROM ItemTable AS i, json_each(CAST(i.value AS TEXT), '$.allComposers') AS c
       WHERE i.key = ? AND c.type = 'object'`,
    )
    .all(COMPOSER_DATA_KEY);
  for (const row of rows) {
    if (typeof row.id !== 'string' || !row.id) continue;
    scan.listed.push(row.id);
    const count = toCount(row.inline);
    if (count > 0) scan.workspaceComposers.push(summary(row.id, row, count, false));
  }
}

function scanLegacyTabs(db: DatabaseSync, scan: DatabaseScan): void {
  const rows = db
    .prepare(
      `SELECT json_extract(t.value, '$.tabId') AS id, json_extract(t.value, '$.chatTitle') AS title,
         json_extract(t.value, '$.lastSendTime') AS lastSendTime, json_array_length(t.value, '$.bubbles') AS count
       FROM ItemTable AS i, json_each(CAST(i.value AS TEXT), '$.tabs') AS t
       WHERE i.key = ? AND t.type = 'object'`,
    )
    .all(LEGACY_CHAT_KEY);
  for (const row of rows) {
    const count = toCount(row.count);
    if (typeof row.id !== 'string' || !row.id || count === 0) continue;
    const tab: TabSummary = { id: row.id, count };
    if (typeof row.title === 'string' && row.title.trim()) tab.title = row.title;
    if (isTime(row.lastSendTime)) tab.lastSendTime = row.lastSendTime;
    scan.tabs.push(tab);
  }
}

function scanComposerRows(db: DatabaseSync, scan: DatabaseScan): void {
  // A range scan on the key index, not LIKE: fast even with thousands of rows.
  const rows = db
    .prepare(
      `SELECT substr(key, ${COMPOSER_ROW_PREFIX.length + 1}) AS id, ok, v IS NULL AS deleted,
         CASE WHEN ok THEN json_extract(v, '$.name') END AS name,
         CASE WHEN ok THEN json_extract(v, '$.createdAt') END AS createdAt,
         CASE WHEN ok THEN json_extract(v, '$.lastUpdatedAt') END AS lastUpdatedAt,
         CASE WHEN ok THEN json_extract(v, '$._v') END AS version,
         CASE WHEN ok THEN json_array_length(v, '$.fullConversationHeadersOnly') END AS headers,
         CASE WHEN ok THEN json_array_length(v, '$.conversation') END AS inline
       FROM (SELECT key, CAST(value AS TEXT) AS v, json_valid(CAST(value AS TEXT)) AS ok
             FROM cursorDiskKV WHERE key >= 'composerData:' AND key < 'composerData;')`,
    )
    .all();
  for (const row of rows) {
    if (typeof row.id !== 'string' || !row.id) continue;
    if (row.deleted) {
      scan.deleted.push(row.id);
      continue;
    }
    if (!row.ok) {
      scan.invalid.push(`${COMPOSER_ROW_PREFIX}${row.id}`);
      continue;
    }
    const headers = toCount(row.headers);
    const count = headers > 0 ? headers : toCount(row.inline);
    // Cursor keeps a row for every composer ever opened; empty ones are not conversations.
    if (count > 0) scan.globalComposers.push(summary(row.id, row, count, headers > 0));
  }
}

function summary(id: string, row: Record<string, unknown>, count: number, bubbles: boolean): ComposerSummary {
  const out: ComposerSummary = { id, count, bubbles };
  if (typeof row.name === 'string' && row.name.trim()) out.name = row.name;
  if (isTime(row.createdAt)) out.createdAt = row.createdAt;
  if (isTime(row.lastUpdatedAt)) out.lastUpdatedAt = row.lastUpdatedAt;
  if (typeof row.version === 'number') out.version = row.version;
  return out;
}

function toCount(value: unknown): number {
  return typeof value === 'number' && value > 0 ? value : 0;
}

function isTime(value: unknown): value is number | string {
  return typeof value === 'number' || (typeof value === 'string' && value !== '');
}

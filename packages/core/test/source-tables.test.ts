import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { openSourceTables } from '../src/io/source-tables.js';

const dir = mkdtempSync(join(tmpdir(), 'convx-tables-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function database(name: string, sql: string): string {
  const path = join(dir, name);
  const db = new DatabaseSync(path);
  db.exec(sql);
  db.close();
  return path;
}

const REQUIRED = { session: ['id'], message: ['id', 'session_id'] };

describe('openSourceTables', () => {
  it('returns the columns each table has, the optional ones included', () => {
    const path = database(
      'ok.db',
      'CREATE TABLE session (id TEXT, time_updated INTEGER); CREATE TABLE message (id TEXT, session_id TEXT);',
    );
    const tables = openSourceTables(path, REQUIRED, 'an app database');
    expect([...tables.columns.session]).toEqual(['id', 'time_updated']);
    expect([...tables.columns.message]).toEqual(['id', 'session_id']);
    expect(tables.source.read((db) => db.prepare('SELECT count(*) AS n FROM session').get())).toEqual({
      n: 0,
    });
    tables.close();
  });

  it('names a missing table or column in one sentence, and creates nothing beside the file', () => {
    const noTable = database('no-table.db', 'CREATE TABLE session (id TEXT);');
    const noColumn = database(
      'no-column.db',
      'CREATE TABLE session (id TEXT); CREATE TABLE message (id TEXT);',
    );
    const before = readdirSync(dir).sort();
    expect(() => openSourceTables(noTable, REQUIRED, 'an app database')).toThrow(
      'no `message` table (not an app database?)',
    );
    expect(() => openSourceTables(noColumn, REQUIRED, 'an app database')).toThrow(
      'table `message` lacks column(s) session_id',
    );
    expect(readdirSync(dir).sort()).toEqual(before);
  });
});

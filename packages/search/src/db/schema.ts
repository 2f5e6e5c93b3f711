import { COLUMNS } from '../text/columns.js';

/**
 * The index's format. A database of another version is emptied and rebuilt from the twins: bump this on
 * any change to the tables below or to what is indexed (tokenizing, columns, the text of a kind).
 */
export const SCHEMA_VERSION = 1;

/** Full-text rowids: the session's id shifted left by this, plus the chunk's number. */
export const SESSION_SHIFT = 24;
export const MAX_MESSAGES = 2 ** SESSION_SHIFT - 2;

export const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

-- One row per JSON twin. models is a JSON array.
CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL,
  source TEXT NOT NULL,
  session_id TEXT NOT NULL,
  title TEXT NOT NULL,
  project TEXT,
  machine TEXT,
  user TEXT,
  models TEXT NOT NULL,
  branch TEXT,
  started_at TEXT,
  ended_at TEXT,
  message_count INTEGER NOT NULL,
  tool_count INTEGER NOT NULL,
  path TEXT NOT NULL,
  twin_path TEXT NOT NULL UNIQUE,
  twin_size INTEGER NOT NULL,
  twin_mtime REAL NOT NULL,
  chunk_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sessions_key ON sessions (key);
CREATE INDEX sessions_started ON sessions (started_at);

-- For snippets, apart from sessions (which queries scan): the first message number of each full-text chunk
-- (uint32s), and where each message's JSON is in the twin (float64 pairs: byte offset, length; -1 when
-- unknown), by number: the twin's messages, then its subagents'.
CREATE TABLE session_spans (id INTEGER PRIMARY KEY, chunks BLOB NOT NULL, spans BLOB NOT NULL);

CREATE TABLE session_tools (
  session INTEGER NOT NULL,
  name TEXT NOT NULL,
  calls INTEGER NOT NULL,
  PRIMARY KEY (session, name)
) WITHOUT ROWID;
CREATE INDEX session_tools_name ON session_tools (name);

-- The words, by column, in chunks of consecutive messages (update/chunks.ts); rowid = session id <<
-- ${SESSION_SHIFT} | chunk number; the title is in the first chunk. Contentless: the text stays in the twins,
-- so the index holds only its postings.
CREATE VIRTUAL TABLE fts USING fts5 (
  ${COLUMNS.join(', ')},
  content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE fts_vocab USING fts5vocab (fts, 'row');

-- The approximate fallback: titles by substring (rowid = session id), and a bounded vocabulary of the words
-- people and assistants wrote, for misspelt and partial words.
CREATE VIRTUAL TABLE titles USING fts5 (title, content = '', contentless_delete = 1, tokenize = 'trigram');
CREATE TABLE terms (id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE, length INTEGER NOT NULL);
CREATE INDEX terms_length ON terms (length);
CREATE VIRTUAL TABLE terms_tri USING fts5 (term, content = '', tokenize = 'trigram');
`;

/** Every table, index and virtual table SCHEMA creates, for a reset in place. */
export const SCHEMA_OBJECTS = [
  'meta',
  'sessions',
  'session_spans',
  'session_tools',
  'fts',
  'fts_vocab',
  'titles',
  'terms',
  'terms_tri',
];

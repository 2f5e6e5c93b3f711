// The parse floor of `pnpm bench`: the least work any backup of a corpus must do — read every source file and
// `JSON.parse` each of its lines (a SQLite store: read its rows and parse their JSON) — on one thread, in
// 1 MiB reads as a streaming reader would. Every other measure is reported as a multiple of it, taken in the
// same run, so a loaded or slow machine moves both alike.
// Run as a process of its own: `node bench/floor.mjs HOME` prints {seconds, files, lines, rows, bytes}.
import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

const CHUNK = 1024 * 1024;
const counts = { files: 0, lines: 0, rows: 0, bytes: 0 };

function parseLine(buffer, start, end) {
  if (end > start) {
    JSON.parse(buffer.toString('utf8', start, end));
    counts.lines++;
  }
}

/** Reads a JSONL file in chunks and parses each line (a line split across chunks is joined first). */
function parseJsonl(path) {
  const fd = openSync(path, 'r');
  try {
    let buffer = Buffer.allocUnsafe(CHUNK);
    let filled = 0;
    for (;;) {
      if (filled === buffer.length) {
        // A line longer than the buffer: grow it.
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, filled);
        buffer = bigger;
      }
      const read = readSync(fd, buffer, filled, buffer.length - filled, null);
      counts.bytes += read;
      const end = filled + read;
      let start = 0;
      for (let nl = buffer.indexOf(10, filled); nl !== -1 && nl < end; nl = buffer.indexOf(10, start)) {
        parseLine(buffer, start, nl);
        start = nl + 1;
      }
      if (read === 0) {
        parseLine(buffer, start, end);
        return;
      }
      buffer.copy(buffer, 0, start, end);
      filled = end - start;
    }
  } finally {
    closeSync(fd);
  }
}

function tryParse(value) {
  try {
    JSON.parse(typeof value === 'string' ? value : Buffer.from(value).toString('utf8'));
  } catch {
    // Not every value in a VS Code state database is JSON.
  }
}

/** Reads every row of every table of a SQLite store and parses the values. */
function parseStore(path) {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    for (const { name } of tables) {
      for (const row of db.prepare(`SELECT key, value FROM "${name}"`).iterate()) {
        counts.rows++;
        if (row.value !== null) tryParse(row.value);
      }
    }
  } finally {
    db.close();
  }
}

function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (!entry.isFile()) continue;
    else if (entry.name.endsWith('.jsonl')) parseJsonl(path);
    else if (entry.name.endsWith('.vscdb')) parseStore(path);
    else if (entry.name.endsWith('.json')) {
      const text = readFileSync(path, 'utf8');
      counts.bytes += text.length;
      tryParse(text);
    } else continue;
    counts.files++;
  }
}

const started = process.hrtime.bigint();
walk(process.argv[2]);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({ seconds, ...counts }));

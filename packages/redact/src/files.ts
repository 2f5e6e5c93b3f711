import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { readLines } from '@convx/core';
import { redactJsonValue } from './json.js';
import type { Redactor } from './redactor.js';

/** A secret found in a file, for `convx scan`. */
export interface FileFinding {
  path: string;
  line: number;
  column: number;
  ruleId: string;
}

export interface FixResult {
  path: string;
  /** False when nothing was found (the file is left untouched). */
  changed: boolean;
  /** Number of redacted spans. */
  redactions: number;
  /** Distinct rule ids that matched, sorted. */
  ruleIds: string[];
}

const PEM_BEGIN = /-----BEGIN[ A-Z0-9]*PRIVATE KEY/;
const PEM_END = /-----END[ A-Z0-9]*PRIVATE KEY/;
/** A private key is at most a few hundred lines; stop collecting after this many. */
const MAX_BLOCK_LINES = 500;

/**
 * Scans a file line by line (streaming, so any size works). Lines of a multi-line private-key block are
 * joined first, so the block is found as a whole and reported at its BEGIN line.
 */
export async function scanFile(path: string, redactor: Redactor): Promise<FileFinding[]> {
  const findings: FileFinding[] = [];
  let block: { texts: string[]; lines: number[] } | undefined;

  const scan = (texts: string[], lines: number[]) => {
    for (const f of redactor.scanText(texts.join('\n'))) {
      findings.push({ path, line: lines[f.line - 1] ?? lines[0] ?? 0, column: f.column, ruleId: f.ruleId });
    }
  };

  for await (const { line, text } of readLines(path)) {
    if (block) {
      block.texts.push(text);
      block.lines.push(line);
      if (PEM_END.test(text) || block.texts.length >= MAX_BLOCK_LINES) {
        scan(block.texts, block.lines);
        block = undefined;
      }
    } else if (PEM_BEGIN.test(text) && !PEM_END.test(text)) {
      block = { texts: [text], lines: [line] };
    } else {
      scan([text], [line]);
    }
  }
  if (block) scan(block.texts, block.lines);
  return findings;
}

/**
 * Rewrites a file with its secrets redacted, atomically (temp file in the same folder, then rename). `.json`
 * files are parsed and every string is redacted, so the result is still valid JSON (re-indented like the
 * original); `.jsonl` / `.ndjson` lines likewise. Other files are redacted as text. Holds the file in memory.
 */
export async function fixFile(path: string, redactor: Redactor): Promise<FixResult> {
  const original = await readFile(path, 'utf8');
  const ruleIds = new Set<string>();
  let redactions = 0;
  const redact = (text: string): string => {
    const result = redactor.redactText(text);
    for (const f of result.findings) ruleIds.add(f.ruleId);
    redactions += result.findings.length;
    return result.text;
  };

  const ext = extname(path).toLowerCase();
  let next: string;
  if (ext === '.json') next = redactJsonDocument(original, redact) ?? redact(original);
  else if (ext === '.jsonl' || ext === '.ndjson') {
    next = original
      .split('\n')
      .map((line) => redactJsonDocument(line, redact) ?? redact(line))
      .join('\n');
  } else next = redact(original);

  const result: FixResult = { path, changed: redactions > 0, redactions, ruleIds: [...ruleIds].sort() };
  if (result.changed && next !== original) await replaceFileAtomically(path, next);
  return result;
}

/** Parses, redacts every string and serializes back with the original indentation; undefined if not JSON. */
function redactJsonDocument(text: string, redact: (text: string) => string): string | undefined {
  const body = text.trimEnd();
  if (body.length === 0) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  const next = redactJsonValue(value, redact);
  if (next === value) return text;
  const indent = /^[[{]\r?\n([ \t]+)/.exec(body)?.[1] ?? (body.includes('\n') ? 2 : undefined);
  return JSON.stringify(next, null, indent) + text.slice(body.length);
}

/**
 * Replaces an existing file's content in one step, keeping its mode: a temp file beside it (created
 * exclusively, so a link planted at that name is never followed), flushed, then renamed over it.
 */
export async function replaceFileAtomically(target: string, content: string): Promise<void> {
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const mode = (await stat(target)).mode & 0o7777;
  const handle = await open(temp, 'wx', mode);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
    await handle.close();
    await rename(temp, target);
  } catch (error) {
    await handle.close().catch(() => {});
    await rm(temp, { force: true });
    throw error;
  }
}

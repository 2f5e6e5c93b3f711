import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { type FileFinding, type FixResult, fixFile, type Redactor, scanFile } from '@convx/redact';
import { fixTwin } from './fix-twin.js';
import { SKIPPED } from './scan-names.js';

/**
 * The files `convx scan` reads: transcripts, JSON twins, raw JSONL logs, plain text and logs, YAML, and the
 * pages a custom renderer such as examples/render-html writes.
 */
export const SCANNED_EXTENSIONS = [
  '.md',
  '.json',
  '.jsonl',
  '.ndjson',
  '.txt',
  '.log',
  '.yaml',
  '.yml',
  '.html',
  '.htm',
] as const;

/** A finding as reported: relative path, and a masked preview that never shows the secret. */
export interface ScanFinding extends Omit<FileFinding, 'path'> {
  path: string;
  preview?: string;
}

export interface ScanResult {
  root: string;
  filesScanned: number;
  findings: ScanFinding[];
}

const toPosix = (path: string) => path.split(sep).join('/');

/** Every scannable file below `root` (relative, `/`-separated, sorted), without descending into SKIPPED. */
export async function listScannableFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const visit = async (dir: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // vanished or unreadable: nothing to scan there
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      const rel = toPosix(relative(root, path));
      if (entry.isDirectory()) {
        if (!SKIPPED.some((skip) => rel === skip || rel.endsWith(`/${skip}`))) await visit(path);
      } else if (
        entry.isFile() &&
        (SCANNED_EXTENSIONS as readonly string[]).includes(extname(entry.name).toLowerCase())
      ) {
        out.push(rel);
      }
    }
  };
  await visit(root);
  return out.sort();
}

/** Scans every file; a file that cannot be read is reported through `onError` and skipped. */
export async function scanTree(
  root: string,
  redactor: Redactor,
  onError: (path: string, error: unknown) => void,
  files?: readonly string[],
): Promise<ScanResult> {
  const list = files ?? (await listScannableFiles(root));
  const findings: ScanFinding[] = [];
  for (const rel of list) {
    try {
      const found = await scanFile(join(root, rel), redactor);
      if (found.length === 0) continue;
      const previews = await previewsFor(join(root, rel), found, redactor);
      found.forEach((f, i) => {
        const preview = previews[i];
        findings.push({
          path: rel,
          line: f.line,
          column: f.column,
          ruleId: f.ruleId,
          ...(preview ? { preview } : {}),
        });
      });
    } catch (error) {
      onError(rel, error);
    }
  }
  return { root, filesScanned: list.length, findings };
}

/**
 * Redacts every file with findings in place (atomically); returns what changed. A JSON twin is redacted
 * as a session, exactly as a run would write it (see fixTwin), so its key still matches the next run's.
 */
export async function fixFindings(
  root: string,
  findings: readonly ScanFinding[],
  redactor: Redactor,
  onError: (path: string, error: unknown) => void,
): Promise<FixResult[]> {
  const fixed: FixResult[] = [];
  for (const rel of [...new Set(findings.map((f) => f.path))]) {
    try {
      const name = rel.slice(rel.lastIndexOf('/') + 1);
      if (name.startsWith('.') && name.endsWith('.json') && (await fixTwin(join(root, rel), redactor))) {
        const mine = findings.filter((f) => f.path === rel);
        const ruleIds = [...new Set(mine.map((f) => f.ruleId))].sort();
        fixed.push({ path: rel, changed: true, redactions: mine.length, ruleIds });
        continue;
      }
      const result = await fixFile(join(root, rel), redactor);
      if (result.changed) fixed.push({ ...result, path: rel });
    } catch (error) {
      onError(rel, error);
    }
  }
  return fixed;
}

/**
 * A masked look at each secret, so a person can tell which credential it is without the scan output
 * becoming a leak itself: at most 4 characters at each end, none for short secrets (`ghp_…3fA9`, `(12 chars)`).
 * Multi-line findings (private-key blocks) get none.
 */
async function previewsFor(
  path: string,
  findings: FileFinding[],
  redactor: Redactor,
): Promise<(string | undefined)[]> {
  const lines = (await readFile(path, 'utf8')).split('\n');
  return findings.map((f) => {
    const line = lines[f.line - 1] ?? '';
    const hit = redactor.scanText(line).find((g) => g.column === f.column && g.ruleId === f.ruleId);
    return hit ? maskSecret(line.slice(hit.start, hit.end)) : undefined;
  });
}

export function maskSecret(secret: string): string {
  const keep = Math.min(4, Math.floor(secret.length / 8));
  if (keep === 0) return `(${secret.length} chars)`;
  return `${secret.slice(0, keep)}…${secret.slice(-keep)} (${secret.length} chars)`;
}

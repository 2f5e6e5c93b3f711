import type { Dirent } from 'node:fs';
import { lstat, readdir, rename } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Redactor } from '@convx/redact';

/** Folders never scanned: git's own, convx's git-ignored state, and installed packages. */
export const SKIPPED = ['.git', '.convx/state', 'node_modules'];

const toPosix = (path: string) => path.split(sep).join('/');

/** A file or folder below the scanned root. */
export interface Entry {
  /** Relative to the root, `/`-separated. */
  rel: string;
  isDir: boolean;
}

/** A file or folder whose name holds a secret. */
export interface NameFinding extends Entry {
  ruleId: string;
}

/** Every file, folder and link below `root` (not inside SKIPPED), parents before their contents. */
export async function listEntries(root: string): Promise<Entry[]> {
  const out: Entry[] = [];
  const visit = async (dir: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // vanished or unreadable: nothing below it to name
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      const rel = toPosix(relative(root, path));
      if (SKIPPED.some((skip) => rel === skip || rel.endsWith(`/${skip}`))) continue;
      out.push({ rel, isDir: entry.isDirectory() });
      if (entry.isDirectory()) await visit(path);
    }
  };
  await visit(root);
  return out;
}

const baseName = (rel: string) => rel.slice(rel.lastIndexOf('/') + 1);
const parentOf = (rel: string) => (rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '');

/** The entries whose own name holds a secret (the rule is the one a run names the folder after). */
export function secretNames(entries: readonly Entry[], redactor: Redactor): NameFinding[] {
  const out: NameFinding[] = [];
  for (const entry of entries) {
    const name = baseName(entry.rel);
    const redacted = redactor.names.segment(name);
    if (redacted !== name) out.push({ ...entry, ruleId: redacted.slice('redacted-'.length) });
  }
  return out;
}

/**
 * A path as it may be printed: each secret in a name shown as its first and last few characters only
 * (`deploy-ghp_…PM79`), never whole — a name hiding a secret behind an invisible character is shown as
 * its length.
 */
export function maskedPath(rel: string, redactor: Redactor): string {
  return rel
    .split('/')
    .map((name) => {
      if (redactor.names.segment(name) === name) return name;
      const { findings } = redactor.redactText(name);
      if (findings.length === 0) return `…(${name.length} chars)`;
      let out = '';
      let at = 0;
      for (const f of findings) {
        const secret = name.slice(f.start, f.end);
        const keep = Math.min(4, Math.floor(secret.length / 8));
        out += `${name.slice(at, f.start)}${keep ? `${secret.slice(0, keep)}…${secret.slice(-keep)}` : '…'}`;
        at = f.end;
      }
      return out + name.slice(at);
    })
    .join('/');
}

/** A name as stem and extension: `.X.json` → `.`, `X`, `.json`; a folder's name is all stem. */
function splitName(name: string, isDir: boolean, redactor: Redactor) {
  const dot = name.startsWith('.') && name.length > 1 ? '.' : '';
  const rest = name.slice(dot.length);
  const at = isDir ? -1 : rest.lastIndexOf('.');
  const ext = at > 0 ? rest.slice(at) : '';
  // A secret in what looks like the extension is part of the name that goes.
  if (ext && redactor.names.segment(ext) !== ext) return { dot, stem: rest, ext: '' };
  return { dot, stem: ext ? rest.slice(0, at) : rest, ext };
}

/** Renames recorded as old path → new name, applied to whole paths in either direction. */
export class Renames {
  readonly #byOld = new Map<string, string>();
  readonly #byNew = new Map<string, string>();
  readonly list: Array<{ from: string; to: string }> = [];

  /** `oldRel` (under its parent's old path) now has `newName`. */
  add(oldRel: string, newName: string): void {
    this.#byOld.set(oldRel, newName);
    const parent = parentOf(oldRel);
    const newParent = this.toNew(parent);
    const newRel = newParent ? `${newParent}/${newName}` : newName;
    this.#byNew.set(newRel, baseName(oldRel));
    this.list.push({ from: oldRel, to: newRel });
  }

  get size(): number {
    return this.list.length;
  }

  /** Where a path before the renames is now. */
  toNew(oldRel: string): string {
    return this.#map(oldRel, this.#byOld);
  }

  /** Where a path after the renames was before. */
  toOld(newRel: string): string {
    return this.#map(newRel, this.#byNew);
  }

  #map(rel: string, table: Map<string, string>): string {
    if (rel === '' || table.size === 0) return rel;
    const from: string[] = [];
    const to: string[] = [];
    for (const part of rel.split('/')) {
      from.push(part);
      to.push(table.get(from.join('/')) ?? part);
    }
    return to.join('/');
  }
}

/** A convx time prefix (`2026-03-01-1000-`): kept, so a renamed transcript still sorts by date. */
const TIME_PREFIX = /^\d{4}-\d{2}-\d{2}-\d{4}-/;

/**
 * Renames every file and folder whose name holds a secret, in place, deepest first: the name's stem
 * becomes `redacted-<rule>` (after a convx time prefix, before the extension; `-2`, `-3` when taken), the
 * same for a transcript, its twin and its folder, so they stay together. Each rename is one atomic
 * `rename`, never over an existing entry. A failure is reported and the rest goes on.
 */
export async function renameSecretNames(
  root: string,
  findings: readonly NameFinding[],
  redactor: Redactor,
  onError: (rel: string, error: unknown) => void,
): Promise<Renames> {
  const renames = new Renames();
  const stems = new Map<string, string>();
  const depth = (rel: string) => rel.split('/').length;
  for (const finding of [...findings].sort((a, b) => depth(b.rel) - depth(a.rel))) {
    const dir = parentOf(finding.rel);
    const { dot, stem, ext } = splitName(baseName(finding.rel), finding.isDir, redactor);
    const group = `${dir}\u0000${stem}`;
    try {
      let next = stems.get(group);
      if (next === undefined) {
        next = await freeStem(
          join(root, dir),
          `${TIME_PREFIX.exec(stem)?.[0] ?? ''}redacted-${finding.ruleId}`,
        );
        stems.set(group, next);
      }
      const name = `${dot}${next}${ext}`;
      const target = join(root, dir, name);
      if (await lstat(target).catch(() => undefined)) throw new Error(`${name} already exists beside it`);
      await rename(join(root, finding.rel), target);
      renames.add(finding.rel, name);
    } catch (error) {
      onError(finding.rel, error);
    }
  }
  return renames;
}

/** `wanted`, or `wanted-2`, `-3`… : the first stem no entry of `dir` has yet. */
async function freeStem(dir: string, wanted: string): Promise<string> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const stemOf = (name: string) => {
    const rest = name.startsWith('.') ? name.slice(1) : name;
    const at = rest.lastIndexOf('.');
    return at > 0 ? rest.slice(0, at) : rest;
  };
  const taken = new Set(names.flatMap((name) => [name, stemOf(name)]));
  let stem = wanted;
  for (let n = 2; taken.has(stem); n++) stem = `${wanted}-${n}`;
  return stem;
}

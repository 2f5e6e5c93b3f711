import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { replaceFileAtomically } from '@convx/redact';
import type { Renames } from './scan-names.js';

/** Files whose relative links may name a renamed file or folder: transcripts and rendered pages. */
const LINKING = /\.(md|html?)$/i;
/** A Markdown link or image target, or an HTML `href`/`src`. */
const LINK = /(\]\(|(?:href|src)=")([^)"\s]+)/g;

/** One path segment as the Markdown renderer writes it in a link. */
const encode = (part: string) =>
  part === '..' || part === '.'
    ? part
    : encodeURIComponent(part).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'));

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/**
 * A relative link target of the file that was at `oldFile` and is now at `newFile`, pointed at where its
 * target is now; unchanged when neither moved, or when it is not a relative path (a URL, an anchor).
 */
export function relinkTarget(target: string, oldFile: string, newFile: string, renames: Renames): string {
  if (/^([a-z][a-z0-9+.-]*:|#|\/)/i.test(target)) return target;
  const cut = target.search(/[?#]/);
  const path = cut === -1 ? target : target.slice(0, cut);
  const suffix = cut === -1 ? '' : target.slice(cut);
  const oldTarget = posix.normalize(posix.join(posix.dirname(oldFile), ...path.split('/').map(decode)));
  if (oldTarget.startsWith('..')) return target;
  const newTarget = renames.toNew(oldTarget);
  if (newTarget === oldTarget && newFile === oldFile) return target;
  const relativePath = posix.relative(posix.dirname(newFile), newTarget) || '.';
  return relativePath.split('/').map(encode).join('/') + suffix;
}

/**
 * Points the relative links of every transcript (and rendered page) at where renamed files and folders
 * are now, so a transcript still opens its subagents and attachments, and a subagent its parent. Each
 * changed file is rewritten atomically. Returns the files changed (their paths after the renames).
 */
export async function relinkRenamed(
  root: string,
  files: readonly string[],
  renames: Renames,
  onError: (rel: string, error: unknown) => void,
): Promise<string[]> {
  const changed: string[] = [];
  if (renames.size === 0) return changed;
  for (const newFile of files.filter((f) => LINKING.test(f))) {
    const oldFile = renames.toOld(newFile);
    try {
      const text = await readFile(join(root, newFile), 'utf8');
      const next = text.replace(
        LINK,
        (_, lead: string, target: string) => lead + relinkTarget(target, oldFile, newFile, renames),
      );
      if (next === text) continue;
      await replaceFileAtomically(join(root, newFile), next);
      changed.push(newFile);
    } catch (error) {
      onError(newFile, error);
    }
  }
  return changed;
}

import { structuredPatch } from 'diff';

/** One line of a diff as shown: added, removed, context or a hunk/file header. */
export interface DiffLine {
  kind: 'add' | 'del' | 'ctx' | 'hunk' | 'file';
  text: string;
}

/** A unified diff of an edit (old → new text) of one file. */
export function editDiff(path: string, before: string, after: string): DiffLine[] {
  const patch = structuredPatch(path, path, before, after, '', '', { context: 3 });
  const lines: DiffLine[] = [{ kind: 'file', text: path }];
  for (const hunk of patch.hunks) {
    lines.push({
      kind: 'hunk',
      text: `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`,
    });
    for (const line of hunk.lines) {
      if (line.startsWith('\\')) continue;
      lines.push({ kind: line[0] === '+' ? 'add' : line[0] === '-' ? 'del' : 'ctx', text: line.slice(1) });
    }
  }
  return lines;
}

/** The lines of a patch as written (a unified diff, or Codex's `*** Begin Patch` format). */
export function patchLines(patch: string): DiffLine[] {
  return patch.split('\n').map((text): DiffLine => {
    if (/^(\*\*\* (Update|Add|Delete) File:|\+\+\+ |--- |diff --git)/.test(text))
      return { kind: 'file', text };
    if (text.startsWith('@@') || text.startsWith('*** ')) return { kind: 'hunk', text };
    if (text.startsWith('+')) return { kind: 'add', text: text.slice(1) };
    if (text.startsWith('-')) return { kind: 'del', text: text.slice(1) };
    return { kind: 'ctx', text: text.startsWith(' ') ? text.slice(1) : text };
  });
}

/** True when a tool's string input is a patch. */
export function looksLikePatch(text: string): boolean {
  return /^\*\*\* Begin Patch/m.test(text) || (/^(diff --git|--- \S)/m.test(text) && /^@@ /m.test(text));
}

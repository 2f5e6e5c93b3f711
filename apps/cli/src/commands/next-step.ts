import { git } from '../git/index.js';
import type { Initialized } from '../options/output-path.js';

/** A path as it can be pasted into a shell. */
function shellWord(path: string): string {
  return /^[\w@%+=:,./~-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

/** The line saying what `--init` created, printed before the run. */
export function initializedNote(outputRoot: string, initialized: Initialized): string {
  return initialized === 'folder'
    ? `Created ${outputRoot} and a git repository in it (--init).`
    : `Created a git repository in ${outputRoot} (--init).`;
}

/**
 * The line after a backup that did not commit, while convx's files in the output have uncommitted changes
 * (this run's, or an earlier one's): how to commit them, or to let convx do it. Undefined when there is
 * nothing to commit or git cannot say.
 */
export async function uncommittedNote(
  outputRoot: string,
  paths: readonly string[],
): Promise<string | undefined> {
  let status: string;
  try {
    status = await git(['status', '--porcelain', '--', ...paths], { cwd: outputRoot });
  } catch {
    return undefined;
  }
  if (!status.trim()) return undefined;
  const at = shellWord(outputRoot);
  const present = paths.filter((path) => !path.startsWith('.convx/')).concat('.convx');
  return `Not committed yet: pass --commit (or set commit = true under [backup] in .convx/config.toml), or run git -C ${at} add ${present.map(shellWord).join(' ')} && git -C ${at} commit -m "AI history".`;
}

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { shellQuote } from './block.js';

export type HookManagerName = 'husky' | 'lefthook' | 'pre-commit';

/** A hook manager that owns the repository's hooks: convx asks to be added to its config instead. */
export interface HookManager {
  manager: HookManagerName;
  /** The config file or folder that revealed it, relative to the repository root. */
  found: string;
  /** The file the snippet goes into, relative to the repository root. */
  file: string;
  /** What to add to `file`. */
  snippet: string;
  /** The file already mentions convx, so it is probably set up. */
  configured: boolean;
}

const LEFTHOOK_FILES = ['lefthook.yml', '.lefthook.yml', 'lefthook.yaml', '.lefthook.yaml'];
const PRE_COMMIT_FILE = '.pre-commit-config.yaml';

/**
 * The shell command a hook manager should run: sync, then stage the history folder whatever sync reported (a
 * failure must not keep what it did write out of the commit), then hand on sync's status. Written for `sh -e`
 * (husky): no command fails outside a `||` list.
 */
export function syncCommand(historySubpath: string, args: readonly string[] = ['sync']): string {
  const history = shellQuote(historySubpath);
  return [
    'convx_status=0',
    `npx --no-install convx ${args.map(shellQuote).join(' ')} || convx_status=$?`,
    `{ [ ! -e ${history} ] || git add --all -- ${history}; }`,
  ].join('; ');
}

function mentionsConvx(path: string): boolean {
  try {
    return readFileSync(path, 'utf8').includes('convx');
  } catch {
    return false;
  }
}

/**
 * The command for a manager's config: like convx's own hook, a failing sync only warns (the commit goes on
 * with what sync wrote) unless `strict`, where sync's failure fails the hook.
 */
export function managerCommand(historySubpath: string, strict = false): string {
  const command = syncCommand(historySubpath);
  return strict
    ? `${command}; [ "$convx_status" = 0 ]`
    : `${command}; [ "$convx_status" = 0 ] || echo "convx sync failed; committing with the transcripts it wrote" >&2`;
}

/** Husky, lefthook and pre-commit configs in the repository root, with the line each needs. */
export function detectHookManagers(root: string, historySubpath: string, strict = false): HookManager[] {
  const command = managerCommand(historySubpath, strict);
  const found: HookManager[] = [];
  if (existsSync(join(root, '.husky'))) {
    const file = '.husky/pre-commit';
    found.push({
      manager: 'husky',
      found: '.husky/',
      file,
      snippet: command,
      configured: mentionsConvx(join(root, file)),
    });
  }
  const lefthook = LEFTHOOK_FILES.find((name) => existsSync(join(root, name)));
  if (lefthook) {
    found.push({
      manager: 'lefthook',
      found: lefthook,
      file: lefthook,
      snippet: ['pre-commit:', '  commands:', '    convx:', `      run: ${command}`].join('\n'),
      configured: mentionsConvx(join(root, lefthook)),
    });
  }
  if (existsSync(join(root, PRE_COMMIT_FILE))) {
    found.push({
      manager: 'pre-commit',
      found: PRE_COMMIT_FILE,
      file: PRE_COMMIT_FILE,
      snippet: [
        '- repo: local',
        '  hooks:',
        '    - id: convx-sync',
        '      name: convx sync',
        `      entry: sh -c '${command.replace(/'/g, `'\\''`)}'`,
        '      language: system',
        '      pass_filenames: false',
        '      always_run: true',
        '      stages: [pre-commit]',
      ].join('\n'),
      configured: mentionsConvx(join(root, PRE_COMMIT_FILE)),
    });
  }
  return found;
}

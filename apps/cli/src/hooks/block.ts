/** The lines that delimit convx's part of a hook file; everything outside them belongs to someone else. */
export const BLOCK_START = '# >>> convx >>>';
export const BLOCK_END = '# <<< convx <<<';
const CREATED_MARK = '# convx created this file; uninstall deletes it when nothing else is left.';

export interface HookBlockOptions {
  /** Block the commit when convx fails (`hooks.strict = true`). `CONVX_HOOK_STRICT=0|1` overrides it per run. */
  strict: boolean;
  /** The history folder to stage, relative to the repository root (default `.ai/history`). */
  historySubpath: string;
  /** Arguments for convx (default `sync`). */
  args: readonly string[];
  /** Mark the block as the one that created the file, so uninstall may delete the file. */
  created: boolean;
  /**
   * The convx that installed the hook (absolute Node binary and CLI script), tried after PATH: git GUIs and
   * editors often commit with a PATH that lacks a version manager's folder.
   */
  fallback?: ConvxCommand;
}

/** How to start a particular convx: `node script`. */
export interface ConvxCommand {
  node: string;
  script: string;
}

/** Single-quotes a word for POSIX sh. */
export const shellQuote = (word: string) =>
  /^[\w./=:@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;

/**
 * The hook block. It looks for convx in the project's node_modules, then on PATH, then the convx that
 * installed it (when still there), then through npx without installing anything. Whatever sync reports, the
 * hook stages what it wrote, so a commit never goes through without the transcripts sync did write; a failing
 * sync (a failure of this repository's own sessions — other projects' problems are only warnings for sync)
 * then only warns unless strict. It never `exit 0`s, so the rest of an existing hook still runs.
 */
export function hookBlock(options: HookBlockOptions): string {
  const args = options.args.map(shellQuote).join(' ');
  const history = shellQuote(options.historySubpath);
  const fallback = options.fallback
    ? [shellQuote(options.fallback.node), shellQuote(options.fallback.script)]
    : undefined;
  return `${[
    BLOCK_START,
    "# Added by `convx hooks install`: exports this repository's AI sessions and stages them with the commit.",
    ...(options.created ? [CREATED_MARK] : []),
    'convx_hook() {',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion, not a JS template.
    '  [ "${CONVX_SKIP_HOOK:-0}" = 1 ] && return 0',
    '  convx_root=$(git rev-parse --show-toplevel) || return 1',
    '  convx_status=0',
    // The project's bin needs `node` on PATH (its shebang); without it the remembered convx still works.
    '  if [ -x "$convx_root/node_modules/.bin/convx" ] && command -v node >/dev/null 2>&1; then',
    `    "$convx_root/node_modules/.bin/convx" ${args} || convx_status=$?`,
    '  elif command -v convx >/dev/null 2>&1; then',
    `    convx ${args} || convx_status=$?`,
    ...(fallback
      ? [
          `  elif [ -x ${fallback[0]} ] && [ -f ${fallback[1]} ]; then`,
          `    ${fallback.join(' ')} ${args} || convx_status=$?`,
        ]
      : []),
    '  elif command -v npx >/dev/null 2>&1; then',
    `    npx --no-install @convx/cli ${args} || convx_status=$?`,
    '  else',
    '    echo "convx: not found (node_modules/.bin/convx, PATH, npx)" >&2',
    '    return 1',
    '  fi',
    // `git commit <paths>` commits from a temporary index (next-index-*.lock); what is staged there never
    // reaches the real index, which would then show the transcripts as deleted. Leave them for the next commit.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion, not a JS template.
    '  case "${GIT_INDEX_FILE:-}" in',
    '    *next-index-*)',
    '      echo "convx: partial commit (git commit <paths>): transcripts written, left for your next commit." >&2',
    '      return $convx_status ;;',
    '  esac',
    // Staged whatever sync reported: a failure elsewhere must not keep what it did write out of the commit.
    `  if [ -e "$convx_root/"${history} ]; then git add --all -- "$convx_root/"${history} || return 1; fi`,
    // convx's own ignore file (it keeps `.convx/state/` out of git), so the repository stays clean.
    '  if [ -e "$convx_root/.convx/.gitignore" ]; then git add -- "$convx_root/.convx/.gitignore" || return 1; fi',
    '  convx_staged=1',
    '  return $convx_status',
    '}',
    'convx_staged=0',
    'if ! convx_hook; then',
    `  if [ "\${CONVX_HOOK_STRICT:-${options.strict ? 1 : 0}}" = 1 ]; then`,
    '    echo "convx: sync failed; commit stopped (hooks.strict). Skip once: CONVX_SKIP_HOOK=1 git commit ..." >&2',
    '    exit 1',
    '  fi',
    '  if [ "$convx_staged" = 1 ]; then',
    '    echo "convx: sync reported failures (above); committing with the transcripts it wrote." >&2',
    '  else',
    '    echo "convx: sync failed; committing without updated transcripts." >&2',
    '  fi',
    'fi',
    BLOCK_END,
  ].join('\n')}\n`;
}

export interface BlockLocation {
  /** Offset of the first character of the start marker line. */
  start: number;
  /** Offset just past the end marker line (and its newline). */
  end: number;
  text: string;
  created: boolean;
}

/** Finds convx's block in a hook file's text. */
export function findBlock(content: string): BlockLocation | undefined {
  const startMatch = new RegExp(`^${escapeRegExp(BLOCK_START)}[ \\t]*\\r?$`, 'm').exec(content);
  if (!startMatch) return undefined;
  const endMatch = new RegExp(`^${escapeRegExp(BLOCK_END)}[ \\t]*(\\r?\\n|$)`, 'm').exec(
    content.slice(startMatch.index),
  );
  if (!endMatch) return undefined;
  const end = startMatch.index + endMatch.index + endMatch[0].length;
  const text = content.slice(startMatch.index, end);
  return { start: startMatch.index, end, text, created: text.includes(CREATED_MARK) };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const SHELLS = /^#!\s*(?:\/usr\/bin\/env\s+(?:-S\s+)?)?\S*\b(?:sh|bash|dash|zsh|ksh|ash)\b/;

/** The interpreter line, when the file does not run under a POSIX-like shell (then convx cannot join in). */
export function foreignShebang(content: string): string | undefined {
  const first = content.split(/\r?\n/, 1)[0] ?? '';
  return first.startsWith('#!') && !SHELLS.test(first) ? first : undefined;
}

/**
 * Puts the block into an existing hook's text right after its shebang line (before any `exit` the hook may
 * end with), or replaces the block already there.
 */
export function withBlock(content: string, block: string): string {
  const existing = findBlock(content);
  if (existing) return content.slice(0, existing.start) + block + content.slice(existing.end);
  if (!content.startsWith('#!')) return block + content;
  const newline = content.indexOf('\n');
  if (newline === -1) return `${content}\n${block}`;
  return content.slice(0, newline + 1) + block + content.slice(newline + 1);
}

/** The text without convx's block (byte-for-byte what it was before install). */
export function withoutBlock(content: string): string {
  const existing = findBlock(content);
  return existing ? content.slice(0, existing.start) + content.slice(existing.end) : content;
}

/** True when nothing but a shebang and blank lines is left. */
export function isEmptyScript(content: string): boolean {
  return content
    .split(/\r?\n/)
    .filter((line, i) => !(i === 0 && line.startsWith('#!')))
    .every((line) => line.trim() === '');
}

import { spawnSync } from 'node:child_process';

/**
 * The program that shows a Markdown file: $PAGER, else $EDITOR (or $VISUAL), else `less`. Returned as words
 * to run through the shell, because both variables may carry arguments (`less -R`, `code --wait`).
 */
export function viewerCommand(env: Readonly<Record<string, string | undefined>>): string {
  for (const name of ['PAGER', 'EDITOR', 'VISUAL'] as const) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return 'less';
}

/**
 * Runs the viewer on `file` in the foreground and waits for it (the caller hands it the terminal first).
 * The file name is passed as a positional argument to `sh -c`, never pasted into the command line.
 */
export function openInViewer(
  file: string,
  env: Readonly<Record<string, string | undefined>>,
): { ok: boolean; message: string } {
  const viewer = viewerCommand(env);
  const result =
    process.platform === 'win32'
      ? spawnSync(viewer, [`"${file}"`], { stdio: 'inherit', shell: true, env: { ...env } })
      : spawnSync('/bin/sh', ['-c', `${viewer} "$1"`, 'sh', file], { stdio: 'inherit', env: { ...env } });
  if (result.error) return { ok: false, message: `Could not run ${viewer}: ${result.error.message}` };
  if (result.status === 127) return { ok: false, message: `${viewer} was not found: set $PAGER or $EDITOR` };
  return { ok: true, message: `Closed ${viewer}` };
}

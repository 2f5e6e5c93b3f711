import { readFile } from 'node:fs/promises';
import { posix, win32 } from 'node:path';
import type { ParseError } from 'jsonc-parser';
import { isRecord } from '../model/json-view.js';
import { fileUriToPath, type UriPath } from './file-uri.js';

/** The folder a VS Code-family window (`workspaceStorage/<hash>/`) was opened on, from its `workspace.json`. */
export interface VscodeWorkspace {
  /** The project folder: the window's folder, or the first folder of its `.code-workspace`. */
  cwd?: string;
  /**
   * What the workspace says about itself, for a session's `meta`, in the order it was learned:
   * `remote` (the `vscode-remote://` authority, e.g. `ssh-remote+devbox`), `workspaceFile` (the
   * `.code-workspace`), `folders` (all of its folders; a remote one as `<authority>:<path>`), `folderUri`
   * (a folder URI that is not a path, e.g. `vsls://…`).
   */
  meta: { remote?: string; workspaceFile?: string; folders?: string[]; folderUri?: string };
  /** What went wrong while resolving (an unreadable `.code-workspace`), to copy into sessions' diagnostics. */
  problems: { code: string; message: string; path?: string }[];
}

/**
 * Resolves a VS Code-family `workspaceStorage/<hash>/workspace.json` (VS Code, Cursor, VSCodium, Windsurf …):
 * - `{folder}`: a single-folder window; the folder is the cwd.
 * - `{workspace}`: a multi-root window; the `.code-workspace` file (JSONC) lists the folders, relative to
 *   the file. The first folder is the cwd; all of them are kept in `meta.folders`.
 * - `vscode-remote://` folders: the cwd is the path on the remote machine, `meta.remote` its authority.
 * - an unreadable `.code-workspace`: the folder that holds it is the cwd (with a problem saying so).
 * A missing `workspace.json` (an empty window) gives no cwd. Never throws: what cannot be read is a problem.
 */
export async function readVscodeWorkspace(workspaceJson: string): Promise<VscodeWorkspace> {
  const workspace: VscodeWorkspace = { meta: {}, problems: [] };
  let config: unknown;
  try {
    config = JSON.parse(await readFile(workspaceJson, 'utf8'));
  } catch (error) {
    if (isRecord(error) && error.code === 'ENOENT') return workspace;
    workspace.problems.push({
      code: 'unreadable-workspace-json',
      message: `workspace.json could not be read: ${error instanceof Error ? error.message : String(error)}`,
      path: workspaceJson,
    });
    return workspace;
  }
  const { folder, workspace: file } = isRecord(config) ? config : {};
  if (typeof folder === 'string') {
    const resolved = fileUriToPath(folder);
    if (resolved) useFolder(workspace, resolved);
    else workspace.meta.folderUri = folder;
  } else if (typeof file === 'string') {
    await readWorkspaceFile(workspace, file);
  }
  return workspace;
}

function useFolder(workspace: VscodeWorkspace, folder: UriPath): void {
  workspace.cwd = folder.path;
  if (folder.remote !== undefined) workspace.meta.remote = folder.remote;
}

async function readWorkspaceFile(workspace: VscodeWorkspace, uri: string): Promise<void> {
  const file = fileUriToPath(uri);
  workspace.meta.workspaceFile = file?.path ?? uri;
  if (!file || file.remote !== undefined) {
    if (file?.remote !== undefined) workspace.meta.remote = file.remote;
    workspace.problems.push({
      code: 'remote-workspace-file',
      message: `the multi-root workspace file ${uri} is not on this machine; its folders are unknown`,
    });
    return;
  }
  let text: string;
  try {
    text = await readFile(file.path, 'utf8');
  } catch (error) {
    // A moved or deleted workspace file: the folder that held it is nearly always the project (or its
    // parent), a far better home for the conversations than `_unknown-project`.
    const folder = (file.windows ? win32 : posix).dirname(file.path);
    workspace.problems.push({
      code: 'unreadable-workspace-file',
      message: `the multi-root workspace file could not be read (${error instanceof Error ? error.message : String(error)}); the project is taken to be its folder ${folder}`,
      path: file.path,
    });
    useFolder(workspace, { path: folder, windows: file.windows });
    return;
  }
  // Imported here, not with the module: only a multi-root window has a `.code-workspace`, and every run that
  // imports core (a pre-commit hook's sync) would load the parser's six CommonJS files for nothing.
  const { parse: parseJsonc, printParseErrorCode } = await import('jsonc-parser');
  const errors: ParseError[] = [];
  const parsed: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  if (errors.length) {
    workspace.problems.push({
      code: 'malformed-workspace-file',
      message: `the multi-root workspace file has JSON errors (${errors[0] ? printParseErrorCode(errors[0].error) : '?'}); read what parsed`,
      path: file.path,
    });
  }
  const entries = isRecord(parsed) ? parsed.folders : undefined;
  const folders = (Array.isArray(entries) ? entries : [])
    .map((entry) => codeWorkspaceFolder(entry, file))
    .filter((folder): folder is UriPath => folder !== undefined);
  workspace.meta.folders = folders.map((f) => (f.remote !== undefined ? `${f.remote}:${f.path}` : f.path));
  if (folders[0]) useFolder(workspace, folders[0]);
}

/** One `folders[]` entry of a `.code-workspace`: `{path}` (relative to the file, or absolute) or `{uri}`. */
export function codeWorkspaceFolder(entry: unknown, file: UriPath): UriPath | undefined {
  if (!isRecord(entry)) return undefined;
  const { path, uri } = entry;
  if (typeof uri === 'string') return fileUriToPath(uri);
  if (typeof path !== 'string' || !path) return undefined;
  if (file.windows || /^[a-z]:[\\/]|^\\\\/i.test(path)) {
    return { path: win32.resolve(win32.dirname(file.path), path), windows: true };
  }
  return { path: posix.resolve(posix.dirname(file.path), path), windows: false };
}

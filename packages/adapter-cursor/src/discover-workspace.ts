import { readFile } from 'node:fs/promises';
import { basename, posix, win32 } from 'node:path';
import { type ParseError, parse as parseJsonc, printParseErrorCode } from 'jsonc-parser';
import type { Project } from './types.js';
import { type ResolvedUri, uriToPath } from './uri.js';

/**
 * The project of one `workspaceStorage/<hash>/` folder, from its `workspace.json`:
 * - `{folder}`: a single-folder window; the folder is the cwd.
 * - `{workspace}`: a multi-root window; the `.code-workspace` file (JSONC) lists the folders, relative to
 *   the file. The first folder is the cwd; all of them are kept in `meta.folders`.
 * - `vscode-remote://` folders: the cwd is the path on the remote machine, `meta.remote` its authority.
 * - an unreadable `.code-workspace`: the folder that holds it is the cwd (with a problem saying so).
 * A missing `workspace.json` (an empty window) gives no cwd.
 */
export async function resolveProject(
  workspaceDir: string,
  workspaceJson: string | undefined,
): Promise<Project> {
  const project: Project = { meta: { workspaceId: basename(workspaceDir) }, problems: [] };
  if (!workspaceJson) return project;
  let config: { folder?: unknown; workspace?: unknown };
  try {
    config = JSON.parse(await readFile(workspaceJson, 'utf8')) ?? {};
  } catch (error) {
    project.problems.push({
      code: 'unreadable-workspace-json',
      message: `workspace.json could not be read: ${error instanceof Error ? error.message : String(error)}`,
      path: workspaceJson,
    });
    return project;
  }
  if (typeof config.folder === 'string') {
    const folder = uriToPath(config.folder);
    if (folder) applyCwd(project, folder);
    else project.meta.folderUri = config.folder;
  } else if (typeof config.workspace === 'string') {
    await applyWorkspaceFile(project, config.workspace);
  }
  return project;
}

function applyCwd(project: Project, folder: ResolvedUri): void {
  project.cwd = folder.path;
  if (folder.remote !== undefined) project.meta.remote = folder.remote;
}

async function applyWorkspaceFile(project: Project, uri: string): Promise<void> {
  const file = uriToPath(uri);
  project.meta.workspaceFile = file?.path ?? uri;
  if (!file || file.remote !== undefined) {
    if (file?.remote !== undefined) project.meta.remote = file.remote;
    project.problems.push({
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
    project.problems.push({
      code: 'unreadable-workspace-file',
      message: `the multi-root workspace file could not be read (${error instanceof Error ? error.message : String(error)}); the project is taken to be its folder ${folder}`,
      path: file.path,
    });
    applyCwd(project, { path: folder, windows: file.windows });
    return;
  }
  const errors: ParseError[] = [];
  const parsed: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  if (errors.length) {
    project.problems.push({
      code: 'malformed-workspace-file',
      message: `the multi-root workspace file has JSON errors (${errors[0] ? printParseErrorCode(errors[0].error) : '?'}); read what parsed`,
      path: file.path,
    });
  }
  const entries = (parsed as { folders?: unknown } | undefined)?.folders;
  const folders = (Array.isArray(entries) ? entries : [])
    .map((entry) => resolveFolder(entry, file))
    .filter((folder): folder is ResolvedUri => folder !== undefined);
  project.meta.folders = folders.map((f) => (f.remote !== undefined ? `${f.remote}:${f.path}` : f.path));
  if (folders[0]) applyCwd(project, folders[0]);
}

/** One `folders[]` entry of a `.code-workspace`: `{path}` (relative to the file, or absolute) or `{uri}`. */
export function resolveFolder(entry: unknown, file: ResolvedUri): ResolvedUri | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const { path, uri } = entry as { path?: unknown; uri?: unknown };
  if (typeof uri === 'string') return uriToPath(uri);
  if (typeof path !== 'string' || !path) return undefined;
  if (file.windows || /^[a-z]:[\\/]|^\\\\/i.test(path)) {
    const resolved = win32.resolve(win32.dirname(file.path), path);
    return { path: resolved, windows: true };
  }
  return { path: posix.resolve(posix.dirname(file.path), path), windows: false };
}

import { basename } from 'node:path';
import { readVscodeWorkspace } from '@convx/core';
import type { Project } from './types.js';

/**
 * The project of one `workspaceStorage/<hash>/` folder, from its `workspace.json` (core's
 * `readVscodeWorkspace`: single folder, `.code-workspace`, encoded and remote URIs). A missing
 * `workspace.json` (an empty window) gives no cwd.
 */
export async function resolveProject(
  workspaceDir: string,
  workspaceJson: string | undefined,
): Promise<Project> {
  const workspace = workspaceJson ? await readVscodeWorkspace(workspaceJson) : undefined;
  const project: Project = {
    meta: { workspaceId: basename(workspaceDir), ...workspace?.meta },
    problems: workspace?.problems ?? [],
  };
  if (workspace?.cwd !== undefined) project.cwd = workspace.cwd;
  return project;
}

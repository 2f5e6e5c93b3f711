import { basename, join } from 'node:path';
import {
  type AdapterContext,
  type DiagnosticsCollector,
  readVscodeWorkspace,
  type Session,
  type SessionRef,
} from '@convx/core';
import { readDatabaseSession } from './database.js';
import { toSession } from './parse.js';
import { MutationReplay } from './replay.js';
import type { CopilotVscodeRefData, Project } from './types.js';

/** Reads one chat from its `.jsonl` log (replayed), `.json` file or database, mapped to its folder. */
export async function loadSession(
  ctx: AdapterContext,
  ref: SessionRef<CopilotVscodeRefData>,
  includeOtherParticipants: boolean,
): Promise<Session> {
  const data = ref.data;
  if (!data) throw new Error(`${ref.path} was not found by this adapter's discovery; it cannot be loaded`);
  const diagnostics = ctx.diagnostics();
  const raw = await readChat(ctx, data, ref.sessionId, diagnostics);
  const project = data.workspaceDir ? await projectOf(ctx, data.workspaceDir) : undefined;
  return toSession(raw, { ctx, ref, data, project, diagnostics, includeOtherParticipants });
}

async function readChat(
  ctx: AdapterContext,
  data: CopilotVscodeRefData,
  sessionId: string,
  diagnostics: DiagnosticsCollector,
): Promise<unknown> {
  switch (data.generation) {
    case 'jsonl': {
      // A line cut short by a crash (normal for the last one) is counted and skipped by the reader.
      const replay = new MutationReplay(diagnostics, data.path);
      await ctx.eachJsonl(data.path, (value, line) => replay.apply(value, line), diagnostics);
      return replay.value;
    }
    case 'json': {
      const text = await ctx.readText(data.path);
      try {
        return JSON.parse(text);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        diagnostics.add('malformed-file', `the chat file is not valid JSON (${reason})`, { path: data.path });
        return undefined;
      }
    }
    case 'state.vscdb': {
      const text = readDatabaseSession(data.path, sessionId);
      if (text === undefined) throw new Error(`the chat ${sessionId} is no longer in ${data.path}`);
      return JSON.parse(text);
    }
  }
}

/**
 * The folder a workspace's chats belong to, from its `workspace.json` (single folder, `.code-workspace`,
 * encoded and remote URIs): read once per workspace per run, shared by all its chats. The file does not
 * change while the workspace exists (its folder's name is a hash of the folder it names).
 */
function projectOf(ctx: AdapterContext, workspaceDir: string): Promise<Project> {
  return ctx.memo(`workspace:${workspaceDir}`, async () => {
    const workspace = await readVscodeWorkspace(join(workspaceDir, 'workspace.json'));
    const project: Project = {
      meta: { workspaceId: basename(workspaceDir), ...workspace.meta },
      problems: workspace.problems,
    };
    if (workspace.cwd !== undefined) project.cwd = workspace.cwd;
    return project;
  });
}

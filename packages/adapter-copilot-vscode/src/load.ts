import { basename, join } from 'node:path';
import {
  type AdapterContext,
  isConvxError,
  isRecord,
  type JsonRecord,
  readVscodeWorkspace,
  type Session,
  type SessionRef,
} from '@convx/core';
import { readDatabaseSession } from './database.js';
import { MutationReplay } from './load-replay.js';
import { ChatParser, finishSession, type ParseOptions, SESSION_FIELDS, toSession } from './parse.js';
import type { CopilotVscodeRefData, Project } from './types.js';

/** Reads one chat from its `.jsonl` log (replayed), `.json` file (streamed) or database, mapped to its folder. */
export async function loadSession(
  ctx: AdapterContext,
  ref: SessionRef<CopilotVscodeRefData>,
  includeOtherParticipants: boolean,
): Promise<Session> {
  const data = ref.data;
  if (!data) throw new Error(`${ref.path} was not found by this adapter's discovery; it cannot be loaded`);
  const diagnostics = ctx.diagnostics();
  const project = data.workspaceDir ? await projectOf(ctx, data.workspaceDir) : undefined;
  const options: ParseOptions = { ctx, ref, data, project, diagnostics, includeOtherParticipants };
  switch (data.generation) {
    case 'jsonl': {
      // A line cut short by a crash (normal for the last one) is counted and skipped by the reader.
      const replay = new MutationReplay(diagnostics, data.path);
      await ctx.eachJsonl(data.path, (value, line) => replay.apply(value, line), diagnostics);
      return toSession(replay.value, options);
    }
    case 'json':
      return readChatFile(options);
    case 'state.vscdb': {
      const text = readDatabaseSession(data.path, ref.sessionId);
      if (text === undefined) throw new Error(`the chat ${ref.sessionId} is no longer in ${data.path}`);
      return toSession(JSON.parse(text), options);
    }
  }
}

/**
 * A flat `chatSessions/<id>.json` chat, streamed request by request (a chat file reaches hundreds of MB):
 * only the chat's own fields and the messages are held, never the file. A file cut short keeps the requests
 * before the cut; one that holds no JSON at all is an empty chat with a diagnostic.
 */
async function readChatFile(options: ParseOptions): Promise<Session> {
  const { ctx, data, diagnostics } = options;
  const parser = new ChatParser(ctx, options.includeOtherParticipants);
  const session: JsonRecord = {};
  try {
    await ctx.eachJsonItem(data.path, (request) => parser.add(request), {
      at: ['requests'],
      fields: SESSION_FIELDS,
      onField: (key, value) => {
        session[key] = value;
      },
      diagnostics,
    });
  } catch (error) {
    // Unreadable files and requests over the run's size limit fail the chat; text that is no JSON does not.
    if (isConvxError(error) || (isRecord(error) && typeof error.code === 'string')) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    diagnostics.add('malformed-file', `the chat file is not valid JSON (${reason})`, { path: data.path });
  }
  return finishSession(session, parser, options);
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

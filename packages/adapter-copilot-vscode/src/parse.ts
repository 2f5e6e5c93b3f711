import {
  type AdapterContext,
  arr,
  asRecord,
  assignDefined,
  createSession,
  type DiagnosticsCollector,
  type JsonRecord,
  type Message,
  type Session,
  type SessionRef,
  str,
  toIsoTime,
} from '@convx/core';
import { promptAttachments, promptText, references } from './parse-prompt.js';
import { event, responseMessages } from './parse-response.js';
import { recordedCalls, type Stamp } from './parse-tools.js';
import { epochMs } from './parse-values.js';
import type { CopilotVscodeRefData, Project, RawRequest, RawSession } from './types.js';

export const SOURCE = 'copilot-vscode';
const TITLE_CHARS = 100;

export interface ParseOptions {
  ctx: AdapterContext;
  ref: SessionRef<CopilotVscodeRefData>;
  data: CopilotVscodeRefData;
  project: Project | undefined;
  diagnostics: DiagnosticsCollector;
  includeOtherParticipants: boolean;
}

/**
 * A chat's requests as messages, one request at a time, so a chat file can be streamed request by request:
 * each request's typed prompt, then its reply, then its error or cancellation. A request with no reply keeps
 * its prompt. Requests are only held while no request so far went to Copilot (the chat may not be Copilot's
 * at all, and then has no messages unless other participants are included).
 */
export class ChatParser {
  readonly messages: Message[] = [];
  readonly models: string[] = [];
  /** Whether GitHub Copilot answered any request so far. */
  fromCopilot = false;
  /** Requests read so far. */
  count = 0;
  private pending: RawRequest[] = [];

  constructor(
    private readonly ctx: AdapterContext,
    private readonly includeOtherParticipants: boolean,
  ) {}

  /** One element of the chat's `requests` (anything that is not an object is passed over). */
  add(value: unknown): void {
    const request: RawRequest | undefined = asRecord(value);
    if (!request) return;
    this.count++;
    if (!this.fromCopilot && isCopilotRequest(request)) {
      this.fromCopilot = true;
      for (const earlier of this.pending) this.push(earlier);
      this.pending = [];
    }
    if (this.fromCopilot || this.includeOtherParticipants) this.push(request);
    else this.pending.push(request);
  }

  private push(request: RawRequest): void {
    this.messages.push(...requestMessages(this.ctx, request, this.models));
  }
}

/** The fields of a chat besides its requests that the session is made from. */
export const SESSION_FIELDS = [
  'sessionId',
  'creationDate',
  'lastMessageDate',
  'customTitle',
  'responderUsername',
  'initialLocation',
  'version',
] as const satisfies readonly (keyof RawSession)[];

/** A chat (a replayed `.jsonl`, or a database entry) as a session. */
export function toSession(raw: unknown, options: ParseOptions): Session {
  const session: RawSession = asRecord(raw) ?? {};
  const parser = new ChatParser(options.ctx, options.includeOtherParticipants);
  for (const request of arr(session.requests)) parser.add(request);
  return finishSession(session, parser, options);
}

/**
 * The session of a chat whose requests went through `parser`: `session` holds its other fields
 * (`SESSION_FIELDS`). The title is the chat's own, else its first prompt.
 */
export function finishSession(session: RawSession, parser: ChatParser, options: ParseOptions): Session {
  const { ref, data, project, diagnostics } = options;
  const { messages, models, fromCopilot } = parser;
  for (const problem of project?.problems ?? []) diagnostics.add(problem.code, problem.message, problem);
  const meta: Record<string, unknown> = { generation: data.generation, storage: data.storage };
  assignDefined(meta, {
    product: data.product,
    ...(project?.meta ?? {}),
    initialLocation: str(session.initialLocation),
    responder: str(session.responderUsername) || undefined,
    version: typeof session.version === 'number' ? session.version : undefined,
    otherParticipant: !fromCopilot && parser.count ? true : undefined,
  });
  const firstPrompt = messages.find((m) => m.kind === 'text' && m.role === 'user' && m.text.trim());
  const title =
    str(session.customTitle)?.trim() ||
    (firstPrompt?.kind === 'text' ? titleOf(firstPrompt.text) : undefined);
  const startedAt = toIsoTime(epochMs(session.creationDate));
  const lastMessage = epochMs(session.lastMessageDate);
  return createSession({
    source: SOURCE,
    sessionId: str(session.sessionId) || ref.sessionId,
    sourceLocation:
      data.generation === 'state.vscdb'
        ? { path: data.path, locator: `interactive.sessions:${ref.sessionId}` }
        : { path: data.path },
    title,
    cwd: project?.cwd,
    startedAt,
    endedAt: startedAt && lastMessage ? laterOf(toIsoTime(lastMessage), messages) : undefined,
    models,
    messages,
    diagnostics: diagnostics.list(),
    meta,
  });
}

function requestMessages(ctx: AdapterContext, request: RawRequest, models: string[]): Message[] {
  const start = epochMs(request.timestamp);
  const timestamp = toIsoTime(start);
  const out: Message[] = [];
  const requestId = str(request.requestId);
  const text = promptText(request.message);
  const attachments = promptAttachments(ctx, request.variableData);
  if (text.trim() || attachments.length) {
    out.push({
      kind: 'text',
      role: 'user',
      text,
      ...(timestamp ? { timestamp } : {}),
      ...(requestId ? { id: requestId } : {}),
      ...(attachments.length ? { attachments } : {}),
    });
  }
  const result = asRecord(request.result);
  const metadata = asRecord(result?.metadata);
  const model = modelOf(request, metadata);
  if (model && !models.includes(model)) models.push(model);
  const timings = asRecord(result?.timings);
  const stamp: Stamp = {};
  const firstProgress = epochMs(timings?.firstProgress);
  const replyAt = start === undefined ? undefined : toIsoTime(start + (firstProgress ?? 0));
  if (replyAt) stamp.timestamp = replyAt;
  if (model) stamp.model = model;
  const reply = responseMessages(request.response, recordedCalls(metadata), stamp);
  attachReferences(reply, references(request.contentReferences));
  out.push(...reply);
  const elapsed = epochMs(timings?.totalElapsed);
  const endStamp: Stamp = {};
  const endAt = start === undefined ? undefined : toIsoTime(start + (elapsed ?? firstProgress ?? 0));
  if (endAt) endStamp.timestamp = endAt;
  const error = asRecord(result?.errorDetails);
  const errorText = str(error?.message);
  if (errorText) out.push(event('error', errorText, endStamp));
  if (request.isCanceled === true)
    out.push(event('abort', 'Cancelled before the reply was complete.', endStamp));
  return out;
}

/** The files the reply used (`contentReferences`), listed on its last text. */
function attachReferences(reply: Message[], files: ReturnType<typeof references>): void {
  if (!files.length) return;
  const last = reply.findLast((m) => m.kind === 'text' && m.role === 'assistant');
  if (last?.kind === 'text') last.attachments = [...(last.attachments ?? []), ...files];
}

/**
 * The model that answered: the one `auto` resolved to when recorded, else the picked one without its
 * vendor prefix (`copilot/gpt-4.1` → `gpt-4.1`).
 */
function modelOf(request: RawRequest, metadata: JsonRecord | undefined): string | undefined {
  const resolved = str(metadata?.resolvedModel);
  if (resolved) return resolved;
  const picked = str(request.modelId)?.replace(/^copilot\//, '');
  return picked || undefined;
}

/**
 * Whether GitHub Copilot answered: the chat store is VS Code's and other extensions' participants write to
 * it too. Requests without agent facts (the oldest chats) count as Copilot's.
 */
function isCopilotRequest(request: RawRequest): boolean {
  const agent = asRecord(request.agent);
  const extension = agent ? (str(asRecord(agent.extensionId)?.value) ?? str(agent.extensionId)) : undefined;
  return extension === undefined || /^github\.copilot/i.test(extension);
}

function titleOf(prompt: string): string {
  const line = prompt.trim().split('\n', 1)[0] ?? '';
  return line.length > TITLE_CHARS ? `${line.slice(0, TITLE_CHARS - 1).trimEnd()}…` : line;
}

/** `lastMessageDate`, unless a message is later (the date is only bumped when a request starts). */
function laterOf(last: string | undefined, messages: Message[]): string | undefined {
  let latest = last;
  for (const m of messages) if (m.timestamp && (!latest || m.timestamp > latest)) latest = m.timestamp;
  return latest;
}

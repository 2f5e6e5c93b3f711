import {
  type AdapterContext,
  asRecord,
  ConvxError,
  compareText,
  createSession,
  type DiagnosticsCollector,
  isRecord,
  type Message,
  type Session,
  type SessionRef,
  toIsoTime,
} from '@convx/core';
import { convertMessage } from './parse.js';
import { readSavedOutputs } from './saved-outputs.js';
import type { ChatFile, GeminiChatMeta, GeminiMessage, GeminiRefData, SessionPlan } from './types.js';

/** Loads a discovered session, with its subagent and skill-extraction chats as children. */
export async function loadSession(ctx: AdapterContext, ref: SessionRef<GeminiRefData>): Promise<Session> {
  const plan = ref.data;
  if (!plan || plan.sessionId !== ref.sessionId || !Array.isArray(plan.files)) {
    throw new ConvxError(
      'INVALID_SESSION',
      `gemini: ${ref.path} was not discovered by this adapter`,
      'gemini',
    );
  }
  return buildSession(ctx, plan);
}

/** Messages of all files of one session, keyed by message id; a later save of an id replaces it in place. */
type Merged = Map<string, GeminiMessage>;

async function buildSession(ctx: AdapterContext, plan: SessionPlan): Promise<Session> {
  const diagnostics = ctx.diagnostics();
  const saves: ChatSave[] = [];
  for (const [order, chat] of plan.files.entries()) {
    ctx.signal.throwIfAborted();
    const file = { ...chat, order };
    try {
      saves.push(
        file.path.endsWith('.jsonl')
          ? await readJsonlChat(ctx, file, diagnostics)
          : await readJsonChat(ctx, file, diagnostics),
      );
    } catch (error) {
      diagnostics.add('unreadable-file', `chat file could not be read: ${(error as Error).message}`, {
        path: file.path,
      });
    }
  }
  if (saves.length === 0 && plan.files.length) {
    throw new Error(
      `gemini: no chat file of session ${plan.sessionId} could be read (${plan.files[0]?.path})`,
    );
  }
  // Merge saves oldest first by their own lastUpdated (file mtimes are not reliable after a copy).
  saves.sort(
    (a, b) =>
      compareText(toIsoTime(a.meta.lastUpdated) ?? '', toIsoTime(b.meta.lastUpdated) ?? '') ||
      a.order - b.order,
  );
  const meta: GeminiChatMeta = {};
  const merged: Merged = new Map();
  for (const save of saves) {
    mergeMeta(meta, save.meta);
    for (const [id, message] of save.messages) merged.set(id, message);
  }

  const messages: Message[] = [];
  const ordered = sortByTime([...merged.values()]);
  const savedOutputs = await readSavedOutputs(ctx, ordered, plan.files[0]);
  for (const message of ordered) messages.push(...convertMessage(message, ctx.attachment, savedOutputs));
  const models: string[] = [];
  for (const m of messages) if (m.model && !models.includes(m.model)) models.push(m.model);

  const children: Session[] = [];
  for (const child of plan.children) children.push(await buildSession(ctx, child));
  const [first, ...rest] = plan.files;
  return createSession({
    source: 'gemini',
    sessionId: plan.sessionId,
    sourceLocation: {
      path: first?.path ?? '',
      ...(rest.length ? { extraPaths: rest.map((f) => f.path) } : {}),
    },
    title: typeof meta.summary === 'string' ? meta.summary : undefined,
    cwd: plan.cwd ?? resolveFromDirectories(ctx, meta),
    startedAt: toIsoTime(meta.startTime),
    endedAt: toIsoTime(meta.lastUpdated),
    models,
    messages,
    diagnostics: diagnostics.list(),
    children,
    agent: plan.agentType ? { id: plan.sessionId, type: plan.agentType } : undefined,
    meta: {
      ...(meta.projectHash ? { projectHash: meta.projectHash } : {}),
      ...(first ? { projectDir: first.projectDir } : {}),
      ...(meta.kind ? { kind: meta.kind } : {}),
    },
  });
}

/** One saved chat file: its session fields and its messages by id (a rewritten row replaced in place). */
interface ChatSave {
  order: number;
  meta: GeminiChatMeta;
  messages: Merged;
}

type OrderedFile = ChatFile & { order: number };

/**
 * An older JSON chat: one document with the session fields and a `messages` array, which tool results
 * (file contents, command output) can make hundreds of MB: streamed message by message, never held whole.
 */
async function readJsonChat(
  ctx: AdapterContext,
  file: OrderedFile,
  diagnostics: DiagnosticsCollector,
): Promise<ChatSave> {
  const save: ChatSave = { order: file.order, meta: {}, messages: new Map() };
  const fields: Record<string, unknown> = {};
  const { found } = await ctx.eachJsonItem(
    file.path,
    (message, i) => upsert(save.messages, message, `${file.path}#${i}`),
    {
      at: ['messages'],
      onField: (key, value) => {
        fields[key] = value;
      },
      diagnostics,
    },
  );
  if (!found && Object.keys(fields).length === 0) throw new Error('not a chat object');
  mergeMeta(save.meta, fields as GeminiChatMeta);
  return save;
}

/**
 * A newer JSONL chat: a metadata line, message rows, `{"$set":{…}}` rows updating session fields (or
 * carrying a `messages` snapshot), and rewritten turns that repeat a message id. Unknown rows are skipped.
 */
async function readJsonlChat(
  ctx: AdapterContext,
  file: OrderedFile,
  diagnostics: DiagnosticsCollector,
): Promise<ChatSave> {
  const save: ChatSave = { order: file.order, meta: {}, messages: new Map() };
  for await (const { line, value } of ctx.readJsonl(file.path, diagnostics)) {
    const row = asRecord(value);
    if (!row) continue;
    const set = row.$set;
    if (isRecord(set)) {
      const { messages, ...fields } = set as GeminiChatMeta & { messages?: unknown };
      mergeMeta(save.meta, fields);
      if (Array.isArray(messages)) {
        for (const [i, m] of messages.entries()) upsert(save.messages, m, `${file.path}#${line}.${i}`);
      }
    } else if (typeof row.type === 'string') upsert(save.messages, row, `${file.path}#${line}`);
    else if (typeof row.sessionId === 'string') mergeMeta(save.meta, row as GeminiChatMeta);
  }
  return save;
}

function upsert(merged: Merged, message: unknown, fallbackKey: string): void {
  if (typeof message !== 'object' || message === null) return;
  const m = message as GeminiMessage;
  merged.set(typeof m.id === 'string' && m.id ? m.id : fallbackKey, m);
}

/** Later files and rows win, except the start time (earliest) and last update (latest). */
function mergeMeta(into: GeminiChatMeta, from: GeminiChatMeta): void {
  const startTime = earliest(into.startTime, from.startTime);
  const lastUpdated = latest(into.lastUpdated, from.lastUpdated);
  for (const [key, value] of Object.entries(from)) {
    if (value !== undefined && value !== null) (into as Record<string, unknown>)[key] = value;
  }
  if (startTime !== undefined) into.startTime = startTime;
  if (lastUpdated !== undefined) into.lastUpdated = lastUpdated;
}

function earliest(a: unknown, b: unknown): string | undefined {
  const [x, y] = [toIsoTime(a), toIsoTime(b)];
  return x && y ? (compareText(x, y) <= 0 ? x : y) : (x ?? y);
}

function latest(a: unknown, b: unknown): string | undefined {
  const [x, y] = [toIsoTime(a), toIsoTime(b)];
  return x && y ? (compareText(x, y) >= 0 ? x : y) : (x ?? y);
}

/** Stable sort by timestamp: merged files interleave; an untimed message stays after its predecessor. */
function sortByTime(messages: GeminiMessage[]): GeminiMessage[] {
  let previous = Number.NEGATIVE_INFINITY;
  const keyed = messages.map((m, i) => {
    const t = Date.parse(typeof m.timestamp === 'string' ? m.timestamp : '');
    if (!Number.isNaN(t)) previous = t;
    return { m, i, t: previous };
  });
  keyed.sort((a, b) => a.t - b.t || a.i - b.i);
  return keyed.map((k) => k.m);
}

/** Last resort for a hash-named project: a directory the chat lists whose SHA-256 is the project hash. */
function resolveFromDirectories(ctx: AdapterContext, meta: GeminiChatMeta): string | undefined {
  if (!meta.projectHash || !Array.isArray(meta.directories)) return undefined;
  return meta.directories.find((d) => typeof d === 'string' && ctx.hash(d) === meta.projectHash);
}

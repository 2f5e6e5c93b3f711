import { basename } from 'node:path';
import {
  type AdapterContext,
  arr,
  asRecord,
  ConvxError,
  createSession,
  type DiagnosticsCollector,
  type JsonRecord,
  type Message,
  type MessageSink,
  num,
  type Session,
  type SessionRef,
  str,
  TimeSpan,
  toIsoTime,
} from '@convx/core';
import { readSdkMessages, readTaskHistory, readUi, readUiRecords } from './load-files.js';
import { emptyUiFacts, parseUiMessages } from './parse-ui.js';
import { TASK_FILES } from './paths.js';
import type { ClineRefData, SdkPlan, TaskPlan } from './types.js';

/** Who is loading: the source name sessions are keyed under, and the extension, kept in `meta`. */
export interface LoadSource {
  name: string;
  extensionId: string;
}

/**
 * Loads a discovered task (with its subtasks) or SDK session. With `emit`, the session's own messages go
 * there as each history entry is parsed, and the session comes back without them (subtasks stay whole).
 */
export async function loadSession(
  ctx: AdapterContext,
  ref: SessionRef<ClineRefData>,
  source: LoadSource,
  emit?: MessageSink,
): Promise<Session> {
  const plan = ref.data;
  const id = plan?.kind === 'task' ? plan.taskId : plan?.sessionId;
  if (!plan || id !== ref.sessionId) {
    throw new ConvxError(
      'INVALID_SESSION',
      `${source.name}: ${ref.path} was not discovered by this adapter`,
      source.name,
    );
  }
  const out = emit ? new Streamed(emit) : undefined;
  return plan.kind === 'task'
    ? loadTask(ctx, plan, source, false, out)
    : loadSdk(ctx, plan, source, false, out);
}

/** Where a streamed session's messages go, and the time span they cover (as `createSession` derives it). */
class Streamed {
  readonly span = new TimeSpan();
  readonly emit: MessageSink = (message) => {
    this.span.add(message.timestamp);
    this.sink(message);
  };
  constructor(private readonly sink: MessageSink) {}
}

async function loadTask(
  ctx: AdapterContext,
  plan: TaskPlan,
  source: LoadSource,
  isChild: boolean,
  out?: Streamed,
): Promise<Session> {
  ctx.signal.throwIfAborted();
  const diagnostics = ctx.diagnostics();
  const { files } = plan;
  // The UI messages first: their times date the history entries that carry none. They are kept only for a
  // task without a history file.
  const ui = files.ui ? await readUi(ctx, files.ui, diagnostics, !files.api) : undefined;
  const facts = ui?.facts ?? emptyUiFacts();
  const api = files.api ? await readTaskHistory(ctx, files.api, facts, diagnostics, out?.emit) : undefined;
  const uiRecords = api
    ? undefined
    : (ui?.records ?? (files.ui && ui ? await readUiRecords(ctx, files.ui) : undefined));
  if (!api && !uiRecords)
    throw new Error(`${plan.dir}: neither the conversation history nor the UI messages could be read`);
  const metadata = files.metadata ? await readRecord(ctx, files.metadata, diagnostics) : undefined;
  const history = files.historyItem ? await readRecord(ctx, files.historyItem, diagnostics) : undefined;

  let messages: Message[];
  let cwd = str(history?.workspace) ?? str(history?.cwdOnTaskInitialization);
  let mode = str(history?.mode);
  const models: string[] = [];
  const addModels = (list: (string | undefined)[]) => {
    for (const m of list) if (m && !models.includes(m)) models.push(m);
  };
  if (api) {
    messages = api.messages;
    cwd ??= api.facts.cwd;
    mode ??= api.facts.mode;
    addModels(api.facts.models);
  } else {
    messages = parseUiMessages(uiRecords ?? [], {
      diagnostics,
      keep: ctx.attachment,
      path: files.ui as string,
    });
    if (out) for (const message of messages.splice(0)) out.emit(message);
  }
  addModels(facts.models);
  addModels(arr(metadata?.model_usage).map((u) => str(asRecord(u)?.model_id)));

  const children: Session[] = [];
  for (const child of plan.children) children.push(await loadTask(ctx, child, source, true));
  const idTime = /^\d{13}$/.test(plan.taskId) ? Number(plan.taskId) : undefined;
  const environment = asRecord(arr(metadata?.environment_history).at(-1));
  const meta: JsonRecord = {
    extension: source.extensionId,
    store: files.ui && basename(files.ui) === TASK_FILES.legacyUi ? 'claude-dev' : 'tasks',
  };
  if (!api) meta.history = 'missing: exported from the UI messages';
  if (mode) meta.mode = mode;
  if (str(history?.apiConfigName)) meta.apiConfigName = history?.apiConfigName;
  if (str(history?.status)) meta.status = history?.status;
  if (facts.tokensIn || facts.tokensOut)
    Object.assign(meta, { tokensIn: facts.tokensIn, tokensOut: facts.tokensOut });
  if (facts.cost) meta.cost = Math.round(facts.cost * 1e6) / 1e6;
  if (str(environment?.cline_version)) meta.clineVersion = environment?.cline_version;
  const firstPrompt = messages.find((m) => m.kind === 'text' && m.role === 'user');
  return createSession({
    source: source.name,
    sessionId: plan.taskId,
    sourceLocation: { path: plan.dir, extraPaths: filesOf(plan) },
    cwd,
    startedAt: toIsoTime(facts.firstTs ?? num(history?.ts) ?? idTime) ?? out?.span.startedAt,
    endedAt: toIsoTime(facts.lastTs) ?? out?.span.endedAt,
    models,
    messages,
    diagnostics: diagnostics.list(),
    children,
    agent: isChild
      ? {
          id: plan.taskId,
          ...(mode ? { type: mode } : {}),
          ...(firstPrompt?.kind === 'text' && firstPrompt.text
            ? { description: firstLine(firstPrompt.text) }
            : {}),
        }
      : undefined,
    meta,
  });
}

async function loadSdk(
  ctx: AdapterContext,
  plan: SdkPlan,
  source: LoadSource,
  isChild: boolean,
  out?: Streamed,
): Promise<Session> {
  ctx.signal.throwIfAborted();
  const diagnostics = ctx.diagnostics();
  const { parser: parsed, fields: file } = await readSdkMessages(ctx, plan.messages, diagnostics, out?.emit);
  const manifest = plan.manifest ? await readRecord(ctx, plan.manifest, diagnostics) : undefined;
  const metadata = asRecord(manifest?.metadata);
  const models = [...parsed.facts.models];
  const manifestModel = str(manifest?.model);
  if (manifestModel && !models.includes(manifestModel)) models.push(manifestModel);
  const children: Session[] = [];
  for (const child of plan.children) children.push(await loadSdk(ctx, child, source, true));
  const title = str(metadata?.title);
  const meta: JsonRecord = { store: 'sessions' };
  for (const [key, value] of [
    ['agent', file.agent],
    ['provider', manifest?.provider],
    ['status', manifest?.status],
    ['mode', metadata?.mode],
    ['host', manifest?.source],
  ] as const)
    if (str(value)) meta[key] = value;
  return createSession({
    source: source.name,
    sessionId: plan.sessionId,
    sourceLocation: { path: plan.messages, ...(plan.manifest ? { extraPaths: [plan.manifest] } : {}) },
    title,
    cwd: str(manifest?.cwd) ?? str(manifest?.workspace_root) ?? parsed.facts.cwd,
    startedAt: toIsoTime(manifest?.started_at) ?? out?.span.startedAt,
    endedAt: toIsoTime(manifest?.ended_at ?? file.updated_at) ?? out?.span.endedAt,
    models,
    messages: parsed.messages,
    diagnostics: diagnostics.list(),
    children,
    agent: isChild
      ? { id: plan.sessionId, type: str(file.agent) ?? 'subagent', ...(title ? { description: title } : {}) }
      : undefined,
    meta,
  });
}

async function readRecord(
  ctx: AdapterContext,
  path: string,
  diagnostics: DiagnosticsCollector,
): Promise<JsonRecord | undefined> {
  try {
    return asRecord(await ctx.readJson(path));
  } catch (error) {
    diagnostics.add('unreadable-file', `${basename(path)} could not be read (${(error as Error).message})`, {
      path,
    });
    return undefined;
  }
}

function filesOf(plan: TaskPlan): string[] {
  const { api, ui, metadata, historyItem } = plan.files;
  return [api, ui, metadata, historyItem].filter((p): p is string => !!p);
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0]?.trim() ?? '';
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

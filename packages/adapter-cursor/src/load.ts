import type { DatabaseSync } from 'node:sqlite';
import {
  type AdapterContext,
  createSession,
  type DiagnosticsCollector,
  type Message,
  type Session,
  type SessionRef,
  toIsoTime,
} from '@convx/core';
import { COMPOSER_DATA_KEY, COMPOSER_ROW_PREFIX, LEGACY_CHAT_KEY } from './discover-scan.js';
import { readBubbleRows, readGlobalComposer, readLegacyTab, readWorkspaceComposer } from './load-rows.js';
import { bubbleMessages, bubbleModel } from './parse.js';
import { legacyTabMessages } from './parse-legacy.js';
import { keptDatabase } from './sqlite.js';
import type { CursorRefData, Era, RawBubble, RawComposer, RawTab } from './types.js';

interface Loaded {
  era: Era;
  locator: string;
  title?: unknown;
  createdAt?: unknown;
  lastUpdatedAt?: unknown;
  messages: Message[];
  models: string[];
  meta: Record<string, unknown>;
}

/** What one load reads from the database: rows only, so a read that must be repeated has no side effects. */
type Rows =
  | { era: 'legacy-chat'; tab: RawTab }
  | { era: 'workspace-inline'; composer: RawComposer }
  | { era: 'global-inline' | 'global-bubbles'; composer: RawComposer; bubbleRows?: Map<string, string> };

/** Reads one conversation from its database (opened read-only; kept open for the run's next load). */
export async function loadCursorSession(
  ctx: AdapterContext,
  ref: SessionRef<CursorRefData>,
): Promise<Session> {
  const data = ref.data;
  if (!data?.era || !data.db) throw new Error(`no discovery data for Cursor session ${ref.sessionId}`);
  const diagnostics = ctx.diagnostics();
  for (const problem of data.project?.problems ?? []) {
    diagnostics.add(problem.code, problem.message, problem.path ? { path: problem.path } : {});
  }
  const loaded =
    data.era === 'deleted'
      ? deletedConversation(data)
      : toLoaded(
          keptDatabase(ctx).read(data.db, (db) => readRows(db, data)),
          data,
          diagnostics,
        );
  const stamped = loaded.messages.some((m) => m.timestamp !== undefined);
  const project = data.project;
  return createSession({
    source: 'cursor',
    sessionId: ref.sessionId,
    title: (typeof loaded.title === 'string' && loaded.title) || data.title,
    cwd: project?.cwd,
    // Bubbles carry times only in recent versions; otherwise the composer's own times bound the session.
    startedAt: stamped ? undefined : toIsoTime(loaded.createdAt ?? data.createdAt),
    endedAt: stamped ? undefined : toIsoTime(loaded.lastUpdatedAt ?? data.lastUpdatedAt),
    models: loaded.models,
    sourceLocation: {
      path: data.db,
      locator: loaded.locator,
      ...(data.workspaceDb ? { extraPaths: [data.workspaceDb] } : {}),
    },
    messages: loaded.messages,
    diagnostics: diagnostics.list(),
    meta: { era: loaded.era, ...loaded.meta, ...(project?.meta ?? {}) },
  });
}

function readRows(db: DatabaseSync, data: CursorRefData): Rows {
  switch (data.era) {
    case 'legacy-chat': {
      const tab = readLegacyTab(db, data.id);
      if (!tab) throw new Error(`chat tab ${data.id} is no longer in the database`);
      return { era: data.era, tab };
    }
    case 'workspace-inline': {
      const composer = readWorkspaceComposer(db, data.id);
      if (!composer) throw new Error(`composer ${data.id} is no longer in the database`);
      return { era: data.era, composer };
    }
    case 'global-inline':
    case 'global-bubbles': {
      const text = readGlobalComposer(db, data.id);
      if (text === undefined) throw new Error(`composer ${data.id} is no longer in the database`);
      const composer = JSON.parse(text) as RawComposer;
      // Bubble-per-row composers: every row in one range query, put in the headers' order by the caller.
      if (!headersOf(composer).length) return { era: 'global-inline', composer };
      return { era: 'global-bubbles', composer, bubbleRows: readBubbleRows(db, data.id) };
    }
    case 'deleted':
      throw new Error(`composer ${data.id} was deleted in Cursor`);
  }
}

function toLoaded(rows: Rows, data: CursorRefData, diagnostics: DiagnosticsCollector): Loaded {
  switch (rows.era) {
    case 'legacy-chat': {
      const { messages, models } = legacyTabMessages(rows.tab, diagnostics, data.db);
      const time = rows.tab.lastSendTime;
      return {
        era: rows.era,
        locator: `ItemTable:${LEGACY_CHAT_KEY}#${data.id}`,
        title: rows.tab.chatTitle,
        createdAt: time,
        lastUpdatedAt: time,
        messages,
        models,
        meta: {},
      };
    }
    case 'workspace-inline': {
      const locator = `ItemTable:${COMPOSER_DATA_KEY}#${data.id}`;
      const bubbles = inlineBubbles(rows.composer);
      return composerSession(rows.composer, rows.era, locator, bubbles, diagnostics, data.db);
    }
    default: {
      const bubbles = rows.bubbleRows
        ? orderedBubbles(headersOf(rows.composer), rows.bubbleRows, diagnostics, data.db)
        : inlineBubbles(rows.composer);
      const locator = `cursorDiskKV:${COMPOSER_ROW_PREFIX}${data.id}`;
      return composerSession(rows.composer, rows.era, locator, bubbles, diagnostics, data.db);
    }
  }
}

/** A conversation deleted in Cursor (its row kept, NULL): no messages, so the engine skips it. */
function deletedConversation(data: CursorRefData): Loaded {
  return {
    era: 'deleted',
    locator: `cursorDiskKV:${COMPOSER_ROW_PREFIX}${data.id}`,
    messages: [],
    models: [],
    meta: { deletedInCursor: true },
  };
}

function headersOf(composer: RawComposer): unknown[] {
  return Array.isArray(composer.fullConversationHeadersOnly) ? composer.fullConversationHeadersOnly : [];
}

function composerSession(
  composer: RawComposer,
  era: Era,
  locator: string,
  bubbles: RawBubble[],
  diagnostics: DiagnosticsCollector,
  path: string,
): Loaded {
  const messages: Message[] = [];
  const models: string[] = [];
  for (const bubble of bubbles) {
    messages.push(...bubbleMessages(bubble, diagnostics, path));
    const model = bubbleModel(bubble);
    if (model && !models.includes(model)) models.push(model);
  }
  const selected = composer.modelConfig?.modelName;
  if (typeof selected === 'string' && selected && selected !== 'default' && !models.includes(selected)) {
    models.push(selected);
  }
  const meta: Record<string, unknown> = {};
  if (typeof composer._v === 'number') meta.composerVersion = composer._v;
  const mode = composer.unifiedMode ?? composer.forceMode;
  if (typeof mode === 'string' && mode) meta.mode = mode;
  return {
    era,
    locator,
    title: composer.name,
    createdAt: composer.createdAt,
    lastUpdatedAt: composer.lastUpdatedAt,
    messages,
    models,
    meta,
  };
}

function inlineBubbles(composer: RawComposer): RawBubble[] {
  const conversation = Array.isArray(composer.conversation) ? composer.conversation : [];
  return conversation.filter((b): b is RawBubble => typeof b === 'object' && b !== null);
}

/** The bubble rows in the order the composer's headers list them; missing or broken rows are counted. */
function orderedBubbles(
  headers: unknown[],
  rows: Map<string, string>,
  diagnostics: DiagnosticsCollector,
  path: string,
): RawBubble[] {
  const out: RawBubble[] = [];
  for (const header of headers) {
    const { bubbleId, type } = (header ?? {}) as { bubbleId?: unknown; type?: unknown };
    if (typeof bubbleId !== 'string') continue;
    const text = rows.get(bubbleId);
    if (text === undefined) {
      diagnostics.add('missing-bubble', 'a message listed by the composer has no bubble row', { path });
      continue;
    }
    try {
      const bubble = JSON.parse(text) as RawBubble;
      out.push({ ...bubble, bubbleId: bubble.bubbleId ?? bubbleId, type: bubble.type ?? type });
    } catch {
      diagnostics.add('malformed-bubble', 'a bubble row holds invalid JSON and was skipped', { path });
    }
  }
  return out;
}

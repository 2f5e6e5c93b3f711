import { basename, relative, sep } from 'node:path';
import { type AdapterContext, compareText, type SessionRef, type WalkEntry } from '@convx/core';
import { type ChatHead, peekChatHead } from './discover-peek.js';
import { resolveProjects } from './paths.js';
import type { ChatFile, GeminiRefData, SessionPlan } from './types.js';

const SKILL_PREFIX = 'skill-extraction-';

/**
 * Finds every chat file under `tmp/<project-dir>/chats/`, reads its session id from its head (cached), merges
 * the files of one session, nests subagent and skill-extraction chats under a known parent, and lists one
 * ref per top-level session.
 */
export async function discoverSessions(
  ctx: AdapterContext,
  locations: string[],
): Promise<SessionRef<GeminiRefData>[]> {
  const files: ChatFile[] = [];
  for (const tmpRoot of locations) {
    const found: { entry: WalkEntry; projectDir: string; inChats: string[] }[] = [];
    for (const entry of ctx.walk(tmpRoot, {
      patterns: ['*/chats/**/*.json', '*/chats/**/*.jsonl'],
      deep: 4,
    })) {
      const parts = relative(tmpRoot, entry.path).split(sep);
      const projectDir = parts[0];
      if (projectDir === undefined || parts[1] !== 'chats') continue;
      found.push({ entry, projectDir, inChats: parts.slice(2) });
    }
    const projects = await resolveProjects(ctx, tmpRoot, new Set(found.map((f) => f.projectDir)));
    for (const { entry, projectDir, inChats } of found) {
      let head: ChatHead;
      try {
        head = await peekChatHead(ctx, entry);
      } catch (error) {
        ctx.report({ path: entry.path, message: `unreadable chat file: ${(error as Error).message}` });
        continue;
      }
      files.push(describeFile(entry, projectDir, inChats, head, projects.get(projectDir)));
    }
  }
  const refs: SessionRef<GeminiRefData>[] = [];
  for (const plan of planSessions(files)) {
    const all = flatten(plan);
    const stamp = all.map((f) => `${f.path}|${f.size}|${f.mtimeMs}`).join('\n');
    refs.push({
      sessionId: plan.sessionId,
      fingerprint: ctx.hash(stamp),
      path: plan.files[0]?.path ?? '',
      files: all.map((f) => f.path),
      size: all.reduce((sum, f) => sum + f.size, 0),
      data: plan,
    });
  }
  return refs;
}

function describeFile(
  entry: WalkEntry,
  projectDir: string,
  inChats: string[],
  head: ChatHead,
  cwd: string | undefined,
): ChatFile {
  const stem = basename(entry.path).replace(/\.jsonl?$/, '');
  const file: ChatFile = {
    path: entry.path,
    size: entry.size,
    mtimeMs: entry.mtimeMs,
    projectDir,
    sessionId: '',
  };
  if (cwd) file.cwd = cwd;
  const folder = inChats.length >= 2 ? inChats[0] : undefined;
  if (folder?.startsWith(SKILL_PREFIX)) {
    file.agentType = 'skill-extraction';
    file.parentId = head.parentSessionId ?? folder.slice(SKILL_PREFIX.length);
  } else if (folder !== undefined) {
    file.agentType = 'subagent';
    file.parentId = head.parentSessionId ?? folder;
  } else if (head.kind === 'subagent' && head.parentSessionId) {
    file.agentType = 'subagent';
    file.parentId = head.parentSessionId;
  }
  // A subagent chat may repeat its parent's id inside; then its file name is its own id.
  file.sessionId = head.sessionId && head.sessionId !== file.parentId ? head.sessionId : stem;
  return file;
}

/** Groups files by session id and nests children under parents that exist; returns the roots by id. */
export function planSessions(files: ChatFile[]): SessionPlan[] {
  const plans = new Map<string, SessionPlan>();
  const parentOf = new Map<string, string>();
  const sorted = [...files].sort((a, b) => a.mtimeMs - b.mtimeMs || compareText(a.path, b.path));
  for (const file of sorted) {
    let plan = plans.get(file.sessionId);
    if (!plan) {
      plan = { sessionId: file.sessionId, files: [], children: [] };
      plans.set(file.sessionId, plan);
    }
    plan.files.push(file);
    if (plan.cwd === undefined && file.cwd) plan.cwd = file.cwd;
    if (file.agentType && plan.agentType === undefined) plan.agentType = file.agentType;
    if (file.parentId && !parentOf.has(file.sessionId)) parentOf.set(file.sessionId, file.parentId);
  }
  const roots: SessionPlan[] = [];
  for (const plan of [...plans.values()].sort((a, b) => (a.sessionId < b.sessionId ? -1 : 1))) {
    const parentId = parentOf.get(plan.sessionId);
    const parent = parentId === undefined ? undefined : plans.get(parentId);
    if (parent && !isAncestor(plan.sessionId, parentId, parentOf)) parent.children.push(plan);
    else roots.push(plan);
  }
  return roots;
}

/** True when `id` appears up the parent chain from `start` (a cycle): such a chat stays top-level. */
function isAncestor(id: string, start: string | undefined, parentOf: Map<string, string>): boolean {
  const seen = new Set<string>();
  for (let at = start; at !== undefined && !seen.has(at); at = parentOf.get(at)) {
    if (at === id) return true;
    seen.add(at);
  }
  return false;
}

function flatten(plan: SessionPlan): ChatFile[] {
  const out = [...plan.files, ...plan.children.flatMap(flatten)];
  return out.sort((a, b) => compareText(a.path, b.path));
}

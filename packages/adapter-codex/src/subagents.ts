import type { AdapterContext, WalkEntry } from '@convx/core';
import { asRecord, str } from '@convx/core';

/** A rollout found on disk, with the thread it was spawned from when it is a subagent. */
export interface Rollout extends WalkEntry {
  sessionId: string;
  parentId?: string;
  /** The fingerprint the index recorded for it, when the run knows it is out of scope (not stat-ed). */
  outside?: string;
}

/** A top-level session and the subagent rollouts spawned below it (recursively), in path order. */
export interface RolloutTree {
  rollout: Rollout;
  children: RolloutTree[];
}

/** One subagent rollout to nest under its parent, with its own subagents. */
export interface ChildPlan {
  sessionId: string;
  path: string;
  children: ChildPlan[];
}

/** What `ref.data` carries from discover to `load`: the subagent files to nest, as a tree. */
export interface CodexRefData {
  children: ChildPlan[];
}

// Subagent spawns exist only since 0.98, whose thread ids are UUIDv7: older files are never peeked at.
export const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7/i;

/** Whether a rollout may be a subagent: a JSONL file of a UUIDv7 thread (older ones never are). */
export function maySpawnFrom(rollout: Rollout): boolean {
  return rollout.path.endsWith('.jsonl') && UUID_V7.test(rollout.sessionId);
}

/**
 * The `parent_thread_id` in a rollout's first line (`session_meta.source.subagent.thread_spawn`), or
 * undefined. Cached by path, size and mtime, so a warm run reads no file.
 */
export async function parentThreadOf(ctx: AdapterContext, rollout: Rollout): Promise<string | undefined> {
  if (!maySpawnFrom(rollout)) return undefined;
  const key = `parent:${rollout.path}:${rollout.size}:${rollout.mtimeMs}`;
  const cached = ctx.cache.get(key);
  if (typeof cached === 'string') return cached || undefined;
  let parent = '';
  for await (const { text } of ctx.readLines(rollout.path)) {
    if (text.includes('"subagent"')) parent = parentFromMetaLine(text) ?? '';
    break;
  }
  ctx.cache.set(key, parent);
  return parent || undefined;
}

function parentFromMetaLine(text: string): string | undefined {
  try {
    const record = asRecord(JSON.parse(text));
    if (record?.type !== 'session_meta') return undefined;
    const source = asRecord(asRecord(record.payload)?.source);
    const spawn = asRecord(asRecord(source?.subagent)?.thread_spawn);
    return str(spawn?.parent_thread_id);
  } catch {
    return undefined; // a broken first line: load() counts it; here the rollout just stays top-level
  }
}

/**
 * Hangs every subagent rollout under the rollout of its parent thread. A subagent whose parent is not on
 * disk (deleted, or outside the locations) stays top-level, so it is never lost; so does a cycle.
 */
export function nestSubagents(rollouts: Rollout[]): RolloutTree[] {
  const nodes = new Map(rollouts.map((r) => [r.sessionId, { rollout: r, children: [] as RolloutTree[] }]));
  const roots: RolloutTree[] = [];
  for (const rollout of rollouts) {
    const node = nodes.get(rollout.sessionId);
    if (!node) continue;
    const parent = rollout.parentId ? nodes.get(rollout.parentId) : undefined;
    if (parent && !reachesItself(rollout, nodes)) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Whether following parent ids from this rollout comes back to it. */
function reachesItself(start: Rollout, nodes: Map<string, RolloutTree>): boolean {
  const seen = new Set<string>();
  let current: Rollout | undefined = start;
  while (current?.parentId) {
    if (current.parentId === start.sessionId) return true;
    if (seen.has(current.sessionId)) return false;
    seen.add(current.sessionId);
    current = nodes.get(current.parentId)?.rollout;
  }
  return false;
}

/** Every rollout of a tree, parent first. */
export function flatten(tree: RolloutTree): Rollout[] {
  return [tree.rollout, ...tree.children.flatMap(flatten)];
}

export function childPlans(tree: RolloutTree): ChildPlan[] {
  return tree.children.map((child) => ({
    sessionId: child.rollout.sessionId,
    path: child.rollout.path,
    children: childPlans(child),
  }));
}

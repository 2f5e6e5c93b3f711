import { basename, dirname, join } from 'node:path';
import { type AdapterContext, asRecord, compareText, type SessionRef, splitPath, str } from '@convx/core';
import { TASK_FILES } from './paths.js';
import type { ClineRefData, SdkPlan, TaskFiles, TaskPlan } from './types.js';

type Stamp = { size: number; mtimeMs: number };
const FILE_KEY: Record<string, keyof TaskFiles> = {
  [TASK_FILES.api]: 'api',
  [TASK_FILES.ui]: 'ui',
  [TASK_FILES.legacyUi]: 'ui',
  [TASK_FILES.metadata]: 'metadata',
  [TASK_FILES.historyItem]: 'historyItem',
};

/**
 * Lists the tasks under each location: an extension's storage folder or the Cline data folder (`tasks/`,
 * `sessions/`), a `tasks` folder, or one task folder. Discovery stats files; the only reads are the small
 * `history_item.json` / SDK manifest for a parent link, cached by size and mtime. Subtasks are nested under
 * their parent; one whose parent is missing is exported alone.
 */
export async function discoverSessions(
  ctx: AdapterContext,
  locations: string[],
): Promise<SessionRef<ClineRefData>[]> {
  const tasks = new Map<string, { plan: TaskPlan; stamps: Map<string, Stamp> }>();
  const sdk = new Map<string, { plan: SdkPlan; stamps: Map<string, Stamp> }>();
  for (const location of locations) {
    const stat = await ctx.stat(location);
    if (!stat) continue;
    const name = basename(location);
    if (stat.isFile) {
      if (FILE_KEY[name]) await collectTasks(ctx, dirname(location), true, tasks);
      continue;
    }
    if (await isTaskFolder(ctx, location)) await collectTasks(ctx, location, true, tasks);
    else if (name === 'tasks') await collectTasks(ctx, location, false, tasks);
    else {
      await collectTasks(ctx, join(location, 'tasks'), false, tasks);
      await collectSdk(ctx, join(location, 'sessions'), sdk);
    }
  }
  const refs: SessionRef<ClineRefData>[] = [];
  for (const { plan, fingerprint, files, size } of nest(ctx, tasks, (p) => p.taskId)) {
    refs.push({ sessionId: plan.taskId, fingerprint, path: plan.dir, files, size, data: plan });
  }
  for (const { plan, fingerprint, files, size } of nest(ctx, sdk, (p) => p.sessionId)) {
    refs.push({ sessionId: plan.sessionId, fingerprint, path: plan.messages, files, size, data: plan });
  }
  return refs;
}

async function isTaskFolder(ctx: AdapterContext, dir: string): Promise<boolean> {
  for (const file of [TASK_FILES.api, TASK_FILES.ui, TASK_FILES.legacyUi]) {
    if ((await ctx.stat(join(dir, file)))?.isFile) return true;
  }
  return false;
}

/** Task folders under `root` (or `root` itself when `single`), grouped by folder. */
async function collectTasks(
  ctx: AdapterContext,
  root: string,
  single: boolean,
  into: Map<string, { plan: TaskPlan; stamps: Map<string, Stamp> }>,
): Promise<void> {
  const patterns = Object.keys(FILE_KEY).map((file) => (single ? file : `*/${file}`));
  const found = new Map<string, { files: TaskFiles; stamps: Map<string, Stamp> }>();
  // `_index.json` and other `_`-prefixed entries are Roo's caches, not tasks.
  for (const entry of ctx.walk(root, { patterns, ignore: ['_*'], deep: single ? 1 : 2 })) {
    const { dir, name } = splitPath(entry.path);
    const key = FILE_KEY[name];
    if (!key) continue;
    const task = found.get(dir) ?? { files: {}, stamps: new Map<string, Stamp>() };
    found.set(dir, task);
    // `ui_messages.json` wins over Claude Dev's `claude_messages.json` when a task has both (a migration).
    if (key === 'ui' && task.files.ui && name === TASK_FILES.legacyUi) continue;
    task.files[key] = entry.path;
    task.stamps.set(name, { size: entry.size, mtimeMs: entry.mtimeMs });
  }
  for (const [dir, { files, stamps }] of found) {
    if (!files.api && !files.ui) continue; // metadata alone: nothing was said
    const taskId = splitPath(dir).name;
    if (into.has(taskId)) continue;
    const plan: TaskPlan = { kind: 'task', taskId, dir, files, children: [] };
    const parentId = files.historyItem
      ? await parentOf(ctx, files.historyItem, stamps.get(TASK_FILES.historyItem), ['parentTaskId'])
      : undefined;
    if (parentId) plan.parentId = parentId;
    into.set(taskId, { plan, stamps });
  }
}

/** SDK session folders: `sessions/<id>/<id>.messages.json` with the manifest `<id>.json` beside it. */
async function collectSdk(
  ctx: AdapterContext,
  root: string,
  into: Map<string, { plan: SdkPlan; stamps: Map<string, Stamp> }>,
): Promise<void> {
  for (const entry of ctx.walk(root, { patterns: ['*/*.messages.json'], deep: 2 })) {
    const sessionId = basename(entry.path).slice(0, -'.messages.json'.length);
    if (!sessionId || into.has(sessionId)) continue;
    const stamps = new Map<string, Stamp>([[basename(entry.path), entry]]);
    const plan: SdkPlan = { kind: 'sdk', sessionId, messages: entry.path, children: [] };
    const manifest = join(dirname(entry.path), `${sessionId}.json`);
    const stat = await ctx.stat(manifest);
    if (stat?.isFile) {
      plan.manifest = manifest;
      stamps.set(basename(manifest), stat);
      const parentId = await parentOf(ctx, manifest, stat, ['parent_session_id', 'parentSessionId']);
      if (parentId) plan.parentId = parentId;
    }
    into.set(sessionId, { plan, stamps });
  }
}

/** The parent id a small JSON side file names, cached by size and mtime so warm runs only stat it. */
async function parentOf(
  ctx: AdapterContext,
  path: string,
  stamp: Stamp | undefined,
  fields: string[],
): Promise<string | undefined> {
  const key = `parent\u0000${path}\u0000${stamp?.size}\u0000${stamp?.mtimeMs}`;
  const cached = ctx.cache.get(key);
  if (typeof cached === 'string') return cached || undefined;
  let parent = '';
  try {
    const record = asRecord(await ctx.readJson(path));
    const metadata = asRecord(record?.metadata);
    for (const field of fields) parent ||= str(record?.[field]) ?? str(metadata?.[field]) ?? '';
  } catch {
    parent = ''; // an unreadable side file only loses the link; load reports it
  }
  ctx.cache.set(key, parent);
  return parent || undefined;
}

interface Nested<P> {
  plan: P;
  fingerprint: string;
  files: string[];
  size: number;
}

/** Nests children under their parents (no cycles) and fingerprints each root with all it holds. */
function nest<P extends ClineRefData>(
  ctx: AdapterContext,
  found: Map<string, { plan: P; stamps: Map<string, Stamp> }>,
  idOf: (plan: P) => string,
): Nested<P>[] {
  const ids = [...found.keys()].sort(compareText);
  const roots: P[] = [];
  for (const id of ids) {
    const { plan } = found.get(id) as { plan: P };
    const parent = plan.parentId ? found.get(plan.parentId)?.plan : undefined;
    if (parent && !descendsFrom(parent, id, found, idOf)) (parent.children as P[]).push(plan);
    else roots.push(plan);
  }
  return roots.map((plan) => {
    const parts: string[] = [];
    const files: string[] = [];
    let size = 0;
    const visit = (p: P) => {
      const { stamps } = found.get(idOf(p)) as { stamps: Map<string, Stamp> };
      for (const [name, s] of [...stamps].sort(([a], [b]) => compareText(a, b))) {
        parts.push(`${idOf(p)}/${name}:${s.size}:${Math.trunc(s.mtimeMs)}`);
        size += s.size;
      }
      files.push(...filesOf(p));
      for (const child of p.children as P[]) visit(child);
    };
    visit(plan);
    const fingerprint = plan.children.length ? `nested:${ctx.hash(parts.join('\n'))}` : parts.join('|');
    return { plan, fingerprint, files, size };
  });
}

function filesOf(plan: ClineRefData): string[] {
  if (plan.kind === 'sdk') return [plan.messages, plan.manifest].filter((p): p is string => !!p);
  const f = plan.files;
  return [f.api, f.ui, f.metadata, f.historyItem].filter((p): p is string => !!p);
}

function descendsFrom<P extends { parentId?: string }>(
  plan: P,
  ancestorId: string,
  found: Map<string, { plan: P }>,
  idOf: (plan: P) => string,
): boolean {
  const seen = new Set<string>();
  for (let at: P | undefined = plan; at && !seen.has(idOf(at)); at = found.get(at.parentId ?? '')?.plan) {
    if (idOf(at) === ancestorId) return true;
    seen.add(idOf(at));
  }
  return false;
}

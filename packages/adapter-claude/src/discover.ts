import { basename, dirname, join, sep } from 'node:path';
import { type AdapterContext, compareText, type SessionRef, splitPath } from '@convx/core';
import { readHead } from './discover-head.js';
import { knownOutside, type Outside } from './discover-scope.js';
import type { ChildPlan, ClaudeRefData, HeadInfo, SourceFile } from './types.js';

/** Transcripts and subagent side files, whether the root is a `projects` folder or one project folder. */
const PATTERNS = [
  '*.jsonl',
  '*/*.jsonl',
  '*/subagents/*.jsonl',
  '*/*/subagents/*.jsonl',
  '*/subagents/*.meta.json',
  '*/*/subagents/*.meta.json',
  '*/tool-results/*.txt',
  '*/*/tool-results/*.txt',
];

type FileKind = { stem: string } & (
  | { kind: 'session'; projectDir: string }
  | { kind: 'legacy-agent'; projectDir: string; agentId: string }
  | { kind: 'subagent'; projectDir: string; agentId: string; folderSessionId: string }
);

interface Group {
  sessionId: string;
  sessions: Array<{ file: SourceFile; head: HeadInfo }>;
  children: Map<string, { files: SourceFile[]; meta?: SourceFile }>;
  /** Large outputs Claude Code saved in `<session>/tool-results/`. */
  toolResults: SourceFile[];
  projectDirs: Set<string>;
}

/**
 * Lists every conversation under the locations by listing folders (never trusting `sessions-index.json`):
 * each `*.jsonl` is tied to its conversation by the `sessionId` in its head, so continuation files merge
 * into one session and root-level `agent-*.jsonl` files join their parent. A subagent folder whose parent
 * transcript is gone still yields a session (with only children). In a filtered run (`convx sync`), a
 * conversation the index records as out of scope costs no stat or peek of its own transcript (see
 * `knownOutside`).
 */
export async function discoverClaude(
  ctx: AdapterContext,
  locations: string[],
): Promise<SessionRef<ClaudeRefData>[]> {
  const groups = new Map<string, Group>();
  const metas = new Map<string, SourceFile>();
  const outside = knownOutside(ctx);
  for (const location of locations) {
    for (const file of await listFiles(ctx, location, outside)) {
      ctx.signal.throwIfAborted();
      if (file.path.endsWith('.meta.json')) {
        metas.set(file.path.slice(0, -'.meta.json'.length), file);
        continue;
      }
      if (file.path.endsWith('.txt')) {
        // `<project>/<sessionId>/tool-results/<file>.txt`: belongs to the conversation named by its folder.
        const sessionDir = dirname(dirname(file.path));
        const group = groupFor(groups, basename(sessionDir));
        group.toolResults.push(file);
        continue;
      }
      const kind = classify(file.path);
      const { stem } = kind;
      // Listed without a stat: a transcript named after its session, whose id is in its head (unchanged).
      const head = file.size < 0 ? { sessionId: stem } : await readHead(ctx, file);
      const sessionId =
        head.sessionId ??
        (kind.kind === 'session' ? stem : kind.kind === 'subagent' ? kind.folderSessionId : stem);
      const group = groupFor(groups, sessionId);
      group.projectDirs.add(kind.projectDir);
      if (kind.kind === 'session') group.sessions.push({ file, head });
      else {
        const child = group.children.get(kind.agentId) ?? { files: [] };
        child.files.push(file);
        group.children.set(kind.agentId, child);
      }
    }
  }
  for (const group of groups.values()) {
    await settleKnown(ctx, group);
    for (const child of group.children.values()) {
      for (const file of child.files) {
        const meta = metas.get(file.path.slice(0, -'.jsonl'.length));
        if (meta) child.meta = meta;
      }
    }
  }
  // Each group's main path once, not per comparison (a basename per file per comparison was a third of a
  // warm discovery).
  const ordered = [...groups.values()]
    .map((group) => ({ group, main: mainPath(group) }))
    .sort((a, b) => compareText(a.main, b.main));
  const refs: SessionRef<ClaudeRefData>[] = [];
  for (const { group } of ordered) {
    // Saved tool outputs alone (transcript and subagents gone) are not a conversation.
    if (group.sessions.length || group.children.size) refs.push(toRef(ctx, group, outside));
  }
  return refs;
}

async function listFiles(
  ctx: AdapterContext,
  location: string,
  outside: Outside | undefined,
): Promise<SourceFile[]> {
  const info = await ctx.stat(location);
  if (!info) return [];
  if (info.isFile)
    return location.endsWith('.jsonl') ? [{ path: location, size: info.size, mtimeMs: info.mtimeMs }] : [];
  // `~/.claude` itself given as an input: its transcripts live in `projects/`.
  const projects = join(location, 'projects');
  const root = (await ctx.stat(projects))?.isDirectory ? projects : location;
  return ctx.walk(root, {
    patterns: PATTERNS,
    ...(outside ? { statIf: (path: string) => outside(path) === undefined } : {}),
  });
}

/**
 * A conversation whose own transcript was listed without a stat, but which has another transcript too (a
 * continuation, a copy in another project folder): their order depends on their heads, so the known one is
 * stat-ed and its head read after all, and the conversation is discovered as always.
 */
async function settleKnown(ctx: AdapterContext, group: Group): Promise<void> {
  if (group.sessions.length < 2) return;
  for (const session of group.sessions) {
    if (session.file.size >= 0) continue;
    const info = await ctx.stat(session.file.path);
    session.file = { path: session.file.path, size: info?.size ?? 0, mtimeMs: info?.mtimeMs ?? 0 };
    session.head = await readHead(ctx, session.file);
  }
}

/** A listed `.jsonl` by where it lies; its name and folder found once (a thousand transcripts a run). */
function classify(path: string): FileKind {
  const { dir, name } = splitPath(path);
  const stem = name.slice(0, -'.jsonl'.length);
  if (dir.endsWith(`${sep}subagents`)) {
    const sessionDir = dirname(dir);
    return {
      kind: 'subagent',
      stem,
      projectDir: dirname(sessionDir),
      agentId: stem.replace(/^agent-/, ''),
      folderSessionId: basename(sessionDir),
    };
  }
  if (stem.startsWith('agent-'))
    return { kind: 'legacy-agent', stem, projectDir: dir, agentId: stem.slice(6) };
  return { kind: 'session', stem, projectDir: dir };
}

function groupFor(groups: Map<string, Group>, sessionId: string): Group {
  let group = groups.get(sessionId);
  if (!group) {
    group = { sessionId, sessions: [], children: new Map(), toolResults: [], projectDirs: new Set() };
    groups.set(sessionId, group);
  }
  return group;
}

function toRef(ctx: AdapterContext, group: Group, outside: Outside | undefined): SessionRef<ClaudeRefData> {
  // The file named after the session is the original; continuations follow in the order they began.
  const sessions = [...group.sessions].sort((a, b) => {
    const own = Number(isOwnFile(b.file, group.sessionId)) - Number(isOwnFile(a.file, group.sessionId));
    return (
      own ||
      compareText(a.head.timestamp ?? '', b.head.timestamp ?? '') ||
      compareText(a.file.path, b.file.path)
    );
  });
  const children: ChildPlan[] = [];
  const all: SourceFile[] = sessions.map((s) => s.file);
  for (const [agentId, child] of [...group.children.entries()].sort(([a], [b]) => compareText(a, b))) {
    const files = [...child.files].sort((a, b) => compareText(a.path, b.path));
    children.push(child.meta ? { agentId, files, metaPath: child.meta.path } : { agentId, files });
    all.push(...files, ...(child.meta ? [child.meta] : []));
  }
  const toolResults = [...group.toolResults].sort((a, b) => compareText(a.path, b.path));
  all.push(...toolResults);
  const main = all[0];
  // Out of scope and unchanged in what decides it: what the index recorded stands (see `knownOutside`).
  const recorded = main && main.size < 0 ? outside?.(main.path) : undefined;
  const fingerprint = recorded ?? fingerprintOf(ctx, all);
  const data: ClaudeRefData = {
    files: sessions.map((s) => s.file),
    children,
    projectDirs: [...group.projectDirs].sort(compareText),
    toolResults: toolResults.map((f) => f.path),
  };
  return {
    sessionId: group.sessionId,
    fingerprint,
    path: all[0]?.path ?? '',
    files: all.map((f) => f.path),
    size: all.reduce((sum, f) => sum + Math.max(f.size, 0), 0),
    data,
  };
}

/** A single file's size and mtime; several files' names, sizes and mtimes, hashed. */
function fingerprintOf(ctx: AdapterContext, files: SourceFile[]): string {
  const [only] = files;
  if (files.length === 1 && only) return `${only.size}:${Math.trunc(only.mtimeMs)}`;
  return ctx.hash(files.map((f) => `${basename(f.path)}=${f.size}:${Math.trunc(f.mtimeMs)}`).join('\n'));
}

function isOwnFile(file: SourceFile, sessionId: string): boolean {
  return file.path.endsWith(`${sep}${sessionId}.jsonl`);
}

function mainPath(group: Group): string {
  const own = group.sessions.find((s) => isOwnFile(s.file, group.sessionId));
  return (
    own?.file.path ?? group.sessions[0]?.file.path ?? [...group.children.values()][0]?.files[0]?.path ?? ''
  );
}

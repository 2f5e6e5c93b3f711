import { idTail, type Session } from '@convx/core';
import { escapeInline, inlineCode, oneLine, shorten } from './markdown.js';
import { isoUtc, sessionSpan } from './time.js';
import { frontMatter } from './yaml.js';
import type { Zone } from './zone.js';

/**
 * The title a person sees: the session title, else the first typed prompt shortened, else `Session <id tail>`.
 * `firstPrompt` is asked only when the session has no title (it may cost a pass over the messages).
 */
export function displayTitle(session: Session, firstPrompt: () => string | undefined): string {
  const title = oneLine(session.title || session.agent?.description || '');
  if (title) return shorten(title, 120);
  const prompt = oneLine(firstPrompt() ?? '');
  if (prompt) return shorten(prompt, 80);
  if (session.agent) return `Subagent ${session.agent.id}`;
  return `Session ${idTail(session.sessionId)}`;
}

/**
 * The machine a remote project lives on (`meta.remote`, e.g. Cursor's `ssh-remote+devbox`): without it a
 * remote folder reads like a local one.
 */
function remoteHost(session: Session): string | undefined {
  const remote = session.meta?.remote;
  return typeof remote === 'string' && remote ? remote : undefined;
}

function folderFact(session: Session): string | undefined {
  if (!session.cwd) return undefined;
  const remote = remoteHost(session);
  return remote ? `${inlineCode(session.cwd)} on remote ${inlineCode(remote)}` : inlineCode(session.cwd);
}

export interface ParentInfo {
  key: string;
  title: string;
  /** Relative link from this file to the parent's file. */
  href: string;
}

/** The YAML front matter: every value double-quoted and escaped. */
export function sessionFrontMatter(session: Session, title: string, parent: ParentInfo | undefined): string {
  return frontMatter([
    ['title', title],
    ['source', session.source],
    ['session_id', session.sessionId],
    ['key', session.key],
    ['agent_id', session.agent?.id],
    ['agent_type', session.agent?.type],
    ['parent', parent?.key],
    ['cwd', session.cwd],
    ['remote', remoteHost(session)],
    ['started_at', isoUtc(session.startedAt)],
    ['ended_at', isoUtc(session.endedAt)],
    ['models', session.models],
    ['git_branch', session.gitBranch],
  ]);
}

/** `# Title` and the one-line summary under it (source, time span, models, branch, folder). */
export function titleBlock(session: Session, title: string, zone: Zone): string {
  const prefix = session.agent ? 'Subagent: ' : '';
  const facts = [
    inlineCode(session.source),
    sessionSpan(session.startedAt, session.endedAt, zone),
    session.models.length ? session.models.map(inlineCode).join(', ') : undefined,
    session.gitBranch ? `branch ${inlineCode(session.gitBranch)}` : undefined,
    folderFact(session),
  ];
  const agent = session.agent
    ? [
        `Agent ${inlineCode(session.agent.id)}`,
        session.agent.type ? `type ${inlineCode(session.agent.type)}` : undefined,
      ]
    : [];
  return `# ${prefix}${escapeInline(title)}\n\n${[...agent, ...facts].filter(Boolean).join(' · ')}\n`;
}

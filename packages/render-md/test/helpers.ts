import { createSession, type Message, type NewSession, type Session } from '@convx/core';
import { sampleSessions } from '@convx/core/testing';
import { markdownRenderer } from '../src/index.js';

/** Renders a session and returns every file's text by suffix. */
export function renderFiles(
  session: Session,
  options: Record<string, unknown> = {},
  basename = '2026-03-01-1000-fix-login',
): Map<string, string> {
  const files = markdownRenderer.render(session, { basename, options });
  return new Map(
    files.map((f) => [f.suffix, typeof f.content === 'string' ? f.content : [...f.content].join('')]),
  );
}

/** The main transcript's text. */
export function renderMain(session: Session, options: Record<string, unknown> = {}): string {
  const text = renderFiles(session, options).get('.md');
  if (text === undefined) throw new Error('no main file rendered');
  return text;
}

/** A session built from messages, with the usual header fields. */
export function session(messages: Message[], extra: Partial<NewSession> = {}): Session {
  return createSession({
    source: 'sample',
    sessionId: 'test-session-0001',
    sourceLocation: { path: '/fixtures/sample/test.jsonl' },
    messages,
    ...extra,
  });
}

/** The YAML between the first two `---` lines. */
export function frontMatterOf(text: string): string {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!match?.[1]) throw new Error('no front matter');
  return match[1];
}

/** The part of the document after the front matter. */
export function bodyOf(text: string): string {
  return text.slice(text.indexOf('\n---\n', 4) + 5);
}

/** The value, or a test failure saying what was missing. */
export function must<T>(value: T | undefined, what = 'value'): T {
  if (value === undefined) throw new Error(`missing ${what}`);
  return value;
}

/** The named sample session from core's conformance kit. */
export function sample(sessionId: 'full' | 'empty'): Session {
  return must(
    sampleSessions().find((s) => s.sessionId === sessionId),
    `sample ${sessionId}`,
  );
}

import type { Message, Session } from '@convx/core';
import { SpawnMatcher } from './subagents.js';

/**
 * What the start of a document needs from the whole session before it can write a line: the first typed
 * prompt (the title when the session has none) and which calls spawned which children. Each is read in a
 * pass over `messages()` the first time it is asked for, keeping only these small facts; the pass is skipped
 * when nothing asks (a titled session without children is read once, by the transcript itself).
 */
export interface SessionFacts {
  firstPrompt(): string | undefined;
  /** Call message index → index of the child it spawned. */
  spawned(): ReadonlyMap<number, number>;
}

interface Scan {
  firstPrompt: string | undefined;
  spawned: Map<number, number>;
}

const typedText = (m: Message) =>
  m.kind === 'text' && m.role === 'user' && m.text.trim() ? m.text : undefined;

export function sessionFacts(messages: () => Iterable<Message>, children: readonly Session[]): SessionFacts {
  let scan: Scan | undefined;
  let prompt: { text: string | undefined } | undefined;
  // With children, one full pass collects both; without, the prompt pass stops at the first typed prompt.
  const fullScan = (): Scan => {
    if (scan) return scan;
    const matcher = new SpawnMatcher(children);
    let firstPrompt: string | undefined;
    let index = 0;
    for (const message of messages()) {
      firstPrompt ??= typedText(message);
      matcher.observe(message, index++);
    }
    scan = { firstPrompt, spawned: matcher.match() };
    return scan;
  };
  const promptOnly = (): string | undefined => {
    if (prompt) return prompt.text;
    let text: string | undefined;
    for (const message of messages()) {
      text = typedText(message);
      if (text !== undefined) break;
    }
    prompt = { text };
    return text;
  };
  return {
    firstPrompt: () => (children.length ? fullScan().firstPrompt : promptOnly()),
    spawned: () => (children.length ? fullScan().spawned : new Map()),
  };
}

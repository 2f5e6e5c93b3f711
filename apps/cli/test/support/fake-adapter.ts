import { basename } from 'node:path';
import { createSession, defineAdapter, type Message } from '@convx/core';

/**
 * A minimal source for in-process tests: `<root>/*.txt`, first line the cwd, then alternating user and
 * assistant lines. A file whose text contains `UNREADABLE` fails to load.
 */
export const fakeAdapter = defineAdapter({
  name: 'fake',
  defaultLocations: ({ home }) => [`${home}/.fake`],
  async *discover(ctx, locations) {
    for (const root of locations) {
      for await (const file of ctx.walk(root, { patterns: ['*.txt'] })) {
        yield {
          sessionId: basename(file.path, '.txt'),
          fingerprint: `${file.size}:${file.mtimeMs}`,
          path: file.path,
        };
      }
    }
  },
  async load(ctx, ref) {
    const lines: string[] = [];
    for await (const { text } of ctx.readLines(ref.path)) lines.push(text);
    if (lines.some((line) => line.includes('UNREADABLE'))) throw new Error('the file is not a fake session');
    const [cwd, ...turns] = lines;
    const messages: Message[] = turns.map((text, i) => ({
      kind: 'text',
      role: i % 2 === 0 ? 'user' : 'assistant',
      text,
      timestamp: new Date(Date.UTC(2026, 6, 1, 12, i)).toISOString(),
    }));
    return createSession({
      source: 'fake',
      sessionId: ref.sessionId,
      cwd,
      sourceLocation: { path: ref.path },
      messages,
    });
  },
});

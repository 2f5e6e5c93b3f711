import { basename } from 'node:path';
import { createSession, defineAdapter, type Message } from '../../src/index.js';

/**
 * A tiny adapter over `<root>/*.jsonl` files: line 1 `{"id","title"?,"cwd"?,"start"}`, then
 * `{"role","text","ts"?}` lines. Enough to drive the engine through every path.
 */
export const fakeAdapter = defineAdapter({
  name: 'fake',
  defaultLocations: ({ home }) => [`${home}/.fake`],
  async *discover(ctx, locations) {
    for (const root of locations) {
      for await (const file of ctx.walk(root, { patterns: ['*.jsonl'] })) {
        yield {
          sessionId: basename(file.path, '.jsonl'),
          fingerprint: `${file.size}:${file.mtimeMs}`,
          path: file.path,
          files: [file.path],
        };
      }
    }
  },
  async load(ctx, ref) {
    const diagnostics = ctx.diagnostics();
    const messages: Message[] = [];
    let header: Record<string, string> = {};
    for await (const { line, value } of ctx.readJsonl(ref.path, diagnostics)) {
      const record = value as Record<string, string>;
      if (line === 1 && 'id' in record) {
        header = record;
        continue;
      }
      if (record.boom) throw new Error('this session cannot be read');
      if (record.role === 'context')
        messages.push({ kind: 'context', role: 'user', label: 'AGENTS.md', text: record.text ?? '' });
      else
        messages.push({
          kind: 'text',
          role: record.role === 'assistant' ? 'assistant' : 'user',
          text: record.text ?? '',
          ...(record.ts ? { timestamp: record.ts } : {}),
        });
    }
    return createSession({
      source: 'fake',
      sessionId: ref.sessionId,
      title: header.title,
      cwd: header.cwd,
      startedAt: header.start,
      sourceLocation: { path: ref.path },
      messages,
      diagnostics: diagnostics.list(),
    });
  },
});

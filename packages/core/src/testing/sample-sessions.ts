import { createSession } from '../model/session.js';
import type { Session } from '../model/types.js';

/**
 * Sessions that exercise every message kind and the awkward cases renderers meet in real logs: backtick
 * runs inside tool output, a subagent, context that must stay hidden, a session with no messages at all.
 */
export function sampleSessions(): Session[] {
  const child = createSession({
    source: 'sample',
    sessionId: 'full-agent-1',
    agent: { id: 'a1b2c3d', type: 'Explore', description: 'Find the config loader' },
    sourceLocation: { path: '/fixtures/sample/full/subagents/agent-a1b2c3d.jsonl' },
    messages: [
      {
        kind: 'text',
        role: 'user',
        text: 'Find where the config is loaded.',
        timestamp: '2026-03-01T10:00:05.000Z',
      },
      {
        kind: 'text',
        role: 'assistant',
        text: 'It is loaded in `src/config.ts`.',
        timestamp: '2026-03-01T10:00:09.000Z',
      },
    ],
  });
  const full = createSession({
    source: 'sample',
    sessionId: 'full',
    title: 'Fix the flaky login test',
    cwd: '/home/alice/code/app',
    gitBranch: 'main',
    models: ['gpt-5-codex'],
    sourceLocation: { path: '/fixtures/sample/full.jsonl' },
    messages: [
      {
        kind: 'context',
        role: 'user',
        label: 'AGENTS.md',
        text: '# AGENTS.md instructions\nAlways run tests.',
      },
      {
        kind: 'text',
        role: 'user',
        text: 'The login test fails one run in ten. Why?',
        timestamp: '2026-03-01T10:00:00.000Z',
      },
      {
        kind: 'thinking',
        role: 'assistant',
        text: 'Probably a race on the session cookie.',
        timestamp: '2026-03-01T10:00:01.000Z',
      },
      { kind: 'thinking', role: 'assistant', text: '', redacted: true },
      {
        kind: 'tool-call',
        role: 'assistant',
        name: 'shell',
        input: { command: ['bash', '-lc', 'grep -rn "```" docs'] },
        callId: 'call_1',
        timestamp: '2026-03-01T10:00:02.000Z',
      },
      {
        kind: 'tool-result',
        role: 'tool',
        callId: 'call_1',
        output: 'docs/a.md:1:```ts\ndocs/a.md:3:````\n'.repeat(3),
        timestamp: '2026-03-01T10:00:03.000Z',
      },
      {
        kind: 'tool-call',
        role: 'assistant',
        name: 'Agent',
        input: { prompt: 'Find the config loader' },
        callId: 'call_2',
      },
      { kind: 'tool-result', role: 'tool', callId: 'call_2', output: 'No such file', isError: true },
      { kind: 'event', role: 'system', event: 'compaction', text: 'Context compacted.' },
      { kind: 'event', role: 'system', event: 'abort', text: 'Turn aborted by the user.' },
      {
        kind: 'text',
        role: 'assistant',
        model: 'gpt-5-codex',
        text: 'The cookie is set after the redirect.\n\n<details>not a tag</details> and a | pipe.',
        timestamp: '2026-03-01T10:01:00.000Z',
      },
      {
        kind: 'text',
        role: 'user',
        text: 'Here is a screenshot.',
        attachments: [
          // Saved beside the transcript by the engine (see AttachmentStore), and one over the size limit.
          {
            type: 'image/png',
            size: 2048,
            sha256: 'ab'.repeat(32),
            file: 'attachments/abababababababab.png',
          },
          {
            type: 'application/pdf',
            name: 'spec.pdf',
            size: 20_000_000,
            omitted: 'larger than the 10 MiB attachment limit',
          },
        ],
      },
    ],
    children: [child],
  });
  const empty = createSession({
    source: 'sample',
    sessionId: 'empty',
    sourceLocation: { path: '/fixtures/sample/empty.jsonl' },
    diagnostics: [{ code: 'malformed-line', message: 'line is not valid JSON; skipped', count: 2, line: 3 }],
  });
  return [full, empty];
}

import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionSummary } from '@convx/search';

type Message = Record<string, unknown>;

/**
 * Writes a JSON twin in convx's layout (header fields one per line, one message per line) into a fresh
 * output, and returns the output and the session's summary as the index would give it.
 */
export async function writeTwin(
  messages: Message[],
  header: { title?: string; source?: string; sessionId?: string; children?: Message[][] } = {},
): Promise<{ out: string; session: SessionSummary }> {
  const out = await mkdtemp(join(tmpdir(), 'convx-tui-twin-'));
  const folder = join(out, 'history/demo/claude/laptop/code/app');
  await mkdir(folder, { recursive: true });
  const source = header.source ?? 'claude';
  const sessionId = header.sessionId ?? '7f3c0d2e-1111-4222-8333-444455556666';
  const fields: Record<string, unknown> = {
    schemaVersion: 1,
    key: `${source}:${sessionId}`,
    source,
    sessionId,
    models: ['claude-opus-4-1'],
    title: header.title ?? 'Fix the flaky login test',
    cwd: '/home/alice/code/app',
    startedAt: '2026-03-01T10:00:00.000Z',
    endedAt: '2026-03-01T10:42:00.000Z',
  };
  const lines = [
    '{',
    ...Object.entries(fields).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`),
  ];
  lines.push(...messageBlock(messages, '  ', header.children?.length ? ',' : ''));
  if (header.children?.length) {
    lines.push('  "children": [');
    header.children.forEach((child, i) => {
      lines.push(
        '    {',
        `      "sessionId": "agent-${i}",`,
        `      "agent": {"id":"a${i}","type":"Explore","description":"Look around ${i}"},`,
      );
      lines.push(
        ...messageBlock(child, '      ', ''),
        `    }${i < (header.children?.length ?? 0) - 1 ? ',' : ''}`,
      );
    });
    lines.push('  ]');
  }
  lines.push('}');
  const twinPath = 'history/demo/claude/laptop/code/app/.2026-03-01-1000-fix-the-flaky-login-test.json';
  await writeFile(join(out, twinPath), `${lines.join('\n')}\n`);
  await writeFile(
    join(out, twinPath.replace('/.2026', '/2026').replace(/\.json$/, '.md')),
    '# Fix the flaky login test\n',
  );
  return {
    out,
    session: {
      key: `${source}:${sessionId}`,
      source,
      sessionId,
      title: String(fields.title),
      project: '/home/alice/code/app',
      machine: 'laptop',
      user: 'demo',
      models: ['claude-opus-4-1'],
      branch: 'main',
      startedAt: String(fields.startedAt),
      endedAt: String(fields.endedAt),
      messageCount: messages.length,
      toolCount: messages.filter((m) => m.kind === 'tool-call').length,
      path: twinPath.replace('/.2026', '/2026').replace(/\.json$/, '.md'),
      twinPath,
    },
  };
}

function messageBlock(messages: Message[], indent: string, after: string): string[] {
  if (messages.length === 0) return [`${indent}"messages": []${after}`];
  return [
    `${indent}"messages": [`,
    ...messages.map((m, i) => `${indent}  ${JSON.stringify(m)}${i < messages.length - 1 ? ',' : ''}`),
    `${indent}]${after}`,
  ];
}

/** A conversation of `turns` rounds: a prompt, thinking, a tool call and its result, an answer. */
export function conversation(turns: number, word = (i: number) => `step ${i}`): Message[] {
  const messages: Message[] = [];
  for (let i = 0; i < turns; i++) {
    const at = (s: number) => new Date(Date.UTC(2026, 2, 1, 10, 0, i * 10 + s)).toISOString();
    messages.push({ kind: 'text', role: 'user', text: `Please do ${word(i)} now`, timestamp: at(0) });
    messages.push({
      kind: 'thinking',
      text: `I should think about ${word(i)} carefully and at length`,
      timestamp: at(1),
    });
    messages.push({
      kind: 'tool-call',
      role: 'assistant',
      name: 'Bash',
      input: { command: `npm test -- ${i}` },
      callId: `c${i}`,
      timestamp: at(2),
    });
    messages.push({
      kind: 'tool-result',
      output: `line one of ${i}\nline two of ${i}\nline three`,
      callId: `c${i}`,
      timestamp: at(3),
    });
    messages.push({
      kind: 'text',
      role: 'assistant',
      text: `Done with ${word(i)}.`,
      timestamp: at(4),
      model: 'claude-opus-4-1',
    });
  }
  return messages;
}

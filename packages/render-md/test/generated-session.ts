import { createSession, type Message, type Session } from '@convx/core';

/**
 * A deterministic, realistic-shaped big session: many turns, parallel tool calls, results recorded before
 * their call, duplicate and missing call ids, hidden context, events, two models, messages without a time,
 * and subagents matched three ways (call id, `agentId:` in the result, prompt). Every message carries its
 * index as `#<n>` so a test can tell which messages a chunk of output shows.
 */
export function generatedSession(turns: number, options: { title?: boolean } = {}): Session {
  const messages: Message[] = [];
  const children: Session[] = [];
  let clock = Date.UTC(2026, 2, 1, 9, 0, 0);
  const at = () => {
    clock += 7_000;
    return new Date(clock).toISOString();
  };
  const tag = () => `#${messages.length}`;
  const push = (make: (marker: string) => Message) => messages.push(make(tag()));

  for (let t = 0; t < turns; t++) {
    if (t % 9 === 0) {
      push((m) => ({
        kind: 'context',
        role: 'user',
        label: 'environment',
        text: `cwd /home/alice/app ${m}`,
      }));
    }
    push((m) => ({
      kind: 'text',
      role: 'user',
      text: `Turn ${t}: check the build step ${m}`,
      timestamp: at(),
    }));
    const model = t % 3 === 0 ? 'gpt-5-codex' : 'gpt-5';
    // Some assistant turns open with a message lacking time and model, so the heading looks ahead.
    if (t % 4 === 1) push((m) => ({ kind: 'thinking', role: 'assistant', text: `Planning ${m}` }));
    push((m) => ({
      kind: 'thinking',
      role: 'assistant',
      text: `Looking at step ${t} ${m}`,
      timestamp: at(),
      model,
    }));
    const calls = 3 + (t % 5);
    const ids = Array.from({ length: calls }, (_, c) => `call_${t}_${c}`);
    if (t % 2 === 0) {
      // Parallel: every call first, then every result.
      for (const id of ids) push((m) => shellCall(id, `ls src/${id} ${m}`, at(), model));
      for (const id of ids) push((m) => shellResult(id, `src/${id}/a.ts\nsrc/${id}/b.ts ${m}\n`, at()));
    } else {
      for (const id of ids) {
        push((m) => shellCall(id, `cat src/${id}.ts ${m}`, at(), model));
        push((m) => shellResult(id, `export const x = ${t}; // ${m}\n`.repeat(1 + (t % 3)), at()));
      }
    }
    if (t % 7 === 3) {
      // A result written before its call, then the call.
      const id = `early_${t}`;
      push((m) => shellResult(id, `early output ${m}`, at()));
      push((m) => shellCall(id, `echo early ${m}`, at(), model));
    }
    if (t % 11 === 5) {
      // A second call reusing an id (shown without a result), a second result for it (shown on its own),
      // a result whose call is missing, and a call whose result never came.
      push((m) => shellCall(`call_${t}_0`, `retry ${m}`, at(), model));
      push((m) => shellResult(`call_${t}_0`, `second output ${m}`, at()));
      push((m) => shellResult(`orphan_${t}`, `nobody asked ${m}`, at()));
      push((m) => shellCall(`lost_${t}`, `sleep 1000 ${m}`, at(), model));
    }
    if (t % 20 === 10) spawnSubagent(t, model);
    if (t % 13 === 6)
      push((m) => ({ kind: 'event', role: 'system', event: 'compaction', text: `Compacted ${m}` }));
    push((m) => ({
      kind: 'text',
      role: 'assistant',
      text: `Step ${t} done: the build passes.\n\n- one ${m}\n- two`,
      timestamp: at(),
      model,
    }));
  }

  function spawnSubagent(t: number, model: string) {
    const agentId = `agent${String(t).padStart(4, '0')}abc`;
    const how = (t / 20) % 3;
    const callId = how === 0 ? agentId : `task_${t}`;
    const prompt = `Survey the tests of module ${t}`;
    push((m) => ({
      kind: 'tool-call',
      role: 'assistant',
      name: 'Task',
      input: { description: how === 2 ? prompt : `Survey ${t} ${m}`, prompt, subagent_type: 'Explore' },
      callId,
      timestamp: at(),
      model,
    }));
    push((m) => shellResult(callId, how === 1 ? `Done.\nagentId: ${agentId} ${m}` : `Done ${m}`, at()));
    children.push(
      createSession({
        source: 'sample',
        sessionId: `child-${t}`,
        agent: { id: agentId, type: 'Explore' },
        sourceLocation: { path: `/fixtures/sample/big/agent-${agentId}.jsonl` },
        messages: [
          { kind: 'text', role: 'user', text: prompt, timestamp: at() },
          shellCall(`c_${t}`, 'ls test', at(), model),
          shellResult(`c_${t}`, 'a.test.ts\n', at()),
          { kind: 'text', role: 'assistant', text: `Module ${t} has one test file.`, timestamp: at() },
        ],
      }),
    );
  }

  return createSession({
    source: 'sample',
    sessionId: 'generated-big',
    title: options.title ? 'A long generated session' : undefined,
    models: ['gpt-5-codex', 'gpt-5'],
    cwd: '/home/alice/app',
    sourceLocation: { path: '/fixtures/sample/big.jsonl' },
    messages,
    children,
    diagnostics: [{ code: 'malformed-line', message: 'line is not valid JSON; skipped', count: 1, line: 7 }],
  });
}

function shellCall(callId: string, command: string, timestamp: string, model: string): Message {
  return {
    kind: 'tool-call',
    role: 'assistant',
    name: 'shell',
    input: { command },
    callId,
    timestamp,
    model,
  };
}

function shellResult(callId: string, output: string, timestamp: string): Message {
  return { kind: 'tool-result', role: 'tool', callId, output, timestamp };
}

import { discoveredRefs, type Message } from '@convx/core';
import { describe, expect, it, vi } from 'vitest';
import { codexAdapter } from '../src/index.js';
import {
  assistantTexts,
  codexDir,
  context,
  contextLabels,
  discover,
  ids,
  load,
  must,
  outline,
  typed,
} from './support.js';

const calls = (messages: Message[]) => messages.filter((m) => m.kind === 'tool-call');
const results = (messages: Message[]) => messages.filter((m) => m.kind === 'tool-result');

describe('generation 1: single JSON file', () => {
  it('reads a Python-repr content string as the typed prompt', async () => {
    const s = await load(ids.singleJson);
    expect(typed(s)).toEqual([
      "The router in src/router.ts doesn't match trailing slashes: GET /users/ returns 404. Can you fix it and add a test?",
    ]);
    expect(s.startedAt).toBe('2025-05-07T14:21:09.482Z');
    expect(s.cwd).toBe('/home/alice/code/tinyhttp');
    expect(s.meta).toEqual({ format: 'json' });
  });

  it('keeps header instructions and the environment as context', async () => {
    const s = await load(ids.singleJson);
    expect(s.messages[0]).toEqual({
      kind: 'context',
      role: 'user',
      label: 'User instructions',
      text: 'Prefer small, focused commits. Run `npm test` before saying you are done.',
    });
    expect(contextLabels(s)).toEqual(['User instructions', 'Environment']);
  });

  it('pairs chat tool_calls with tool messages and reads the 0.3x output wrapper', async () => {
    const s = await load(ids.singleJson);
    expect(outline(s)).toEqual([
      'context:User instructions',
      'context:Environment',
      'user:text',
      'thinking',
      'call:shell',
      'result',
      'call:shell',
      'result:error',
      'assistant:text',
    ]);
    const [first] = calls(s.messages);
    expect(first).toMatchObject({
      callId: 'call_k2PqV8',
      input: {
        command: ['bash', '-lc', "grep -n 'compile' src/router.ts"],
        workdir: '/home/alice/code/tinyhttp',
      },
    });
    const [ok, failed] = results(s.messages);
    expect(ok).toMatchObject({ callId: 'call_k2PqV8', name: 'shell' });
    expect(ok?.kind === 'tool-result' && ok.output).toMatch(/^12:function compile/);
    expect(ok?.kind === 'tool-result' && ok.isError).toBeUndefined();
    expect(failed).toMatchObject({
      callId: 'call_m7Rt2Z',
      isError: true,
      output: expect.stringMatching(/^FAIL/),
    });
  });
});

describe('generation 2: JSONL without envelope', () => {
  it('reads the bare header, skips state lines and classifies by content', async () => {
    const s = await load(ids.bareJsonl);
    expect(s.startedAt).toBe('2025-08-14T07:12:40.118Z');
    expect(s.gitBranch).toBe('fix/csv-export');
    expect(s.cwd).toBe('/home/alice/code/ledger');
    expect(typed(s)).toEqual([
      'The CSV export puts amounts like 1,234.50 in one column but Excel splits them. Quote numeric fields that contain commas in exportCsv().',
    ]);
    expect(contextLabels(s)).toEqual(['User instructions', 'Environment']);
    expect(outline(s)).toEqual([
      'context:User instructions',
      'context:Environment',
      'user:text',
      'thinking',
      'call:shell',
      'result',
      'call:shell',
      'result:error',
      'assistant:text',
    ]);
    expect(s.diagnostics).toEqual([]);
  });

  it('turns reasoning summaries into thinking text', async () => {
    const s = await load(ids.bareJsonl);
    expect(s.messages.find((m) => m.kind === 'thinking')).toEqual({
      kind: 'thinking',
      role: 'assistant',
      text: '**Locating the CSV writer**\n\nI will find exportCsv and see how fields are joined.',
    });
  });

  it('exports a header-only file as a session with no messages', async () => {
    const s = await load(ids.headerOnly);
    expect(s.messages).toEqual([]);
    expect(s.startedAt).toBe('2025-08-20T14:03:11.902Z');
    expect(s.gitBranch).toBe('main');
    expect(s.diagnostics).toEqual([]);
  });
});

describe('generation 3: envelope', () => {
  it('0.34: renders the transcript once, not its event_msg echoes', async () => {
    const s = await load(ids.envelope034);
    expect(outline(s)).toEqual([
      'context:User instructions',
      'context:Environment',
      'user:text',
      'thinking',
      'call:local_shell',
      'result',
      'call:shell',
      'result',
      'assistant:text',
    ]);
    expect(typed(s)).toEqual([
      'add a --units flag (metric|imperial) to the forecast command; default metric',
    ]);
    expect(assistantTexts(s)).toHaveLength(1);
    expect(s.models).toEqual([]);
    expect(s.meta).toMatchObject({ cliVersion: '0.34.0', originator: 'codex_cli_rs', format: 'envelope' });
  });

  it('0.34: local_shell_call keeps its action and pairs with the output', async () => {
    const s = await load(ids.envelope034);
    const call = calls(s.messages)[0];
    expect(call).toMatchObject({
      name: 'local_shell',
      callId: 'call_LS0x9d1',
      input: { type: 'exec', command: ['bash', '-lc', 'grep -rn "flag.String" cmd/'] },
    });
    expect(results(s.messages)[0]).toMatchObject({
      callId: 'call_LS0x9d1',
      name: 'local_shell',
      output: 'cmd/forecast.go:22:\tcity := fs.String("city", "", "city name")\n',
    });
  });

  it('0.46: collects every model from turn_context, in order, and stamps assistant messages', async () => {
    const s = await load(ids.envelope046);
    expect(s.models).toEqual(['gpt-5-codex', 'gpt-5']);
    const answers = s.messages.filter((m) => m.kind === 'text' && m.role === 'assistant');
    expect(answers.map((m) => m.model)).toEqual(['gpt-5-codex', 'gpt-5']);
    expect(s.gitBranch).toBe('feed-order');
  });

  it('0.46: AGENTS.md and environment are context; both prompts are user text', async () => {
    const s = await load(ids.envelope046);
    expect(contextLabels(s)).toEqual(['AGENTS.md', 'Environment']);
    expect(typed(s)).toEqual([
      'The RSS feed shows posts in the wrong order, oldest first. Sort by pubDate descending in src/pages/rss.xml.ts.',
      'Also, is @astrojs/rss still the recommended way to build feeds in Astro 5?',
    ]);
  });

  it('0.46: apply_patch custom tool call carries the patch; web_search_call its query', async () => {
    const s = await load(ids.envelope046);
    const [patch, build, search] = calls(s.messages);
    expect(patch).toMatchObject({ name: 'apply_patch', callId: 'call_Ap91Zk3' });
    expect(patch?.kind === 'tool-call' && patch.input).toMatch(
      /^\*\*\* Begin Patch\n\*\*\* Update File: src\/pages\/rss.xml.ts/,
    );
    expect(build).toMatchObject({ name: 'shell', input: { command: ['pnpm', 'build'] } });
    expect(search).toMatchObject({
      name: 'web_search',
      input: { query: '@astrojs/rss Astro 5 recommended RSS feed' },
    });
    expect(results(s.messages)[0]).toMatchObject({
      callId: 'call_Ap91Zk3',
      name: 'apply_patch',
      output: 'Success. Updated the following files:\nM src/pages/rss.xml.ts\n',
    });
    expect(results(s.messages)[1]).not.toHaveProperty('isError');
  });

  it('0.46: keeps a long tool output whole (only the Markdown shortens it)', async () => {
    const s = await load(ids.envelope046);
    const build = results(s.messages)[1];
    const output = build?.kind === 'tool-result' ? build.output : '';
    const lines = output.split('\n');
    expect(lines).toHaveLength(100);
    expect(lines[0]).toBe('Exit code: 0');
    expect(lines.filter((line) => line.includes('└─ /posts/'))).toHaveLength(42);
    expect(lines.at(-2)).toBe('16:23:31 [build] Complete!');
  });

  it('0.46: keeps timestamps from the envelope', async () => {
    const s = await load(ids.envelope046);
    expect(s.startedAt).toBe('2025-10-03T16:22:47.871Z');
    expect(s.endedAt).toBe('2025-10-03T16:25:14.880Z');
    expect(s.messages.every((m) => m.timestamp)).toBe(true);
  });
});

describe('generation 4: rich session_meta (0.98+)', () => {
  it('only the typed prompts are user text, including one recorded only as an event', async () => {
    const s = await load(ids.modern098);
    expect(typed(s)).toEqual([
      'Refunds over 10,000 EUR fail with a 500. Find out why and fix it; the stack trace mentions Decimal quantize.',
      'Good. Now add a regression test for an amount of exactly 10000.00.',
    ]);
    expect(contextLabels(s)).toEqual(['Permissions', 'Collaboration mode', 'AGENTS.md', 'Environment']);
    expect(s.messages.filter((m) => m.kind === 'context').map((m) => m.role)).toEqual([
      'system',
      'system',
      'user',
      'user',
    ]);
  });

  it('keeps the order, with one redacted marker per encrypted reasoning item and no echoes', async () => {
    const s = await load(ids.modern098);
    expect(outline(s)).toEqual([
      'context:Permissions',
      'context:Collaboration mode',
      'context:AGENTS.md',
      'context:Environment',
      'user:text',
      'thinking:redacted',
      'assistant:text',
      'call:exec_command',
      'result:error',
      'thinking:redacted',
      'call:apply_patch',
      'result',
      'assistant:text',
      'user:text',
      'call:exec_command',
      'result',
      'assistant:text',
    ]);
    expect(s.messages.find((m) => m.kind === 'thinking')).toMatchObject({ text: '', redacted: true });
  });

  it('reads plain-text outputs: a non-zero exit code is an error', async () => {
    const s = await load(ids.modern098);
    const [failed, , passed] = results(s.messages);
    expect(failed).toMatchObject({ callId: 'call_Ex01Vb7', name: 'exec_command', isError: true });
    expect(passed).toMatchObject({ callId: 'call_Ex03Lm2' });
    expect(passed).not.toHaveProperty('isError');
    expect(calls(s.messages)[0]).toMatchObject({
      input: { cmd: 'uv run pytest -q tests/test_refunds.py -k large', yield_time_ms: 10000 },
    });
  });

  it('puts originator, source and cli version in meta, drops base_instructions', async () => {
    const s = await load(ids.modern098);
    expect(s.meta).toEqual({
      format: 'envelope',
      cliVersion: '0.98.0',
      originator: 'codex_cli_rs',
      sessionSource: 'cli',
      modelProvider: 'openai',
      gitCommit: '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c',
      repositoryUrl: 'git@github.com:acme/payments-api.git',
      // rollout-2026-02-11T09-30-02-… (local time) started at 08:30:02Z.
      utcOffset: '+01:00',
    });
    expect(JSON.stringify(s)).not.toContain('You are Codex');
    expect(s.models).toEqual(['gpt-5.3-codex']);
    expect(s.title).toBeUndefined();
  });

  it('nests a subagent rollout under its parent thread, with its spawn facts as agent info', async () => {
    const parent = await load(ids.modern098);
    expect(parent.children?.map((c) => c.sessionId)).toEqual([ids.subagent]);
    const s = must(parent.children?.[0]);
    expect(s.agent).toEqual({ id: ids.subagent, type: 'explorer', description: 'Nova' });
    expect(s.title).toBe('Nova (explorer)');
    expect(s.meta).toMatchObject({
      sessionSource: 'subagent',
      subagent: 'thread_spawn',
      parentThreadId: ids.modern098,
      agentNickname: 'Nova',
      agentRole: 'explorer',
      subagentDepth: 1,
      cliVersion: '0.104.0',
    });
    expect(s.models).toEqual(['gpt-5.3-codex-spark']);
    expect(typed(s)).toEqual([
      'Find every call site of Decimal.quantize in app/ and report which ones pass a custom Context. Do not edit files.',
    ]);
    expect(outline(s)).toEqual([
      'context:Permissions',
      'user:text',
      'call:exec_command',
      'result',
      'assistant:text',
    ]);
  });

  it('lists the subagent file with its parent: both files, a fingerprint of both', async () => {
    const refs = await discover();
    expect(refs.find((r) => r.sessionId === ids.subagent)).toBeUndefined();
    const ref = must(refs.find((r) => r.sessionId === ids.modern098));
    expect(ref.files).toEqual([ref.path, expect.stringContaining(ids.subagent)]);
    expect(ref.fingerprint).toMatch(/^\d+:[\d.]+\+\d+:[\d.]+$/);
    expect(must(refs.find((r) => r.sessionId === ids.resumed)).fingerprint).toMatch(/^\d+:[\d.]+$/);
  });

  it('keeps a subagent whose parent is not found top-level, so it is never lost', async () => {
    const file = must((await discover()).find((r) => r.sessionId === ids.modern098)?.files?.[1]);
    const refs = await discover([file]);
    expect(refs.map((r) => r.sessionId)).toEqual([ids.subagent]);
    const s = await codexAdapter.load(context(), must(refs[0]));
    expect(s.agent).toBeUndefined();
    expect(s.meta?.parentThreadId).toBe(ids.modern098);
  });

  it('reads each first line once: a second discovery answers from the cache', async () => {
    const ctx = context();
    const run = () => discoveredRefs(codexAdapter.discover(ctx, [codexDir]));
    const first = await run();
    const readLines = vi.spyOn(ctx, 'readLines');
    expect(await run()).toEqual(first);
    expect(readLines).not.toHaveBeenCalled();
  });
});

describe('session shapes across generations', () => {
  it('a resumed file keeps the first id and every model', async () => {
    const s = await load(ids.resumed);
    expect(s.sessionId).toBe(ids.resumed);
    expect(s.meta).toMatchObject({
      cliVersion: '0.77.0',
      otherSessionIds: ['019b7a0c-9f8e-7d6c-8b5a-4f3e2d1c0b9a'],
    });
    expect(s.models).toEqual(['gpt-5.1-codex-max', 'gpt-5.2-codex']);
    expect(typed(s)).toEqual([
      'Port the cookie parser to use the URLSearchParams-free implementation we discussed; keep the public API.',
      'continue where we left off: the signed-cookie tests still fail',
    ]);
    expect(s.startedAt).toBe('2026-01-08T19:14:55.001Z');
    expect(s.endedAt).toBe('2026-01-09T08:02:49.330Z');
  });

  it('a compaction is one event plus its summary as context', async () => {
    const s = await load(ids.compacted);
    expect(outline(s)).toEqual([
      'context:Environment',
      'user:text',
      'assistant:text',
      'event:compaction',
      'context:Compaction summary',
      'user:text',
      'assistant:text',
    ]);
    const summary = s.messages.find((m) => m.kind === 'context' && m.label === 'Compaction summary');
    expect(summary?.kind === 'context' && summary.text).toMatch(/^Migrating src\/import\/\* from csv-parse/);
  });

  it('an aborted turn is an abort event; the injected notices are context; errors are events', async () => {
    const s = await load(ids.aborted);
    expect(outline(s)).toEqual([
      'context:Environment',
      'user:text',
      'call:shell_command',
      'event:abort',
      'context:Turn aborted',
      'context:Shell command',
      'user:text',
      'event:error',
      'assistant:text',
    ]);
    expect(s.messages.find((m) => m.kind === 'event' && m.event === 'abort')).toMatchObject({
      text: 'Turn aborted (interrupted)',
    });
    expect(s.messages.find((m) => m.kind === 'event' && m.event === 'error')).toMatchObject({
      text: expect.stringMatching(/^stream disconnected before completion: Rate limit reached/),
    });
    expect(s.meta).toMatchObject({ originator: 'codex-tui' });
  });

  it('a damaged file keeps every good line and counts the bad ones with the first line number', async () => {
    const s = await load(ids.damaged);
    expect(s.diagnostics).toEqual([
      {
        code: 'malformed-line',
        message: 'line is not valid JSON; skipped',
        path: expect.stringMatching(
          /rollout-2025-10-21T09-55-00-0199c4d5-e6f7-7081-92a3-b4c5d6e7f809\.jsonl$/,
        ),
        line: 6,
        count: 2,
      },
    ]);
    expect(typed(s)).toEqual([
      'Draft a post outline about moving the blog from Jekyll to Astro; save it to drafts/astro-move.md',
    ]);
    expect(assistantTexts(s)).toEqual([
      'Saved an outline to `drafts/astro-move.md`: why we moved, content collections, redirects for old permalinks, build times before and after.',
    ]);
  });
});

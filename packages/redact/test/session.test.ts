import { createSession, type Message, validateSession } from '@convx/core';
import { describe, expect, it } from 'vitest';
import { builtinRules, createRedactor, redactionTransform } from '../src/index.js';
import { allSecrets, everything, planted, plantedSession } from './support/planted.js';

describe('redactSession', () => {
  const redactor = createRedactor();

  it('plants one credential of every family (the test data is what it claims)', () => {
    const raw = JSON.stringify(plantedSession());
    for (const secret of allSecrets) expect(raw).toContain(JSON.stringify(secret).slice(1, -1));
    expect(planted.length).toBeGreaterThanOrEqual(25);
  });

  it('removes every planted secret from every message kind, title, meta and the child session', () => {
    const original = plantedSession();
    const result = redactor.redactSession(original);
    const json = JSON.stringify(result);
    const leaked = allSecrets.filter(
      (s) => json.includes(JSON.stringify(s).slice(1, -1)) || json.includes(s),
    );
    expect(leaked).toEqual([]);
    expect(json).toContain('[REDACTED:');
  });

  it('returns a valid session of the same shape and leaves the input untouched', () => {
    const original = plantedSession();
    const before = JSON.stringify(original);
    const result = redactor.redactSession(original);
    expect(result).not.toBe(original);
    expect(JSON.stringify(original)).toBe(before);
    const validation = validateSession(result);
    expect(validation.ok ? [] : validation.issues).toEqual([]);
    expect(result.messages.map((m) => m.kind)).toEqual(original.messages.map((m) => m.kind));
    expect(result.children?.[0]?.messages.map((m) => m.kind)).toEqual(
      original.children?.[0]?.messages.map((m) => m.kind),
    );
    expect(result.key).toBe(original.key);
    expect(result.startedAt).toBe(original.startedAt);
    const call = result.messages.find((m) => m.kind === 'tool-call');
    expect(call?.kind === 'tool-call' && call.input).toMatchObject({
      command: ['bash', '-lc', expect.stringContaining('[REDACTED:github-token]')],
      nested: { deep: [{ count: 3, ok: true, value: expect.stringContaining('[REDACTED:jwt]') }] },
    });
    expect(result.title).toBe('Deploy with aws_access_key_id=[REDACTED:aws-access-key-id]');
    expect(result.children?.[0]?.agent?.description).toBe('check GH_TOKEN=[REDACTED:github-token]');
  });

  it('names each family by its own rule', () => {
    const text = redactor.redactText(everything).text;
    for (const id of [
      'aws-access-key-id',
      'aws-secret-access-key',
      'private-key',
      'google-api-key',
      'azure-storage-key',
      'github-token',
      'github-fine-grained-token',
      'gitlab-token',
      'openai-api-key',
      'anthropic-api-key',
      'huggingface-token',
      'npm-token',
      'pypi-token',
      'stripe-key',
      'slack-token',
      'slack-webhook',
      'twilio-api-key',
      'sendgrid-api-key',
      'mailgun-api-key',
      'discord-bot-token',
      'discord-webhook',
      'telegram-bot-token',
      'jwt',
      'url-password',
      'generic-secret',
    ]) {
      expect(text, id).toContain(`[REDACTED:${id}]`);
    }
    expect(builtinRules.length).toBeGreaterThan(25);
  });

  it('leaves a session without secrets equal to the original', () => {
    const clean = createSession({
      source: 'codex',
      sessionId: 'clean',
      sourceLocation: { path: '/x.jsonl' },
      messages: [
        { kind: 'text', role: 'user', text: 'rename the token counter in src/usage.ts' },
        { kind: 'tool-call', role: 'assistant', name: 'read', input: { path: 'src/usage.ts', limit: 200 } },
      ],
    });
    expect(redactor.redactSession(clean)).toEqual(clean);
  });

  it('plugs into the sync engine as a transform whose id is the redactor id', () => {
    const transform = redactionTransform(redactor);
    expect(transform.id).toBe(redactor.id);
    expect(JSON.stringify(transform.apply(plantedSession()))).not.toContain(allSecrets[0]);
  });

  it('redacts a streamed session message by message exactly as the whole session', () => {
    const transform = redactionTransform(redactor);
    const session = plantedSession();
    const whole = transform.apply(session).messages;
    const oneByOne = session.messages.map((m) => transform.applyMessage(m));
    expect(oneByOne).toEqual(whole);
    expect(JSON.stringify(oneByOne)).toContain('[REDACTED:');
    expect(JSON.stringify(oneByOne)).not.toContain(allSecrets[0]);
  });

  it('hands back a message with nothing to redact as it is, and copies one with a secret in key order', () => {
    const token = `ghp_${'a1B2c3D4e5'.repeat(3)}abcdef`;
    const plain: Message[] = [
      { kind: 'text', role: 'user', text: 'hello', id: 'm1', model: 'gpt', attachments: [{ type: 'file' }] },
      { kind: 'thinking', role: 'assistant', text: 'hmm' },
      { kind: 'tool-call', role: 'assistant', name: 'bash', input: { cmd: 'ls' }, callId: 'c1' },
      { kind: 'tool-result', role: 'tool', output: 'ok', callId: 'c1', name: 'bash' },
      { kind: 'context', role: 'system', label: 'AGENTS.md', text: 'be nice' },
      { kind: 'event', role: 'system', text: 'compacted' },
      { kind: 'event', role: 'system' },
    ] as Message[];
    for (const message of plain) {
      const out = redactor.redactMessage(message);
      // Attachments are always copied (rare); everything else is the message itself.
      if ('attachments' in message) expect(out).toEqual(message);
      else expect(out).toBe(message);
    }
    // A secret in any field: a copy, the input untouched, the same keys in the same order as a full copy.
    for (const message of plain) {
      for (const key of Object.keys(message).filter((k) => typeof message[k as keyof Message] === 'string')) {
        if (key === 'kind' || key === 'role') continue;
        const withSecret = { ...message, [key]: `x ${token}` } as Message;
        const before = JSON.stringify(withSecret);
        const out = redactor.redactMessage(withSecret);
        expect(out).not.toBe(withSecret);
        expect(JSON.stringify(withSecret)).toBe(before);
        expect(Object.keys(out)).toEqual(Object.keys(withSecret));
        expect(JSON.stringify(out)).toBe(before.replace(token, '[REDACTED:github-token]'));
      }
    }
  });
});

describe('names', () => {
  const redactor = createRedactor({ sanitizeKeywords: ['globex'] });
  const token = planted.find((p) => p.family === 'github classic')?.secrets[0] ?? '';

  it('turns a path segment holding a secret into redacted-<rule>, even split by an invisible character', () => {
    expect(redactor.names.segment(`deploy-${token}`)).toBe('redacted-github-token');
    expect(redactor.names.segment(`${token.slice(0, 10)}\u200b${token.slice(10)}`)).toBe(
      'redacted-github-token',
    );
    expect(redactor.names.segment('globex-laptop')).toBe('redacted-keyword');
    expect(redactor.names.segment('webapp')).toBe('webapp');
    expect(redactor.names.path(`/home/alice/${token}/api`)).toBe('/home/alice/redacted-github-token/api');
    expect(redactor.names.path('C:\\Users\\globex\\app')).toBe('C:\\Users\\redacted-keyword\\app');
  });

  it('keeps two redacted ids apart with a hash of the original, and leaves plain ids alone', () => {
    const a = redactor.names.id(`a-${token}`);
    const b = redactor.names.id(`b-${token}`);
    expect(a).toMatch(/^redacted-github-token-[0-9a-f]{12}$/);
    expect(b).not.toBe(a);
    expect(redactor.names.id(`a-${token}`)).toBe(a);
    expect(redactor.names.id('019a2b3c-4d5e-7f60-8a9b-0c1d2e3f4a5b')).toBe(
      '019a2b3c-4d5e-7f60-8a9b-0c1d2e3f4a5b',
    );
  });

  it('redacts every field of a session that reaches an output', () => {
    const session = createSession({
      source: 'claude',
      sessionId: `s-${token}`,
      cwd: `/home/alice/${token}/app`,
      gitBranch: `fix/${token}`,
      models: [`model-${token}`],
      sourceLocation: {
        path: `/home/alice/.claude/projects/-home-alice-${token}-app/s.jsonl`,
        extraPaths: [`/x/${token}/agent.jsonl`],
        locator: `composerData:${token}`,
      },
      diagnostics: [{ code: 'malformed-line', message: `bad ${token}`, path: `/x/${token}.jsonl`, count: 1 }],
      meta: { remote: `ssh-remote+${token}`, note: token },
      messages: [
        {
          kind: 'text',
          role: 'user',
          id: `m-${token}`,
          text: 'see',
          attachments: [{ type: 'image/png', name: `${token}.png`, path: `/tmp/${token}.png` }],
        },
        { kind: 'tool-call', role: 'assistant', name: `mcp ${token}`, input: {}, callId: `c-${token}` },
        { kind: 'tool-result', role: 'tool', output: 'ok', callId: `c-${token}`, name: `mcp ${token}` },
      ],
      children: [
        createSession({
          source: 'claude',
          sessionId: `s-${token}/agent-${token}`,
          sourceLocation: { path: '/x/agent.jsonl' },
          agent: { id: token, type: `type-${token}` },
        }),
      ],
    });
    const out = redactor.redactSession(session);
    expect(JSON.stringify(out)).not.toContain(token);
    expect(validateSession(out).ok).toBe(true);
    expect(out.key).toBe(`claude:${out.sessionId}`);
    expect(out.cwd).toBe('/home/alice/redacted-github-token/app');
    expect(out.meta?.remote).toBe('redacted-github-token');
    expect(out.children?.[0]?.key).toBe(`claude:${out.children?.[0]?.sessionId}`);
    // The same call id on both sides still pairs.
    expect(out.messages[1]?.kind === 'tool-call' && out.messages[1].callId).toBe(
      out.messages[2]?.kind === 'tool-result' && out.messages[2].callId,
    );
  });
});

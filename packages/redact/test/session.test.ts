import { createSession, type Message, type Session, validateSession } from '@convx/core';
import { describe, expect, it } from 'vitest';
import { builtinRules, createRedactor, redactionTransform } from '../src/index.js';
import { BASE64, BASE64URL, fakeChars, HEX, LETTERS, UPPER_DIGITS } from '../src/rules/fake.js';
import { fakePemBlock } from '../src/rules/keys-tokens.js';

const digits = '0123456789';
const pem = fakePemBlock('OPENSSH PRIVATE KEY', '\n', 8);

/** One credential of every family, each in a typical context, with the part that must disappear. */
const planted: Array<{ family: string; context: string; secrets: string[] }> = [];
function plant(family: string, secret: string, context: (s: string) => string, also: string[] = []) {
  planted.push({ family, context: context(secret), secrets: [secret, ...also] });
}
plant('aws key id', `AKIA${fakeChars(16, UPPER_DIGITS, 101)}`, (s) => `aws_access_key_id=${s}`);
plant('aws secret', fakeChars(40, BASE64, 102), (s) => `aws_secret_access_key = ${s}`);
plant(
  'gcp key body',
  fakePemBlock('PRIVATE KEY', '\\n', 5),
  (s) => `{"type": "service_account", "private_key": "${s}\\n"}`,
);
plant('google api', `AIza${fakeChars(35, BASE64URL, 103)}`, (s) => `const key = "${s}";`);
plant(
  'azure',
  `${fakeChars(86, BASE64, 104)}==`,
  (s) => `DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${s};`,
);
plant('github classic', `ghp_${fakeChars(36, undefined, 105)}`, (s) => `GH_TOKEN=${s}`);
plant('github fine-grained', `github_pat_${fakeChars(82, undefined, 106)}`, (s) => `token: ${s}`);
plant('gitlab', `glpat-${fakeChars(20, undefined, 107)}`, (s) => `PRIVATE-TOKEN: ${s}`);
plant('openai project', `sk-proj-${fakeChars(120, BASE64URL, 108)}`, (s) => `OPENAI_API_KEY=${s}`);
plant('openai svcacct', `sk-svcacct-${fakeChars(90, BASE64URL, 109)}`, (s) => `key=${s}`);
plant('anthropic', `sk-ant-api03-${fakeChars(95, BASE64URL, 110)}`, (s) => `x-api-key: ${s}`);
plant('huggingface', `hf_${fakeChars(34, LETTERS, 111)}`, (s) => `huggingface-cli login --token ${s}`);
plant('npm', `npm_${fakeChars(36, undefined, 112)}`, (s) => `//registry.npmjs.org/:_authToken=${s}`);
plant('pypi', `pypi-AgEIcHlwaS5vcmc${fakeChars(80, BASE64URL, 113)}`, (s) => `twine upload -p ${s}`);
plant('stripe', `sk_live_${fakeChars(99, undefined, 114)}`, (s) => `Stripe(${JSON.stringify(s)})`);
plant(
  'slack token',
  `xoxb-${fakeChars(12, digits, 115)}-${fakeChars(24, undefined, 116)}`,
  (s) => `SLACK_BOT_TOKEN=${s}`,
);
plant(
  'slack webhook',
  `T${fakeChars(10, undefined, 117)}/B${fakeChars(10, undefined, 118)}/${fakeChars(24, undefined, 119)}`,
  (s) => `https://hooks.slack.com/services/${s}`,
);
plant('twilio', `SK${fakeChars(32, HEX, 120)}`, (s) => `twilio api key ${s}`);
plant(
  'sendgrid',
  `SG.${fakeChars(22, BASE64URL, 121)}.${fakeChars(43, BASE64URL, 122)}`,
  (s) => `sgMail.setApiKey('${s}')`,
);
plant('mailgun', `key-${fakeChars(32, HEX, 123)}`, (s) => `auth=("api", "${s}")`);
plant(
  'discord bot',
  `MTE${fakeChars(23, BASE64URL, 124)}.${fakeChars(6, BASE64URL, 125)}.${fakeChars(38, BASE64URL, 126)}`,
  (s) => `bot.run("${s}")`,
);
plant(
  'discord webhook',
  fakeChars(68, BASE64URL, 127),
  (s) => `https://discord.com/api/webhooks/123456789012345678/${s}`,
);
plant(
  'telegram',
  `${fakeChars(10, digits, 128)}:AA${fakeChars(33, BASE64URL, 129)}`,
  (s) => `https://api.telegram.org/bot${s}/getMe`,
);
plant(
  'jwt',
  `eyJhbGciOiJIUzI1NiJ9.eyJ${fakeChars(80, BASE64URL, 130)}.${fakeChars(43, BASE64URL, 131)}`,
  (s) => `Cookie: session=${s}`,
);
plant('pem', pem, (s) => `cat ~/.ssh/id_ed25519\n${s}\n`, pem.split('\n').slice(1, -1));
plant('url password', fakeChars(16, undefined, 132), (s) => `postgres://app:${s}@db.internal/app`);
plant('generic', fakeChars(20, BASE64, 133), (s) => `"db_password": "${s}"`);

const everything = planted.map((p) => p.context).join('\n');
const allSecrets = planted.flatMap((p) => p.secrets);

function messagesWithSecrets(prefix: string): Message[] {
  const t = (n: number) => `2026-11-20T10:${String(n).padStart(2, '0')}:00Z`;
  return [
    { kind: 'text', role: 'user', text: `${prefix} please fix the deploy:\n${everything}`, timestamp: t(0) },
    {
      kind: 'thinking',
      role: 'assistant',
      text: `The user pasted credentials:\n${everything}`,
      timestamp: t(1),
    },
    {
      kind: 'tool-call',
      role: 'assistant',
      name: 'shell',
      callId: 'call-1',
      input: {
        command: ['bash', '-lc', everything],
        env: Object.fromEntries(planted.map((p, i) => [`VAR_${i}`, p.context])),
        nested: { deep: [{ value: everything, count: 3, ok: true }] },
      },
      timestamp: t(2),
    },
    {
      kind: 'tool-result',
      role: 'tool',
      callId: 'call-1',
      name: 'shell',
      output: everything,
      isError: false,
      timestamp: t(3),
    },
    {
      kind: 'context',
      role: 'user',
      label: 'AGENTS.md',
      text: `Environment:\n${everything}`,
      timestamp: t(4),
    },
    { kind: 'event', role: 'system', event: 'error', text: `deploy failed: ${everything}`, timestamp: t(5) },
    { kind: 'text', role: 'assistant', text: `Rotate these now:\n${everything}`, timestamp: t(6) },
  ];
}

function plantedSession(): Session {
  const child = createSession({
    source: 'claude',
    sessionId: 'child-1',
    sourceLocation: { path: '/home/dev/.claude/projects/x/child-1.jsonl' },
    agent: { id: 'agent-1', type: 'general-purpose', description: `check ${planted[5]?.context}` },
    messages: messagesWithSecrets('subagent:'),
  });
  return createSession({
    source: 'claude',
    sessionId: 'parent-1',
    title: `Deploy with ${planted[0]?.context}`,
    cwd: '/home/dev/src/acme',
    sourceLocation: { path: '/home/dev/.claude/projects/x/parent-1.jsonl' },
    models: ['claude-sonnet-4-5'],
    messages: messagesWithSecrets('parent:'),
    children: [child],
    meta: { originalPrompt: everything, version: 2 },
  });
}

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
});

import { createSession, type Message, type Session } from '@convx/core';
import { BASE64, BASE64URL, fakeChars, HEX, LETTERS, UPPER_DIGITS } from '../../src/rules/fake.js';
import { fakePemBlock } from '../../src/rules/keys-tokens.js';

// One credential of every family, planted in every message kind, the title, meta and a child session.

const digits = '0123456789';
const pem = fakePemBlock('OPENSSH PRIVATE KEY', '\n', 8);

/** One credential of every family, each in a typical context, with the part that must disappear. */
export const planted: Array<{ family: string; context: string; secrets: string[] }> = [];
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

export const everything = planted.map((p) => p.context).join('\n');
export const allSecrets = planted.flatMap((p) => p.secrets);

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

export function plantedSession(sessionId = 'parent-1'): Session {
  const child = createSession({
    source: 'claude',
    sessionId: 'child-1',
    sourceLocation: { path: '/home/dev/.claude/projects/x/child-1.jsonl' },
    agent: { id: 'agent-1', type: 'general-purpose', description: `check ${planted[5]?.context}` },
    messages: messagesWithSecrets('subagent:'),
  });
  return createSession({
    source: 'claude',
    sessionId,
    title: `Deploy with ${planted[0]?.context}`,
    cwd: '/home/dev/src/acme',
    sourceLocation: { path: '/home/dev/.claude/projects/x/parent-1.jsonl' },
    models: ['claude-sonnet-4-5'],
    messages: messagesWithSecrets('parent:'),
    children: [child],
    meta: { originalPrompt: everything, version: 2 },
  });
}

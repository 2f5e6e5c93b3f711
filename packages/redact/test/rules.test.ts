import { describe, expect, it } from 'vitest';
import { builtinRules, createRedactor } from '../src/index.js';
import { BASE64, BASE64URL, fakeChars, HEX } from '../src/rules/fake.js';
import { fakePemBlock } from '../src/rules/keys-tokens.js';

const redactor = createRedactor();

describe('every built-in rule', () => {
  it('has a unique id, a description and both examples', () => {
    const ids = builtinRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of builtinRules) {
      expect(rule.id).toMatch(/^[a-z0-9-]+$/);
      expect(rule.description.length).toBeGreaterThan(10);
      expect(rule.pattern.flags).toContain('g');
    }
    expect(builtinRules.length).toBeGreaterThanOrEqual(40);
  });

  it.each(builtinRules.map((r) => [r.id, r] as const))('%s redacts its positive example', (id, rule) => {
    const result = redactor.redactText(rule.examples.positive);
    expect(result.text).toContain(`[REDACTED:${id}]`);
    expect(result.findings.map((f) => f.ruleId)).toContain(id);
    // Whatever was redacted is gone from the output.
    for (const f of result.findings)
      expect(result.text).not.toContain(rule.examples.positive.slice(f.start, f.end));
  });

  it.each(builtinRules.map((r) => [r.id, r] as const))('%s leaves its near miss alone', (_id, rule) => {
    const result = redactor.redactText(rule.examples.negative);
    expect(result.findings).toEqual([]);
    expect(result.text).toBe(rule.examples.negative);
  });
});

const pemBody = (block: string) => block.split(/\n|\\n/).slice(1, -1);

// [description, input, expected output]
const exact: Array<[string, string, string]> = [
  [
    'Telegram token inside a Bot API URL',
    `curl https://api.telegram.org/bot7012345678:AA${fakeChars(33, BASE64URL, 18)}/getMe`,
    'curl https://api.telegram.org/bot[REDACTED:telegram-bot-token]/getMe',
  ],
  [
    'URL password: user and host are kept',
    `psql postgresql://report_ro:${fakeChars(14, undefined, 3)}@10.0.4.12:5432/analytics`,
    'psql postgresql://report_ro:[REDACTED:url-password]@10.0.4.12:5432/analytics',
  ],
  [
    'URL password: mongodb+srv and redis schemes',
    `mongodb+srv://svc:${fakeChars(12, undefined, 5)}@cluster0.mongodb.net/db redis://:${fakeChars(20, undefined, 6)}@cache:6379`,
    'mongodb+srv://svc:[REDACTED:url-password]@cluster0.mongodb.net/db redis://:[REDACTED:url-password]@cache:6379',
  ],
  [
    'URL password: placeholder kept',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${VAR} placeholder is the point
    'amqp://guest:${RABBIT_PASSWORD}@mq:5672',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${VAR} placeholder is the point
    'amqp://guest:${RABBIT_PASSWORD}@mq:5672',
  ],
  [
    'URL password: user==password default kept',
    'postgres://postgres:postgres@db/x',
    'postgres://postgres:postgres@db/x',
  ],
  ['URL without password kept', 'ssh://git@github.com/acme/api.git', 'ssh://git@github.com/acme/api.git'],
  [
    'Slack webhook: only the path secret goes',
    `https://hooks.slack.com/services/${fakeChars(30, BASE64URL, 8)}`,
    'https://hooks.slack.com/services/[REDACTED:slack-webhook]',
  ],
  [
    'AWS secret in JSON form',
    `{"AccessKeyId": "ASIA${fakeChars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 4)}", "SecretAccessKey": "${fakeChars(40, BASE64, 9)}"}`,
    '{"AccessKeyId": "[REDACTED:aws-access-key-id]", "SecretAccessKey": "[REDACTED:aws-secret-access-key]"}',
  ],
  [
    'Anthropic key is named anthropic, not openai',
    `export ANTHROPIC_API_KEY=sk-ant-api03-${fakeChars(95, BASE64URL, 12)}`,
    'export ANTHROPIC_API_KEY=[REDACTED:anthropic-api-key]',
  ],
  [
    'OpenAI service-account key',
    `OPENAI_API_KEY=sk-svcacct-${fakeChars(80, BASE64URL, 13)}`,
    'OPENAI_API_KEY=[REDACTED:openai-api-key]',
  ],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${VAR} placeholder is the point
  ['generic: env reference kept', 'password=${PASSWORD}', 'password=${PASSWORD}'],
  ['generic: dictionary default kept', 'password: "changeme"', 'password: "changeme"'],
  ['generic: code reference kept', 'api_key = settings.api_key', 'api_key = settings.api_key'],
  [
    'generic: counts kept',
    'max_tokens: 4096, token_count: 12345678',
    'max_tokens: 4096, token_count: 12345678',
  ],
  ['generic: Kubernetes secret name kept', '      secret: api-secrets-v2', '      secret: api-secrets-v2'],
  ['generic: word-built token label kept', 'token: release-2026-11-18', 'token: release-2026-11-18'],
  ['generic: short human password', 'password: hunter22', 'password: [REDACTED:generic-secret]'],
  ['generic: password with symbols', "PASSWORD='Summer2024!'", "PASSWORD='[REDACTED:generic-secret]'"],
  ['generic: password getter kept', 'password = getpass.getpass()', 'password = getpass.getpass()'],
  ['generic: masked value kept', 'client_secret: "********"', 'client_secret: "********"'],
  [
    'generic: generated value in YAML',
    `  client_secret: ${fakeChars(24, undefined, 14)}`,
    '  client_secret: [REDACTED:generic-secret]',
  ],
  [
    'generic: quoted password with symbols',
    `DB_PASSWORD="p@5s-${fakeChars(10, undefined, 15)}!"`,
    'DB_PASSWORD="[REDACTED:generic-secret]"',
  ],
  [
    'bearer token in a curl command',
    `curl -H 'Authorization: Bearer ${fakeChars(48, BASE64URL, 16)}' https://api.acme.dev`,
    "curl -H 'Authorization: Bearer [REDACTED:bearer-token]' https://api.acme.dev",
  ],
  [
    'twilio token next to a generic assignment is named twilio',
    `TWILIO_AUTH_TOKEN=${fakeChars(32, HEX, 17)}`,
    'TWILIO_AUTH_TOKEN=[REDACTED:twilio-auth-token]',
  ],
];

describe('exact redaction output', () => {
  it.each(exact)('%s', (_name, input, expected) => {
    expect(redactor.redactText(input).text).toBe(expected);
  });
});

describe('private keys', () => {
  it('redacts the whole multi-line block, body included', () => {
    const block = fakePemBlock('RSA PRIVATE KEY', '\n', 20);
    const result = redactor.redactText(`here is the key:\n${block}\nuse it wisely`);
    expect(result.text).toBe('here is the key:\n[REDACTED:private-key]\nuse it wisely');
  });

  it('redacts a block with escaped newlines inside a JSON string (GCP service-account file)', () => {
    const block = fakePemBlock('PRIVATE KEY', '\\n');
    const json = `{"type": "service_account", "project_id": "acme-prod", "private_key_id": "${fakeChars(40, HEX, 2)}", "private_key": "${block}\\n", "client_email": "ci@acme-prod.iam.gserviceaccount.com"}`;
    const result = redactor.redactText(json);
    expect(result.text).toBe(
      '{"type": "service_account", "project_id": "acme-prod", "private_key_id": "[REDACTED:gcp-service-account-key-id]", "private_key": "[REDACTED:private-key]\\n", "client_email": "ci@acme-prod.iam.gserviceaccount.com"}',
    );
    expect(() => JSON.parse(result.text)).not.toThrow();
    for (const line of pemBody(block)) expect(result.text).not.toContain(line);
  });

  it('redacts the body of a truncated paste with no END line, and keeps the prose after it', () => {
    const block = fakePemBlock('EC PRIVATE KEY', '\n').split('\n').slice(0, 4).join('\n');
    const result = redactor.redactText(`${block}\n\nThe rest of the file was cut off.`);
    expect(result.text).toBe('[REDACTED:private-key]\n\nThe rest of the file was cut off.');
  });

  it('leaves public keys and certificates alone', () => {
    const cert = fakePemBlock('CERTIFICATE', '\n').replace(/PRIVATE KEY/g, '');
    expect(redactor.redactText(cert).findings).toEqual([]);
  });
});

describe('docs/redaction.md', () => {
  it('lists every built-in rule id', async () => {
    const { readFile } = await import('node:fs/promises');
    const doc = await readFile(new URL('../../../docs/redaction.md', import.meta.url), 'utf8');
    const missing = builtinRules.map((r) => r.id).filter((id) => !doc.includes(`| \`${id}\` |`));
    expect(missing).toEqual([]);
  });
});

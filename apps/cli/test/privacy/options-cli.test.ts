import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupArgs, makeWorkspace, runCli, type Workspace } from '../support/cli.js';
import { fakeUuid, writeCodexSession } from '../support/codex-fixture.js';
import { readOutputs, readTwins } from './outputs.js';
import { planted } from './sessions.js';

// Config-driven privacy: sanitize keywords, extra rules, the allow list, disabled rules, invalid entries,
// and `[redaction] enabled = false`.

const secretOf = (ruleId: string) => {
  const found = planted.find((p) => p.ruleId === ruleId)?.secrets[0];
  if (!found) throw new Error(`no planted ${ruleId}`);
  return found;
};
const github = secretOf('github-token');
const gitlab = secretOf('gitlab-token');
// A company token format no built-in rule knows, built at runtime.
const acme = `acme_tok_${'k3j9x7q2'.repeat(2)}`;

let ws: Workspace;
const sessionId = fakeUuid(911);

async function writeConfig(toml: string): Promise<void> {
  await mkdir(join(ws.out, '.convx'), { recursive: true });
  await writeFile(join(ws.out, '.convx/config.toml'), toml);
}

async function writeSession(prompt: string, answer = 'Understood.'): Promise<void> {
  await writeCodexSession(ws.home, {
    id: sessionId,
    startedAt: '2026-11-04T09:00:00.000Z',
    cwd: `${ws.home}/code/api`,
    turns: [{ prompt, answer }],
  });
}

async function twinText(): Promise<string> {
  return JSON.stringify((await readTwins(ws.out)).get(sessionId)?.messages ?? null);
}

beforeEach(async () => {
  ws = await makeWorkspace({ copyFixtures: false });
});
afterEach(() => ws.cleanup());

describe('sanitize keywords', () => {
  const prompt =
    'We ship Project Falcon for Globex next week.\nProject\nFalcon wraps lines; globexcorp and falconry are other words.';

  it('replaces the words and phrases in every file, which stay valid JSON and Markdown', async () => {
    await writeConfig('sanitize_keywords = ["Project Falcon", "globex"]\n');
    await writeSession(prompt, 'Globex gets Project Falcon on Monday.');
    const result = await runCli(backupArgs(ws));
    expect(result.code, result.stderr).toBe(0);
    const messages = (await readTwins(ws.out)).get(sessionId)?.messages ?? [];
    expect(messages.filter((m) => m.kind === 'text').map((m) => m.text)).toEqual([
      'We ship [REDACTED:keyword] for [REDACTED:keyword] next week.\n[REDACTED:keyword] wraps lines; globexcorp and falconry are other words.',
      '[REDACTED:keyword] gets [REDACTED:keyword] on Monday.',
    ]);
    const md = (await readOutputs(ws.out)).find((o) => o.file.endsWith('.md'))?.content ?? '';
    expect(md).toContain('[REDACTED:keyword] gets [REDACTED:keyword] on Monday.');
    expect(md).not.toMatch(/Falcon|Globex/);
    expect(md).toMatch(/^---\n[\s\S]*\n---\n/);
  });

  it('still applies with redaction turned off (a separate choice), which keeps the secrets', async () => {
    await writeConfig('sanitize_keywords = ["globex"]\n');
    await writeSession(`Globex deploy token: GH_TOKEN=${github}`);
    const result = await runCli(backupArgs(ws, '--no-redact'));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('warning: secret redaction is off');
    const text = await twinText();
    expect(text).toContain(`[REDACTED:keyword] deploy token: GH_TOKEN=${github}`);
  });
});

describe('[redaction] in .convx/config.toml', () => {
  it('adds user rules, honours the allow list and disabled rules, and re-renders when they change', async () => {
    await writeSession(`Tokens: ${acme} ${github} ${gitlab}`);
    await writeConfig(
      [
        '[redaction]',
        `allow = ["${github}"]`,
        '',
        '[[redaction.rules]]',
        'id = "acme-token"',
        'description = "ACME service tokens"',
        'pattern = "acme_tok_[a-z0-9]{16}"',
        '',
      ].join('\n'),
    );
    let result = await runCli(backupArgs(ws));
    expect(result.code, result.stderr).toBe(0);
    expect(await twinText()).toContain(`Tokens: [REDACTED:acme-token] ${github} [REDACTED:gitlab-token]`);

    await writeConfig('[redaction]\ndisable = ["gitlab-token"]\n');
    result = await runCli(backupArgs(ws));
    expect(result.code, result.stderr).toBe(0);
    expect(await twinText()).toContain(`Tokens: ${acme} [REDACTED:github-token] ${gitlab}`);
  });

  it('enabled = false writes secrets as they are and warns on every run', async () => {
    await writeConfig('[redaction]\nenabled = false\n');
    await writeSession(`GH_TOKEN=${github}`);
    for (let run = 0; run < 2; run++) {
      const result = await runCli(backupArgs(ws, '--quiet'));
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain(
        'warning: secret redaction is off ([redaction] enabled = false in .convx/config.toml)',
      );
    }
    expect(await twinText()).toContain(`GH_TOKEN=${github}`);
  });

  it.each([
    ['[[redaction.rules]]\nid = "bad"\npattern = "(unclosed"\n', 'redaction.rules[0].pattern'],
    [
      '[[redaction.rules]]\nid = "ok"\npattern = "x"\n[[redaction.rules]]\nid = "empty"\npattern = "a*"\n',
      'redaction.rules[1].pattern',
    ],
    ['[[redaction.rules]]\nid = "github-token"\npattern = "ghx_[a-z]+"\n', 'redaction.rules[0].id'],
    ['[[redaction.rules]]\nid = "no-pattern"\n', 'redaction.rules[0].pattern'],
    ['[redaction]\nallow = ["/(/"]\n', 'redaction.allow[0]'],
    ['[redaction]\ndisable = ["generic-secret", "no-such-rule"]\n', 'redaction.disable[1]'],
  ])('an invalid entry is a usage error naming its key (%#)', async (toml, key) => {
    await writeConfig(toml);
    await writeSession('hello');
    const result = await runCli(backupArgs(ws));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(key);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(ws.out, 'history'))).toBe(false);
  });
});

import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitInit, runCli } from '../support/cli.js';
import { planted, readCorpus, secretCores } from './sessions.js';

// `convx scan` on a hand-written history folder (as exported before redaction existed, or by another tool).

const example = (ruleId: string) => {
  const found = planted.find((p) => p.ruleId === ruleId);
  if (!found) throw new Error(`no planted ${ruleId}`);
  return found;
};
const mdDir = 'history/ana/codex/laptop/code/api';
const md = `${mdDir}/2026-03-01-1000-deploy-setup.md`;
const twin = `${mdDir}/.2026-03-01-1000-deploy-setup.json`;
const jsonl = 'imports/other-tool/session.jsonl';
const txt = 'notes/pasted.txt';
const html = 'html/ana/2026-03-01-1000-deploy-setup.html';

let root: string;
let corpusText = '';
/** `file:line rule` for every planted secret, where it was written. */
const expected: string[] = [];

async function put(rel: string, content: string): Promise<void> {
  await mkdir(join(root, rel, '..'), { recursive: true });
  await writeFile(join(root, rel), content);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'convx-scan-'));
  await gitInit(root);
  corpusText = (await readCorpus()).map((c) => c.text).join('\n\n');

  // Markdown: each credential on a known line (a private key is reported at its BEGIN line).
  const mdLines = ['---', 'title: Deploy setup', '---', '', '## User', ''];
  for (const ruleId of ['github-token', 'private-key', 'url-password', 'slack-token', 'jwt']) {
    const lines = example(ruleId).text.split('\n');
    const offset = lines.findIndex((l) => !l.startsWith('cat ') && l.trim() !== '');
    expected.push(`${md}:${mdLines.length + offset + 1} ${ruleId}`);
    mdLines.push(...lines, '');
  }
  await put(md, `${mdLines.join('\n')}\n`);

  // A JSON twin, pretty-printed like convx writes it: one credential per message.
  const twinRules = ['anthropic-api-key', 'aws-access-key-id', 'private-key'];
  const messages = twinRules.map((ruleId) => ({ kind: 'text', role: 'user', text: example(ruleId).text }));
  await put(twin, `${JSON.stringify({ schemaVersion: 1, sessionId: 's1', messages }, null, 2)}\n`);
  twinRules.forEach((ruleId, i) => {
    expected.push(`${twin}:${8 + i * 5} ${ruleId}`);
  });

  // Raw JSONL of another tool, and a text file.
  const jsonlRules = ['stripe-key', 'openai-api-key'];
  await put(
    jsonl,
    `${jsonlRules.map((ruleId) => JSON.stringify({ type: 'message', content: example(ruleId).text })).join('\n')}\n`,
  );
  jsonlRules.forEach((ruleId, i) => {
    expected.push(`${jsonl}:${i + 1} ${ruleId}`);
  });
  await put(txt, `pasted from the terminal:\n${example('npm-token').text}\n`);
  expected.push(`${txt}:2 npm-token`);
  // A page written by a custom renderer (examples/render-html).
  await put(html, `<!doctype html>\n<main>\n<pre>${example('huggingface-token').text}</pre>\n</main>\n`);
  expected.push(`${html}:3 huggingface-token`);

  // Clean prose and code, and places scan must not read.
  await put('history/ana/codex/laptop/code/api/2026-03-02-0900-notes.md', `${corpusText}\n`);
  await put('.convx/state/index.jsonl', JSON.stringify({ leaked: example('gitlab-token').text }));
  await put('.git/info/notes.md', example('gitlab-token').text);
  await put('node_modules/pkg/README.md', example('gitlab-token').text);
  await put('scripts/deploy.sh', example('gitlab-token').text);
});

afterAll(() => rm(root, { recursive: true, force: true }));

const secretsIn = (text: string) =>
  secretCores.filter(({ core }) => text.includes(core)).map((s) => s.ruleId);

interface ScanJson {
  root: string;
  filesScanned: number;
  findings: { path: string; line: number; column: number; ruleId: string; preview?: string }[];
  fixed?: { path: string; redactions: number; ruleIds: string[] }[];
  remaining?: unknown[];
}

describe('convx scan', () => {
  it('reports every planted secret by file, line and rule, exits 1 and prints no secret', async () => {
    const result = await runCli(['scan', '--output-path', root]);
    expect(result.code, result.stderr).toBe(1);
    const reported = result.stdout
      .split('\n')
      .map((line) => /^(\S+):(\d+):(\d+) {2}(\S+)/.exec(line))
      .filter((m) => m !== null)
      .map((m) => `${m[1]}:${m[2]} ${m[4]}`);
    expect(reported.sort()).toEqual([...expected].sort());
    expect(result.stdout).toContain(`${expected.length} possible secrets in 5 of 6 files under ${root}`);
    expect(result.stdout).toMatch(/github-token {2}ghs_…[A-Za-z0-9]{4} \(40 chars\)/);
    expect(secretsIn(result.stdout + result.stderr)).toEqual([]);
  });

  it('--json gives the same findings with columns, and no secret either', async () => {
    const result = await runCli(['scan', '--output-path', root, '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as ScanJson;
    expect(report.filesScanned).toBe(6);
    expect(report.findings.map((f) => `${f.path}:${f.line} ${f.ruleId}`).sort()).toEqual(
      [...expected].sort(),
    );
    const github = report.findings.find((f) => f.ruleId === 'github-token');
    expect(github?.column).toBe(example('github-token').text.indexOf('ghs_') + 1);
    expect(secretsIn(result.stdout)).toEqual([]);
  });

  it('without --output-path scans the git repository around the current folder', async () => {
    const result = await runCli(['scan', '--json'], { cwd: join(root, 'notes') });
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as ScanJson).findings).toHaveLength(expected.length);
    const outside = await runCli(['scan'], { cwd: tmpdir() });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('--output-path');
    const missing = await runCli(['scan', '--output-path', join(root, 'no-such-folder')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('does not exist; check --output-path');
  });

  it('--fix redacts in place (JSON stays valid, clean files untouched); a second scan exits 0', async () => {
    const cleanFile = join(root, 'history/ana/codex/laptop/code/api/2026-03-02-0900-notes.md');
    const cleanBefore = await stat(cleanFile);
    const result = await runCli(['scan', '--output-path', root, '--fix']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain(
      `fixed ${md}: 5 redacted (github-token, jwt, private-key, slack-token, url-password)`,
    );
    expect(result.stdout).toContain(`Redacted ${expected.length} secrets in 5 files`);
    expect(secretsIn(result.stdout)).toEqual([]);

    const mdText = await readFile(join(root, md), 'utf8');
    expect(mdText).toContain('[REDACTED:github-token]');
    expect(mdText.startsWith('---\ntitle: Deploy setup\n---\n')).toBe(true);
    const twinJson = JSON.parse(await readFile(join(root, twin), 'utf8')) as { messages: { text: string }[] };
    expect(twinJson.messages.map((m) => m.text.match(/\[REDACTED:[a-z-]+\]/g))).toEqual([
      ['[REDACTED:anthropic-api-key]'],
      ['[REDACTED:aws-access-key-id]'],
      ['[REDACTED:private-key]'],
    ]);
    const lines = (await readFile(join(root, jsonl), 'utf8')).trimEnd().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { content: string }).content)).toEqual([
      example('stripe-key').text.replace(example('stripe-key').secrets[0] ?? '', '[REDACTED:stripe-key]'),
      example('openai-api-key').text.replace(
        example('openai-api-key').secrets[0] ?? '',
        '[REDACTED:openai-api-key]',
      ),
    ]);
    expect((await stat(cleanFile)).mtimeMs).toBe(cleanBefore.mtimeMs);
    expect(await readFile(join(root, 'scripts/deploy.sh'), 'utf8')).toBe(example('gitlab-token').text);

    const again = await runCli(['scan', '--output-path', root]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`No secrets found in 6 files under ${root}.\n`);
  });
});

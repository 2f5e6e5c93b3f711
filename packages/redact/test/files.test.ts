import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedactor, fixFile, scanFile } from '../src/index.js';
import { BASE64URL, fakeChars } from '../src/rules/fake.js';
import { fakePemBlock } from '../src/rules/keys-tokens.js';

const redactor = createRedactor();
const npmToken = `npm_${fakeChars(36, undefined, 51)}`;
const jwt = `eyJhbGciOiJIUzI1NiJ9.eyJ${fakeChars(40, BASE64URL, 52)}.${fakeChars(43, BASE64URL, 53)}`;
const pem = fakePemBlock('RSA PRIVATE KEY', '\n', 4);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'convx-redact-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('scanFile', () => {
  it('reports path, line, column and rule; a multi-line key at its BEGIN line', async () => {
    const path = join(dir, 'notes.md');
    await writeFile(path, `# Notes\n\nnpm token: ${npmToken}\n\n${pem}\nafter the key\n\tjwt ${jwt}\n`);
    expect(await scanFile(path, redactor)).toEqual([
      { path, line: 3, column: 12, ruleId: 'npm-token' },
      { path, line: 5, column: 1, ruleId: 'private-key' },
      { path, line: 13, column: 6, ruleId: 'jwt' }, // BEGIN, 5 body lines, END, 'after the key'
    ]);
  });

  it('finds nothing in a clean file', async () => {
    const path = join(dir, 'clean.md');
    await writeFile(path, 'nothing to see\nhere: https://example.com/a?b=c\n');
    expect(await scanFile(path, redactor)).toEqual([]);
  });
});

describe('fixFile', () => {
  it('rewrites a text file with secrets redacted and everything else byte for byte', async () => {
    const path = join(dir, 'session.md');
    const text = `## user\r\n\r\nmy token is ${npmToken}\r\n\r\n${pem}\r\n\r\n## assistant\r\nDo not paste keys.\r\n`;
    await writeFile(path, text, { mode: 0o640 });
    const result = await fixFile(path, redactor);
    expect(result).toEqual({ path, changed: true, redactions: 2, ruleIds: ['npm-token', 'private-key'] });
    expect(await readFile(path, 'utf8')).toBe(
      '## user\r\n\r\nmy token is [REDACTED:npm-token]\r\n\r\n[REDACTED:private-key]\r\n\r\n## assistant\r\nDo not paste keys.\r\n',
    );
    expect((await stat(path)).mode & 0o777).toBe(0o640);
    expect((await readdir(dir)).sort()).toEqual(['session.md']); // no temp file left behind
  });

  it('keeps a .json file valid and indented like the original, keys and numbers intact', async () => {
    const path = join(dir, '.session.json');
    const doc = {
      title: `token ${npmToken}`,
      messages: [{ kind: 'tool-call', input: { cmd: `curl -H "Authorization: Bearer ${jwt}"`, n: 3 } }],
      key: pem,
    };
    await writeFile(path, `${JSON.stringify(doc, null, 2)}\n`);
    const result = await fixFile(path, redactor);
    expect(result.changed).toBe(true);
    const text = await readFile(path, 'utf8');
    expect(text).toMatch(/^\{\n {2}"title"/);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual({
      title: 'token [REDACTED:npm-token]',
      messages: [
        { kind: 'tool-call', input: { cmd: 'curl -H "Authorization: Bearer [REDACTED:jwt]"', n: 3 } },
      ],
      key: '[REDACTED:private-key]',
    });
  });

  it('redacts .jsonl line by line and keeps every line valid JSON', async () => {
    const path = join(dir, 'log.jsonl');
    await writeFile(path, `{"a":"${npmToken}"}\n{"b":"clean"}\n{"c":${JSON.stringify(pem)}}\n`);
    await fixFile(path, redactor);
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines).toEqual([
      '{"a":"[REDACTED:npm-token]"}',
      '{"b":"clean"}',
      '{"c":"[REDACTED:private-key]"}',
      '',
    ]);
  });

  it('leaves a clean file untouched (same mtime)', async () => {
    const path = join(dir, 'clean.json');
    await writeFile(path, '{ "weird":   "formatting" }');
    const before = (await stat(path)).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    expect(await fixFile(path, redactor)).toEqual({ path, changed: false, redactions: 0, ruleIds: [] });
    expect((await stat(path)).mtimeMs).toBe(before);
    expect(await readFile(path, 'utf8')).toBe('{ "weird":   "formatting" }');
  });
});

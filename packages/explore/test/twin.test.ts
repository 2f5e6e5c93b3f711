import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OutlineCache } from '../src/twin/cache.js';
import { CLIP_CHARS, findInMessages, messageTexts, readMessages } from '../src/twin/messages.js';
import { readTwinOutline } from '../src/twin/outline.js';
import { resumeCommand } from '../src/twin/resume.js';
import { matchSpawns } from '../src/twin/spawns.js';
import { backupFixtures } from './support/fixture-output.js';

interface Twin {
  messages: { kind: string; role?: string; callId?: string; name?: string }[];
  children?: Twin[];
}

async function twins(root: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.startsWith('.') && entry.name.endsWith('.json'))
      found.push(join(entry.parentPath, entry.name));
  }
  return found.sort();
}

const letter = (m: Twin['messages'][number]) =>
  ({
    text: m.role === 'user' ? 'p' : 'a',
    'tool-call': 't',
    'tool-result': 'r',
    thinking: 'h',
    context: 'c',
    event: 'e',
  })[m.kind];

describe('twin outline', () => {
  let out: string;
  let all: string[];
  beforeAll(async () => {
    out = await backupFixtures();
    all = await twins(join(out, 'history'));
  });

  it('finds every message and subagent of every fixture twin, and pages them exactly', async () => {
    expect(all.length).toBeGreaterThan(30);
    for (const path of all) {
      const whole = JSON.parse(await readFile(path, 'utf8')) as Twin;
      const { root } = await readTwinOutline(path);
      expect(root.inline, path).toBeUndefined();
      expect(root.kinds, path).toBe(whole.messages.map(letter).join(''));
      expect(root.children.length, path).toBe(whole.children?.length ?? 0);
      const page = await readMessages(path, root, 1, 3);
      expect(page.messages, path).toEqual(whole.messages.slice(1, 4));
      for (const [i, child] of (whole.children ?? []).entries()) {
        expect(root.children[i]?.kinds).toBe(child.messages.map(letter).join(''));
      }
      const texts: string[] = [];
      for await (const text of messageTexts(path, root)) texts.push(text);
      expect(
        texts.map((t) => JSON.parse(t)),
        path,
      ).toEqual(whole.messages);
    }
  });

  it('reads a twin that is not in the line layout whole (pretty-printed by hand)', async () => {
    const path = all.find((p) => p.includes('payments-api')) ?? '';
    const whole = JSON.parse(await readFile(path, 'utf8')) as Twin;
    const pretty = join(out, 'pretty.json');
    await writeFile(pretty, JSON.stringify(whole, null, 2));
    const { root } = await readTwinOutline(pretty);
    expect(root.inline).toHaveLength(whole.messages.length);
    expect((await readMessages(pretty, root, 0, 100)).messages).toEqual(whole.messages);
    expect(root.children).toHaveLength(whole.children?.length ?? 0);
  });

  it('pages a large twin by byte ranges and clips only what is too long to show', async () => {
    const big = 'x'.repeat(CLIP_CHARS + 500);
    const messages = Array.from({ length: 5000 }, (_, i) =>
      i === 4321
        ? { kind: 'tool-result', role: 'tool', output: big, callId: 'c1' }
        : { kind: 'text', role: i % 2 ? 'assistant' : 'user', text: `message ${i} ünïcödé ✓` },
    );
    const path = join(out, '.big.json');
    const lines = messages.map((m) => `    ${JSON.stringify(m)}`).join(',\n');
    await writeFile(
      path,
      `{\n  "schemaVersion": 1,\n  "key": "codex:big",\n  "messages": [\n${lines}\n  ]\n}\n`,
    );
    const { root } = await readTwinOutline(path);
    expect(root.starts).toHaveLength(5000);
    const page = await readMessages(path, root, 4320, 3);
    expect(page.messages[0]).toEqual(messages[4320]);
    expect((page.messages[1] as { output: string }).output).toHaveLength(CLIP_CHARS);
    expect(page.clipped).toEqual({ 4321: expect.any(Number) });
    expect(page.messages[2]).toEqual(messages[4322]);
    expect(await findInMessages(path, root, 'MESSAGE 4999 ÜNÏ', 10)).toEqual({
      matches: [4999],
      more: false,
    });
    expect((await findInMessages(path, root, 'message 1', 3)).more).toBe(true);
  });

  it('finds the tool call that spawned each subagent', async () => {
    const path = all.find((p) => p.includes('rate-limiter-for-the-search-endpoint')) ?? '';
    const whole = JSON.parse(await readFile(path, 'utf8')) as Twin;
    const { root } = await readTwinOutline(path);
    const task = whole.messages.findIndex((m) => m.kind === 'tool-call' && m.name === 'Task');
    expect(await matchSpawns(path, root)).toEqual([task]);
  });

  it('re-reads a twin that a backup rewrote', async () => {
    const cache = new OutlineCache();
    const path = join(out, '.small.json');
    const write = (n: number) =>
      writeFile(
        path,
        `{\n  "key": "codex:small",\n  "messages": [\n${Array.from({ length: n }, (_, i) => `    {"kind":"text","role":"user","text":"m${i}"}`).join(',\n')}\n  ]\n}\n`,
      );
    await write(2);
    expect((await cache.get(path)).root.kinds).toBe('pp');
    await write(3);
    expect((await cache.get(path)).root.kinds).toBe('ppp');
  });
});

describe('resume commands', () => {
  it('names the command of the tool, run from the session folder, quoted for a POSIX shell', () => {
    expect(resumeCommand('claude', 'abc-123', '/home/alice/my app')).toBe(
      "cd '/home/alice/my app' && claude --resume abc-123",
    );
    expect(resumeCommand('codex', '019a', '/w')).toBe('cd /w && codex resume 019a');
    expect(resumeCommand('gemini', 'g1', null)).toBe('gemini --resume g1');
    expect(resumeCommand('opencode', "ses_'x", '/w')).toBe("cd /w && opencode --session 'ses_'\\''x'");
    expect(resumeCommand('copilot-cli', 'b2c4d6e8', '/w')).toBe('cd /w && copilot --resume b2c4d6e8');
    // Cursor's editor chats cannot be reopened from a terminal.
    expect(resumeCommand('cursor', 'c1', '/w')).toBeNull();
  });
});

import { appendFile, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAdapterContext, type Session, type SessionRef } from '@convx/core';
import { afterAll, describe, expect, it } from 'vitest';
import aiderDefault, { type AiderRefData, aiderAdapter, createAiderAdapter } from '../src/index.js';

const home = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/home');
const shop = join(home, 'code/shop-api/.aider.chat.history.md');
const site = join(home, 'projects/site/.aider.chat.history.md');

// Scratch folders for tests that change files, removed when the tests end.
const scratchFolders: string[] = [];
async function scratch(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'aider-'));
  scratchFolders.push(folder);
  return folder;
}
afterAll(() => Promise.all(scratchFolders.map((folder) => rm(folder, { recursive: true, force: true }))));

async function discover(
  locations: string[],
  adapter = aiderAdapter,
  root = home,
): Promise<SessionRef<AiderRefData>[]> {
  const refs: SessionRef<AiderRefData>[] = [];
  for await (const ref of await adapter.discover(createAdapterContext({ home: root }), locations))
    refs.push(ref);
  return refs;
}

async function loadAll(locations = [home]): Promise<Session[]> {
  const refs = await discover(locations);
  const sessions = await Promise.all(
    refs.map((ref) => aiderAdapter.load(createAdapterContext({ home }), ref)),
  );
  return sessions.sort((a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? ''));
}

describe('aider adapter', () => {
  it('exports the same adapter as default and named export', () => {
    expect(aiderDefault).toBe(aiderAdapter);
    expect(aiderAdapter.name).toBe('aider');
    expect(aiderAdapter.defaultLocations({ home: '/h', env: {}, platform: 'linux' })).toEqual(['/h']);
    expect(
      aiderAdapter.defaultLocations({ home: '/h', env: { AIDER_PROJECTS: '/a:/b' }, platform: 'linux' }),
    ).toEqual(['/a', '/b']);
  });

  it('finds one session per "aider chat started at" block, with the project folder as cwd', async () => {
    const sessions = await loadAll();
    expect(sessions.map((s) => [s.startedAt, s.cwd, s.sourceLocation.path, s.models])).toEqual([
      ['2025-06-01T10:00:00.000Z', dirname(shop), shop, ['anthropic/claude-3-7-sonnet-20250219']],
      ['2025-06-03T16:45:12.000Z', dirname(shop), shop, ['gpt-4.1']],
      ['2025-07-10T08:05:00.000Z', dirname(site), site, ['gemini/gemini-2.5-pro']],
    ]);
    expect(sessions[0]?.sessionId).toMatch(/^[0-9a-f]{10}-20250601-100000$/);
  });

  it('reads prompts, replies with their code blocks, aider output and the startup banner', async () => {
    const [first] = await loadAll([shop]);
    const summary = first?.messages.map((m) =>
      m.kind === 'text'
        ? [m.kind, m.role, m.text.split('\n')[0], m.text.split('\n').length]
        : m.kind === 'tool-result'
          ? [m.kind, m.name, m.output.split('\n')[0], m.output.split('\n').length]
          : m.kind === 'context'
            ? [m.kind, m.label, m.text.split('\n')[0], m.text.split('\n').length]
            : [m.kind],
    );
    expect(summary).toEqual([
      ['context', 'aider startup', 'Aider v0.82.2', 5],
      ['text', 'user', 'add a /health endpoint to the flask app that returns the git sha', 2],
      [
        'text',
        'assistant',
        "I'll add a `/health` route in `app/routes.py` that reads the commit sha from the `GIT_SHA` environment variable and register it before the auth middleware.",
        12,
      ],
      ['tool-result', 'aider', 'Tokens: 5.2k sent, 312 received. Cost: $0.02 message, $0.02 session.', 3],
      ['text', 'user', '/run pytest -q tests/test_health.py', 1],
      [
        'tool-result',
        'aider',
        '....                                                                     [100%]',
        3,
      ],
      ['text', 'user', 'thanks, now document it in the README', 1],
      ['text', 'assistant', 'Added a short "Health check" section to `README.md`:', 14],
      ['tool-result', 'aider', 'Tokens: 5.9k sent, 140 received. Cost: $0.01 message, $0.03 session.', 2],
    ]);
    const prompt = first?.messages[1];
    expect(prompt?.kind === 'text' && prompt.text).toBe(
      'add a /health endpoint to the flask app that returns the git sha\nkeep it out of the auth middleware',
    );
    const reply = first?.messages[7];
    // The quote-like and heading-like lines inside the fenced block stay in the reply, blank lines included.
    expect(reply?.kind === 'text' && reply.text).toContain(
      '```markdown\n<<<<<<< SEARCH\n## Running\n=======\n## Health check\n\n`GET /health` returns',
    );
    expect(reply?.kind === 'text' && reply.model).toBe('anthropic/claude-3-7-sonnet-20250219');
  });

  it('keeps fingerprints of earlier chats when a new one is appended', async () => {
    const root = await scratch();
    const file = join(root, 'app/.aider.chat.history.md');
    await mkdir(dirname(file), { recursive: true });
    await cp(site, file);
    const before = await discover([root], aiderAdapter, root);
    await appendFile(file, '\n# aider chat started at 2025-07-11 09:00:00\n\n#### run the tests\n');
    const after = await discover([root], aiderAdapter, root);
    expect(after).toHaveLength(2);
    expect(after[0]?.fingerprint).toBe(before[0]?.fingerprint);
    expect(after[0]?.sessionId).toBe(before[0]?.sessionId);
    const appended = await aiderAdapter.load(
      createAdapterContext({ home: root }),
      after[1] as SessionRef<AiderRefData>,
    );
    expect(appended.messages).toEqual([{ kind: 'text', role: 'user', text: 'run the tests' }]);
  });

  it('skips node_modules and .git, and respects the depth limit', async () => {
    const root = await scratch();
    for (const rel of ['node_modules/pkg', '.git/x', '.cache/tool', 'a/b/c/d/e/too-deep', 'work/proj']) {
      await mkdir(join(root, rel), { recursive: true });
      await cp(site, join(root, rel, '.aider.chat.history.md'));
    }
    const refs = await discover([root], aiderAdapter, root);
    expect(refs.map((r) => r.path)).toEqual([join(root, 'work/proj/.aider.chat.history.md')]);
    const deep = await discover([root], createAiderAdapter({ depth: 8 }), root);
    expect(deep.map((r) => r.path).sort()).toEqual(
      [
        join(root, 'a/b/c/d/e/too-deep/.aider.chat.history.md'),
        join(root, 'work/proj/.aider.chat.history.md'),
      ].sort(),
    );
  });

  it('refuses a depth that is not a whole number of folder levels, naming the option', () => {
    for (const depth of [-1, 2.5, Number.NaN, '3' as unknown as number])
      expect(() => createAiderAdapter({ depth })).toThrow(
        /^the aider adapter's depth option must be a whole number/,
      );
    expect(createAiderAdapter({ depth: 0 }).name).toBe('aider');
  });

  it('accepts a history file as a location and ignores text before the first header', async () => {
    const root = await scratch();
    const file = join(root, 'chat.md');
    await writeFile(file, 'stray line\n# aider chat started at 2025-01-02 03:04:05\n#### hello\n\nHi!\n');
    const refs = await discover([file], aiderAdapter, root);
    expect(refs).toHaveLength(1);
    const session = await aiderAdapter.load(
      createAdapterContext({ home: root }),
      refs[0] as SessionRef<AiderRefData>,
    );
    expect(session.messages).toEqual([
      { kind: 'text', role: 'user', text: 'hello' },
      { kind: 'text', role: 'assistant', text: 'Hi!' },
    ]);
    expect(await discover([join(root, 'missing')], aiderAdapter, root)).toEqual([]);
  });
});

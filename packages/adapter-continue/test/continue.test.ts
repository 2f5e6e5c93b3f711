import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createAdapterContext,
  discoveredRefs,
  type Session,
  type SessionRef,
  type SourceProblem,
} from '@convx/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ContinueRefData, continueAdapter, createContinueAdapter } from '../src/index.js';
import { cleanTitle, splitThink, workspaceOf } from '../src/text.js';

let root: string;
let problems: SourceProblem[];
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'convx-continue-'));
  problems = [];
});
afterEach(() => rm(root, { recursive: true, force: true }));

const ctx = () => createAdapterContext({ home: root, onProblem: (p) => problems.push(p) });

async function discover(locations: string[]): Promise<SessionRef<ContinueRefData>[]> {
  return discoveredRefs(continueAdapter.discover(ctx(), locations));
}

async function session(dir: string, id: string, history: unknown[], extra: object = {}): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${id}.json`);
  await writeFile(
    path,
    JSON.stringify({ sessionId: id, title: 'T', workspaceDirectory: '/w', history, ...extra }),
  );
  return path;
}

async function loadOne(dir: string): Promise<Session> {
  const [ref] = await discover([dir]);
  if (!ref) throw new Error('nothing discovered');
  return continueAdapter.load(ctx(), ref);
}

describe('titles and replies', () => {
  it('strips a model’s <think> text from titles, closed, cut off or missing its opening tag', () => {
    expect(cleanTitle('<think>\nShort title needed.\n</think>\n\n"Fix the build"')).toBe('Fix the build');
    expect(cleanTitle('<think>\nOkay, the user wants a title for')).toBeUndefined();
    expect(cleanTitle('the user asks about caching</think>Cache keys')).toBe('Cache keys');
    expect(cleanTitle('Untitled Session')).toBeUndefined();
    expect(cleanTitle('Plain title')).toBe('Plain title');
  });

  it('splits reasoning a reply wraps in <think> from its answer, an unclosed block to the end', () => {
    expect(splitThink('<think>a</think>\nB')).toEqual({ thinking: ['a'], text: 'B' });
    expect(splitThink('<think>still thinking')).toEqual({ thinking: ['still thinking'], text: '' });
    expect(splitThink('no tags')).toEqual({ thinking: [], text: 'no tags' });
  });
});

describe('workspace folders', () => {
  it('reads paths, Windows file URIs and remote URIs', () => {
    expect(workspaceOf('/home/u/proj')).toEqual({ cwd: '/home/u/proj' });
    expect(workspaceOf('file:///c%3A/Users/me/app')).toEqual({ cwd: 'C:\\Users\\me\\app' });
    expect(workspaceOf('file:///home/u/app/')).toEqual({ cwd: '/home/u/app' });
    expect(workspaceOf('vscode-remote://dev-container%2B7b22686f73/workspaces/x')).toEqual({
      cwd: '/workspaces/x',
      remote: 'dev-container+7b22686f73',
    });
    expect(workspaceOf('')).toEqual({});
  });
});

describe('default locations', () => {
  it('reads $CONTINUE_GLOBAL_DIR/sessions first, then ~/.continue/sessions; a relative value is ignored', () => {
    const at = (env: Record<string, string>) =>
      continueAdapter.defaultLocations({ home: '/home/u', env, platform: 'linux' });
    expect(at({})).toEqual(['/home/u/.continue/sessions']);
    expect(at({ CONTINUE_GLOBAL_DIR: '/data/continue' })).toEqual([
      '/data/continue/sessions',
      '/home/u/.continue/sessions',
    ]);
    expect(at({ CONTINUE_GLOBAL_DIR: 'relative' })).toEqual(['/home/u/.continue/sessions']);
  });
});

describe('discovery', () => {
  it('lists session files, not the index; takes a Continue folder or one file; the newest copy of an id wins', async () => {
    const a = join(root, 'a', 'sessions');
    const b = join(root, 'b');
    const old = await session(a, 's1', []);
    await session(a, 's2', []);
    await writeFile(
      join(a, 'sessions.json'),
      JSON.stringify([{ sessionId: 's1', dateCreated: '1700000000000' }]),
    );
    const newer = await session(b, 's1', []);
    await utimes(old, new Date(1_000_000), new Date(1_000_000));
    const refs = await discover([join(root, 'a'), b]);
    expect(refs.map((r) => [r.sessionId, r.path])).toEqual([
      ['s2', join(a, 's2.json')],
      ['s1', newer],
    ]);
    expect((await discover([old])).map((r) => r.data?.index)).toEqual([{ dateCreated: 1_700_000_000_000 }]);
  });

  it('reports an index that is not JSON and still lists the sessions', async () => {
    const dir = join(root, 'sessions');
    await session(dir, 's1', []);
    await writeFile(join(dir, 'sessions.json'), '[{"sessionId":');
    expect((await discover([dir])).map((r) => r.sessionId)).toEqual(['s1']);
    expect(problems).toEqual([
      { path: join(dir, 'sessions.json'), message: expect.stringContaining('not valid JSON') },
    ]);
  });

  it('reads and looks up each folder’s index once, however many sessions it holds', async () => {
    const dir = join(root, 'sessions');
    const ids = Array.from({ length: 5 }, (_, i) => `s${i}`);
    for (const id of ids) await session(dir, id, []);
    const index = join(dir, 'sessions.json');
    await writeFile(index, JSON.stringify(ids.map((id, i) => ({ sessionId: id, dateCreated: 1000 + i }))));
    const base = ctx();
    const reads: string[] = [];
    const lookups: string[] = [];
    const counting = {
      ...base,
      readJson: (path: string) => {
        reads.push(path);
        return base.readJson(path);
      },
      stat: (path: string) => {
        if (path === index) lookups.push(path);
        return base.stat(path);
      },
      cache: {
        get: (key: string) => {
          lookups.push(key);
          return base.cache.get(key);
        },
        set: (key: string, value: unknown) => base.cache.set(key, value),
      },
    } satisfies typeof base;
    const refs = await discoveredRefs(continueAdapter.discover(counting, [dir]));
    expect(refs.map((r) => r.data?.index?.dateCreated)).toEqual([1000, 1001, 1002, 1003, 1004]);
    expect(reads).toEqual([index]);
    // One stat of the index and one cache look-up: not one of each per session file.
    expect(lookups).toHaveLength(2);
  });
});

describe('loading', () => {
  it('fails a file that is not a session, naming it', async () => {
    const dir = join(root, 'sessions');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'x.json'), '{"foo":1}');
    await expect(loadOne(dir)).rejects.toThrow(`continue: ${join(dir, 'x.json')} is not a Continue session`);
  });

  it('gives a pending call no result, a canceled one says so, unknown roles are counted', async () => {
    const dir = join(root, 'sessions');
    const call = (id: string) => ({
      id,
      type: 'function',
      function: { name: 'ls', arguments: '{"dir":"."}' },
    });
    await session(dir, 's', [
      { message: { role: 'user', content: 'go' } },
      {
        message: { role: 'assistant', content: '', toolCalls: [call('c1'), call('c2')] },
        toolCallStates: [
          { toolCallId: 'c1', toolCall: call('c1'), status: 'calling' },
          { toolCallId: 'c2', toolCall: call('c2'), status: 'canceled' },
        ],
      },
      { message: { role: 'narrator', content: '?' } },
    ]);
    const loaded = await loadOne(dir);
    expect(
      loaded.messages.map((m) => (m.kind === 'tool-result' ? `${m.callId}:${m.output}` : m.kind)),
    ).toEqual(['text', 'tool-call', 'tool-call', 'c2:(canceled)']);
    expect(loaded.messages[1]).toMatchObject({ name: 'ls', input: { dir: '.' } });
    expect(loaded.diagnostics).toEqual([expect.objectContaining({ code: 'unknown-role', count: 1 })]);
  });

  it('exports under another source name with createContinueAdapter({ name })', async () => {
    const dir = join(root, 'sessions');
    await session(dir, 's', [{ message: { role: 'user', content: 'hi' } }]);
    const kiro = createContinueAdapter({ name: 'kiro', displayName: 'Kiro' });
    const [ref] = await discover([dir]);
    if (!ref) throw new Error('nothing discovered');
    expect(await kiro.load(ctx(), ref)).toMatchObject({ source: 'kiro', key: 'kiro:s' });
  });
});

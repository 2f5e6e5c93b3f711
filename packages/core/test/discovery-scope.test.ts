import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  type DiscoveryScope,
  defineAdapter,
  type IndexEntry,
  readIndex,
  runSync,
  type Session,
  type SyncOptions,
} from '../src/index.js';
import { fakeAdapter } from './support/fake-adapter.js';
import { aliceBackup } from './support/sync-options.js';

// A filtered run (`convx sync`) hands adapters a discovery scope. A session an earlier run rejected in a
// folder the scope excludes is known from the index: the adapter may list it without a stat, and the engine
// counts it as skipped again without loading it. What the index keeps of such a session is brief.

const REPO = '/code/app';
const REASON = 'not in this repository';

let home: string;
let out: string;
let root: string;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'convx-scope-home-'));
  out = await mkdtemp(join(tmpdir(), 'convx-scope-out-'));
  root = join(home, '.fake');
  await mkdir(root, { recursive: true });
});

const header = (id: string, cwd: string) =>
  JSON.stringify({ id, title: `Title ${id}`, cwd, start: '2026-01-01T00:00:00Z' });
const line = (text: string) => JSON.stringify({ role: 'user', text });

async function writeSession(id: string, cwd: string, prompts = ['hello']) {
  await writeFile(join(root, `${id}.jsonl`), `${[header(id, cwd), ...prompts.map(line)].join('\n')}\n`);
}

/**
 * The fake adapter, scope-aware as a real one may be: a session the scope knows to be outside is yielded with
 * the recorded fingerprint and never stat-ed; every scope it was given and every path it stat-ed is kept.
 */
function scopedAdapter(seen: { scopes: (DiscoveryScope | undefined)[]; stated: string[]; loaded: string[] }) {
  return defineAdapter({
    ...fakeAdapter,
    async *discover(ctx, locations) {
      seen.scopes.push(ctx.scope);
      for (const location of locations) {
        const idOf = (path: string) => path.slice(location.length + 1, -'.jsonl'.length);
        for await (const file of ctx.walk(location, {
          patterns: ['*.jsonl'],
          statIf: (path) => ctx.scope?.knownOutside(path, idOf(path)) === undefined,
        })) {
          const id = idOf(file.path);
          const known = ctx.scope?.knownOutside(file.path, id);
          if (!known) seen.stated.push(file.path);
          yield {
            sessionId: id,
            fingerprint: known?.fingerprint ?? `${file.size}:${file.mtimeMs}`,
            path: file.path,
            files: [file.path],
          };
        }
      }
    },
    async load(ctx, ref) {
      seen.loaded.push(ref.sessionId);
      return fakeAdapter.load(ctx, ref);
    },
  });
}

function syncOptions(
  adapter: SyncOptions['adapters'][number],
  overrides: Partial<SyncOptions> = {},
): SyncOptions {
  const inRepo = (cwd: string) => cwd === REPO || cwd.startsWith(`${REPO}/`);
  return aliceBackup(out, home, {
    adapters: [adapter],
    filter: (session: Session) => session.cwd !== undefined && inRepo(session.cwd),
    filterId: 'repo:/code/app',
    filterReason: REASON,
    scope: inRepo,
    ...overrides,
  });
}

const fresh = () => ({
  scopes: [] as (DiscoveryScope | undefined)[],
  stated: [] as string[],
  loaded: [] as string[],
});

describe('discovery scope', () => {
  it('gives adapters the scope of a filtered run, and none to a run without one', async () => {
    await writeSession('mine', REPO);
    const seen = fresh();
    await runSync(syncOptions(scopedAdapter(seen)));
    expect(seen.scopes[0]?.includes(REPO)).toBe(true);
    expect(seen.scopes[0]?.includes('/code/other')).toBe(false);
    const backup = fresh();
    await runSync(aliceBackup(out, home, { adapters: [scopedAdapter(backup)] }));
    expect(backup.scopes).toEqual([undefined]);
  });

  it('settles a session known to be out of scope without a stat or a load, and counts it as before', async () => {
    await writeSession('mine', REPO);
    await writeSession('theirs', '/code/other');
    const first = fresh();
    const cold = await runSync(syncOptions(scopedAdapter(first)));
    expect(cold.totals).toMatchObject({ discovered: 2, new: 1, skipped: 1 });
    expect(first.loaded.sort()).toEqual(['mine', 'theirs']);

    // The other project's session grows: its folder cannot change, so it is not looked at again.
    await appendFile(join(root, 'theirs.jsonl'), `${line('more')}\n`);
    const before = (await readIndex(out)).sessions['fake:theirs'];
    const warm = fresh();
    const report = await runSync(syncOptions(scopedAdapter(warm)));
    expect(report.totals).toMatchObject({ discovered: 2, unchanged: 1, skipped: 1, new: 0, updated: 0 });
    expect(report.skipped).toEqual([
      { source: 'fake', key: 'fake:theirs', path: join(root, 'theirs.jsonl'), reason: REASON },
    ]);
    expect(warm.stated).toEqual([join(root, 'mine.jsonl')]);
    expect(warm.loaded).toEqual([]);
    expect((await readIndex(out)).sessions['fake:theirs']).toEqual(before);
  });

  it('still finds a new session, and exports one appended in the repository', async () => {
    await writeSession('mine', REPO);
    await writeSession('theirs', '/code/other');
    await runSync(syncOptions(scopedAdapter(fresh())));
    await appendFile(join(root, 'mine.jsonl'), `${line('and more')}\n`);
    await writeSession('new-here', `${REPO}/packages/web`);
    await writeSession('new-there', '/code/other');
    const seen = fresh();
    const report = await runSync(syncOptions(scopedAdapter(seen)));
    expect(report.totals).toMatchObject({ discovered: 4, new: 1, updated: 1, skipped: 2 });
    expect(seen.loaded.sort()).toEqual(['mine', 'new-here', 'new-there']);
  });

  it('asks the scope again: a folder it now includes is not held to the old verdict', async () => {
    await writeSession('theirs', '/code/other');
    await runSync(syncOptions(scopedAdapter(fresh())));
    const seen = fresh();
    // Same filter id (say, a symlink made since): the session is stat-ed like any other.
    await runSync(syncOptions(scopedAdapter(seen), { scope: () => true }));
    expect(seen.stated).toEqual([join(root, 'theirs.jsonl')]);
  });

  it('answers for the session recorded under the id asked, with the same main file, asking the scope once per folder', async () => {
    await writeSession('theirs', '/code/other');
    await writeSession('also-theirs', '/code/other');
    await runSync(syncOptions(scopedAdapter(fresh())));
    const asked: string[] = [];
    const seen = fresh();
    const inRepo = (cwd: string) => {
      asked.push(cwd);
      return cwd === REPO;
    };
    await runSync(syncOptions(scopedAdapter(seen), { scope: inRepo }));
    expect(seen.stated).toEqual([]);
    expect(asked).toEqual(['/code/other']);
    const scope = seen.scopes[0];
    const path = join(root, 'theirs.jsonl');
    expect(scope?.knownOutside(path, 'theirs')).toMatchObject({ sessionId: 'theirs', cwd: '/code/other' });
    expect(scope?.knownOutside(path, 'also-theirs')).toBeUndefined();
    expect(scope?.knownOutside(join(root, 'elsewhere.jsonl'), 'theirs')).toBeUndefined();
  });

  it('knows nothing with --force, nor for an entry of another render key or without a folder', async () => {
    await writeSession('theirs', '/code/other');
    await writeFile(
      join(root, 'nowhere.jsonl'),
      `${JSON.stringify({ id: 'nowhere', start: '2026-01-01T00:00:00Z' })}\n${line('hi')}\n`,
    );
    await runSync(syncOptions(scopedAdapter(fresh())));
    const forced = fresh();
    await runSync(syncOptions(scopedAdapter(forced), { force: true }));
    expect(forced.stated).toHaveLength(2);
    const otherFilter = fresh();
    await runSync(syncOptions(scopedAdapter(otherFilter), { filterId: 'repo:/code/elsewhere' }));
    expect(otherFilter.stated).toHaveLength(2);
    // Recorded without a folder: a later line may yet name the repository.
    const again = fresh();
    await runSync(syncOptions(scopedAdapter(again), { filterId: 'repo:/code/elsewhere' }));
    expect(again.stated).toEqual([join(root, 'nowhere.jsonl')]);
  });
});

describe('brief entries of rejected sessions', () => {
  const briefFields = [
    'key',
    'source',
    'sessionId',
    'fingerprint',
    'renderKey',
    'sourcePath',
    'cwd',
    'skipped',
    'outputs',
  ];

  it('records a rejected session by its decision alone, an exported one in full', async () => {
    await writeSession('mine', REPO);
    await writeSession('theirs', '/code/other');
    await runSync(syncOptions(fakeAdapter));
    const { sessions } = await readIndex(out);
    expect(Object.keys(sessions['fake:theirs'] ?? {}).sort()).toEqual([...briefFields].sort());
    expect(sessions['fake:theirs']).toMatchObject({
      cwd: '/code/other',
      skipped: { reason: REASON },
      outputs: [],
    });
    expect(sessions['fake:mine']).toMatchObject({ title: 'Title mine', messageCount: 1, user: 'alice' });
    expect(sessions['fake:mine']?.exportedAt).toBeDefined();
  });

  it('keeps in full a rejected session whose earlier files are kept', async () => {
    await writeSession('moved', REPO);
    await runSync(syncOptions(fakeAdapter));
    // Now outside the selection (the repository moved): its files stay, and so does what describes them.
    await runSync(
      syncOptions(fakeAdapter, { scope: () => false, filter: () => false, filterId: 'repo:/code/new' }),
    );
    const entry = (await readIndex(out)).sessions['fake:moved'];
    expect(entry?.skipped).toEqual({ reason: REASON });
    expect(entry?.outputs.length).toBeGreaterThan(0);
    expect(entry).toMatchObject({ title: 'Title moved', messageCount: 1 });
  });

  it('makes the full entries an older version wrote brief, migrating its index.json once, then leaves the index alone', async () => {
    await writeSession('theirs', '/code/other');
    await runSync(syncOptions(fakeAdapter));
    const brief = (await readIndex(out)).sessions['fake:theirs'] as IndexEntry;
    // What a run of an older version wrote for it: the whole entry, in `index.json`.
    const full: IndexEntry = {
      ...brief,
      title: 'Title theirs',
      startedAt: '2026-01-01T00:00:00.000Z',
      messageCount: 1,
      models: [],
      user: 'alice',
      systemName: 'laptop',
      exportedAt: '2026-01-01T00:00:00.000Z',
      contentHash: 'ab'.repeat(32),
    };
    const state = join(out, '.convx/state');
    await rm(join(state, 'index.jsonl'));
    await writeFile(
      join(state, 'index.json'),
      JSON.stringify({ version: 1, sessions: { 'fake:theirs': full } }),
    );
    const report = await runSync(syncOptions(fakeAdapter));
    expect(report.totals).toMatchObject({ skipped: 1 });
    await expect(readFile(join(state, 'index.json'))).rejects.toThrow(/ENOENT/);
    expect((await readIndex(out)).sessions['fake:theirs']).toEqual(brief);
    const migrated = await readFile(join(state, 'index.jsonl'), 'utf8');
    // The stored line of a brief entry holds nothing but its (no) outputs: title, times and labels are gone.
    expect(migrated.split('\n').at(-2)).toBe('{"outputs":[]}');
    await runSync(syncOptions(fakeAdapter));
    expect(await readFile(join(state, 'index.jsonl'), 'utf8')).toBe(migrated);
  });
});

import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdapterContext, type DiscoveryCache, discoveredRefs, type SessionRef } from '@convx/core';
import { describe, expect, it } from 'vitest';
import { cleanTitle, createCrushAdapter, crushAdapter } from '../src/index.js';
import type { CrushRefData } from '../src/types.js';
import { buildCrushDb } from './fixture-db.ts';
import { ledger, weatherApp } from './fixture-sessions.ts';

const discover = (home: string, locations: string[]) =>
  discoveredRefs(crushAdapter.discover(createAdapterContext({ home }), locations));

describe('the write-ahead log', () => {
  it('reads what is only in crush.db-wal and creates nothing beside the store', async () => {
    const home = mkdtempSync(join(tmpdir(), 'crush-wal-'));
    const dataDir = join(home, 'proj', '.crush');
    buildCrushDb(join(dataDir, 'crush.db'), weatherApp, { schema: 20260127000000, walOnly: true });
    const before = readdirSync(dataDir).sort();
    expect(before).toEqual(['crush.db', 'crush.db-wal']);
    const refs = await discover(home, [home]);
    expect(refs.map((r) => r.sessionId)).toEqual(['b3c4d5e6-f7a8-4b9c-8d0e-1f2a3b4c5d6e']);
    const session = await crushAdapter.load(
      createAdapterContext({ home }),
      refs[0] as SessionRef<CrushRefData>,
    );
    expect(session.messages.length).toBeGreaterThan(5);
    expect(session.children?.map((c) => c.sessionId)).toEqual(['call_agent_7Qk2']);
    expect(readdirSync(dataDir).sort()).toEqual(before);
  });
});

describe('finding projects', () => {
  it('follows projects.json to a project outside the walk and to a custom data folder', async () => {
    const home = mkdtempSync(join(tmpdir(), 'crush-index-'));
    const deep = join(home, 'a', 'b', 'c', 'd', 'deep-project');
    const custom = join(home, 'elsewhere', 'crush-data');
    buildCrushDb(join(deep, '.crush', 'crush.db'), ledger, { schema: 20250424200609 });
    buildCrushDb(join(custom, 'crush.db'), weatherApp, { schema: 20250627000000 });
    const global = join(home, '.local', 'share', 'crush');
    mkdirSync(global, { recursive: true });
    writeFileSync(
      join(global, 'projects.json'),
      JSON.stringify({
        projects: [
          { path: deep, data_dir: '.crush', last_accessed: '2025-12-20T10:00:00Z' },
          { path: join(home, 'proj2'), data_dir: custom, last_accessed: '2025-12-21T10:00:00Z' },
          { path: join(home, 'gone'), data_dir: '.crush', last_accessed: '2025-12-22T10:00:00Z' },
        ],
      }),
    );
    const [dataLocation, homeLocation] = crushAdapter.defaultLocations({ home, env: {}, platform: 'linux' });
    expect(dataLocation).toBe(global);
    // The walk alone stops three levels down: the deep project is only found through the index.
    expect(await discover(home, [homeLocation as string])).toEqual([]);
    const refs = await discover(home, [dataLocation as string, homeLocation as string]);
    expect(refs.map((r) => [r.sessionId, r.cwd])).toEqual([
      ['0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6', deep],
      ['b3c4d5e6-f7a8-4b9c-8d0e-1f2a3b4c5d6e', join(home, 'proj2')],
    ]);
  });

  it('walks to a project three folders down, but not into dependency or hidden folders', async () => {
    const home = mkdtempSync(join(tmpdir(), 'crush-walk-'));
    const deepest = join(home, 'code', 'org', 'ledger'); // level 3: asked with a stat, not listed
    buildCrushDb(join(deepest, '.crush', 'crush.db'), ledger, { schema: 20250424200609 });
    buildCrushDb(join(home, 'node_modules', 'x', '.crush', 'crush.db'), weatherApp, {
      schema: 20250627000000,
    });
    buildCrushDb(join(home, '.cache', 'y', '.crush', 'crush.db'), weatherApp, { schema: 20250627000000 });
    const [, homeLocation] = crushAdapter.defaultLocations({ home, env: {}, platform: 'linux' });
    const refs = await discover(home, [homeLocation as string]);
    expect(refs.map((r) => [r.sessionId, r.cwd])).toEqual([
      ['0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6', deepest],
    ]);
  });

  it("reuses a recent walk's findings: a new project waits for the next walk, projects.json does not", async () => {
    const home = mkdtempSync(join(tmpdir(), 'crush-rewalk-'));
    buildCrushDb(join(home, 'code', 'ledger', '.crush', 'crush.db'), ledger, { schema: 20250424200609 });
    const entries = new Map<string, unknown>();
    const cache: DiscoveryCache = { get: (k) => entries.get(k), set: (k, v) => void entries.set(k, v) };
    const ids = async (walkMaxAgeMs: number, locations = [home]) => {
      const adapter = createCrushAdapter({ walkMaxAgeMs });
      const refs = await adapter.discover(createAdapterContext({ home, cache }), locations);
      return [...(refs as SessionRef<CrushRefData>[])].map((r) => r.sessionId).sort();
    };
    const ledgerId = '0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';
    const weatherId = 'b3c4d5e6-f7a8-4b9c-8d0e-1f2a3b4c5d6e';
    expect(await ids(60_000)).toEqual([ledgerId]);
    // A project made since, which only a walk finds: not yet, while the walk is recent.
    buildCrushDb(join(home, 'code', 'weather', '.crush', 'crush.db'), weatherApp, { schema: 20250627000000 });
    expect(await ids(60_000)).toEqual([ledgerId]);
    // Listed in Crush's projects.json, it is found at once.
    const global = join(home, '.local', 'share', 'crush');
    mkdirSync(global, { recursive: true });
    const projects = { projects: [{ path: join(home, 'code', 'weather'), data_dir: '.crush' }] };
    writeFileSync(join(global, 'projects.json'), JSON.stringify(projects));
    expect(await ids(60_000, [global, home])).toEqual([ledgerId, weatherId]);
    // A database the recent walk found, since deleted, is left out quietly (not reported as unreadable).
    rmSync(join(home, 'code', 'ledger'), { recursive: true });
    expect(await ids(60_000)).toEqual([]);
    // Walking every run (0), or a walk recorded "in the future" (the clock set back), finds the new one.
    expect(await ids(0)).toEqual([weatherId]);
    const [key] = [...entries.keys()];
    entries.set(key as string, { at: Date.now() + 3_600_000, found: [] });
    expect(await ids(60_000)).toEqual([weatherId]);
  });

  it('does not open an unchanged database again: its sessions come from the discovery cache', async () => {
    const home = mkdtempSync(join(tmpdir(), 'crush-unchanged-'));
    const ledgerDb = join(home, 'code', 'ledger', '.crush', 'crush.db');
    buildCrushDb(ledgerDb, ledger, { schema: 20250424200609 });
    const mtime = new Date('2026-11-30T10:00:00Z'); // whole milliseconds: restorable exactly below
    utimesSync(ledgerDb, mtime, mtime);
    const entries = new Map<string, unknown>();
    const cache: DiscoveryCache = { get: (k) => entries.get(k), set: (k, v) => void entries.set(k, v) };
    const run = async () => {
      const problems: string[] = [];
      const ctx = createAdapterContext({ home, cache, onProblem: (p) => problems.push(p.path) });
      const refs = (await crushAdapter.discover(ctx, [home])) as SessionRef<CrushRefData>[];
      return { ids: [...refs].map((r) => r.sessionId), problems };
    };
    const ledgerId = '0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';
    expect(await run()).toEqual({ ids: [ledgerId], problems: [] });
    // The same size and mtime: the sessions come from the cache (garbage in the file goes unnoticed)…
    const { size } = statSync(ledgerDb);
    writeFileSync(ledgerDb, Buffer.alloc(size, 120));
    utimesSync(ledgerDb, mtime, mtime);
    expect(await run()).toEqual({ ids: [ledgerId], problems: [] });
    // …a write that changes either is read again.
    utimesSync(ledgerDb, mtime, new Date(mtime.getTime() + 1000));
    expect(await run()).toEqual({ ids: [], problems: [ledgerDb] });
  });

  it('reports a broken database with its path and goes on', async () => {
    const home = mkdtempSync(join(tmpdir(), 'crush-broken-'));
    mkdirSync(join(home, 'bad', '.crush'), { recursive: true });
    writeFileSync(join(home, 'bad', '.crush', 'crush.db'), 'not a database at all, just text');
    buildCrushDb(join(home, 'good', '.crush', 'crush.db'), ledger, { schema: 20250424200609 });
    const problems: string[] = [];
    const ctx = { ...createAdapterContext({ home }), report: (p: { path: string }) => problems.push(p.path) };
    const ids = (await discoveredRefs(crushAdapter.discover(ctx, [home]))).map((ref) => ref.sessionId);
    expect(ids).toEqual(['0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6']);
    expect(problems).toEqual([join(home, 'bad', '.crush', 'crush.db')]);
  });

  it('uses CRUSH_GLOBAL_DATA, XDG_DATA_HOME and LOCALAPPDATA', () => {
    const at = (env: Record<string, string>, platform: NodeJS.Platform = 'linux') =>
      crushAdapter.defaultLocations({
        home: platform === 'win32' ? 'C:\\Users\\al' : '/home/al',
        env,
        platform,
      })[0];
    expect(at({ CRUSH_GLOBAL_DATA: '/g', XDG_DATA_HOME: '/x' })).toBe('/g');
    expect(at({ XDG_DATA_HOME: '/x' })).toBe('/x/crush');
    expect(at({}, 'darwin')).toBe('/home/al/.local/share/crush');
    expect(at({ LOCALAPPDATA: 'D:\\Local' }, 'win32')).toBe('D:\\Local\\crush');
  });
});

describe('titles', () => {
  it('removes closed and cut-off <think> text and the placeholder', () => {
    expect(cleanTitle('<think>\nhmm\n</think>\n\nFix the cache')).toBe('Fix the cache');
    expect(cleanTitle('Fix the cache<think>cut off')).toBe('Fix the cache');
    expect(cleanTitle('<think>only thoughts')).toBeUndefined();
    expect(cleanTitle('New Session')).toBeUndefined();
  });
});

import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSync, type SessionOutcome, type SyncReport } from '../src/index.js';
import { type MixedKind, mixedAdapter, mixedRules } from './support/mixed-adapter.js';
import { plainRenderer } from './support/plain-renderer.js';
import { aliceBackup } from './support/sync-options.js';

// Randomized runs over a source whose sessions end every possible way, changing between runs: every
// source's counts must add up, every failure must be counted, every skip must have its reason — and each
// session must end exactly as a model of the engine's rules predicts (a first write is new, never updated).

/** A small seeded generator (mulberry32), so a failing scenario can be replayed from its seed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}

const KINDS: readonly MixedKind[] = [
  'ok',
  'ok',
  'ok',
  'warn',
  'empty',
  'elsewhere',
  'marker',
  'boom',
  'vanish',
];
const SOURCES = ['mixa', 'mixb'] as const;

/** What the model knows of one session file. */
interface Model {
  source: string;
  id: string;
  kind: MixedKind;
  v: number;
  /** How often the test wrote the file: every write gets its own mtime, so its fingerprint changes. */
  stamp: number;
  /** The content and stamp of the last decision the engine recorded, and that decision. */
  recorded?: { content: string; stamp: number; decision: 'export' | { reason: string } };
  /** Files of it are in the output, and the content and stamp they were written from. */
  written?: { content: string; stamp: number };
  warned: boolean;
}

type Expected = { outcome: SessionOutcome; reason?: string };

const contentOf = (m: Model) => JSON.stringify({ kind: m.kind, v: m.v });
const SKIPS: Record<string, string> = {
  empty: 'empty',
  elsewhere: 'not in this repository',
  marker: 'skip marker',
};

/** How the engine must settle a session this run, and what it then records (unless a dry run). */
function settleInModel(m: Model, force: boolean, dryRun: boolean): Expected {
  if (m.id.startsWith('skip-')) return { outcome: 'skipped', reason: `deleted in ${m.source}` };
  if (m.kind === 'vanish') return { outcome: 'skipped', reason: 'deleted at source' };
  const content = contentOf(m);
  if (!force && m.recorded?.content === content) {
    const { decision } = m.recorded;
    return decision === 'export' ? { outcome: 'unchanged' } : { outcome: 'skipped', reason: decision.reason };
  }
  if (m.kind === 'boom') return { outcome: 'failed' };
  const reason = SKIPS[m.kind];
  if (reason) {
    if (!dryRun) {
      m.recorded = { content, stamp: m.stamp, decision: { reason } };
      m.warned = false;
      if (m.kind === 'marker') delete m.written;
    }
    return { outcome: 'skipped', reason };
  }
  const fresh = m.written === undefined;
  const same = m.written?.content === content && m.written.stamp === m.stamp;
  if (dryRun) return { outcome: fresh ? 'new' : 'updated' };
  m.recorded = { content, stamp: m.stamp, decision: 'export' };
  m.written = { content, stamp: m.stamp };
  m.warned = m.kind === 'warn';
  return { outcome: fresh ? 'new' : same ? 'unchanged' : 'updated' };
}

function checkInvariant(report: SyncReport, context: string) {
  for (const [source, c] of Object.entries(report.sources)) {
    expect(c.discovered, `${context}: ${source} adds up`).toBe(
      c.new + c.updated + c.unchanged + c.skipped + c.failed,
    );
    expect(report.failures.filter((f) => f.source === source).length, `${context}: ${source} failures`).toBe(
      c.failed,
    );
    const skips = report.skipped.filter((s) => s.source === source);
    expect(skips.length, `${context}: ${source} skips`).toBe(c.skipped);
    for (const skip of skips) expect(skip.reason, `${context}: ${skip.key} has a reason`).not.toBe('');
  }
  const sum = Object.values(report.sources).reduce((total, c) => total + c.discovered, 0);
  expect(report.totals.discovered).toBe(sum);
}

async function scenario(seed: number) {
  const rnd = random(seed);
  const home = await mkdtemp(join(tmpdir(), 'convx-prop-home-'));
  const out = await mkdtemp(join(tmpdir(), 'convx-prop-out-'));
  const models = new Map<string, Model>();
  // Sessions deleted at their source keep their warnings open: their files still lack what they say.
  const goneWithWarnings = new Set<string>();
  let clock = Date.UTC(2026, 0, 1) / 1000;
  const write = async (m: Model) => {
    const path = join(home, `.${m.source}`, `${m.id}.json`);
    await writeFile(path, contentOf(m));
    // Each write its own mtime, a second apart, so the fingerprint tells every write apart.
    clock += 1;
    await utimes(path, clock, clock);
  };
  let nextId = 0;
  const add = async (source: string) => {
    const id = rnd.chance(0.1) ? `skip-${nextId++}` : `s${nextId++}`;
    const m: Model = { source, id, kind: rnd.pick(KINDS), v: 0, stamp: 0, warned: false };
    models.set(`${source}:${id}`, m);
    await write(m);
  };
  try {
    for (const source of SOURCES) {
      await mkdir(join(home, `.${source}`));
      for (let i = 0; i < 6; i++) await add(source);
    }
    const bad = new Set<string>();
    const throwing = new Set<string>();
    for (let run = 0; run < 6; run++) {
      const context = `seed ${seed}, run ${run}`;
      const force = rnd.chance(0.2);
      const dryRun = rnd.chance(0.15);
      const expected = new Map<string, Expected>();
      for (const [key, m] of models) expected.set(key, settleInModel(m, force, dryRun));
      const report = await runSync(
        aliceBackup(out, home, {
          adapters: SOURCES.map(mixedAdapter),
          renderer: plainRenderer,
          ...mixedRules,
          force,
          dryRun,
        }),
      );
      checkInvariant(report, context);
      for (const source of SOURCES) {
        const mine = [...expected].filter(([key]) => key.startsWith(`${source}:`)).map(([, e]) => e);
        const count = (o: SessionOutcome) => mine.filter((e) => e.outcome === o).length;
        const entries = (bad.has(source) ? 1 : 0) + (throwing.has(source) ? 1 : 0);
        expect(report.sources[source], `${context}: ${source}`).toEqual({
          discovered: mine.length + entries,
          new: count('new'),
          updated: count('updated'),
          unchanged: count('unchanged'),
          skipped: count('skipped'),
          failed: count('failed') + entries,
        });
      }
      for (const [key, e] of expected) {
        const skip = report.skipped.find((s) => s.key === key);
        expect(skip?.reason, `${context}: ${key}`).toBe(e.outcome === 'skipped' ? e.reason : undefined);
      }
      // The warnings of sessions whose current export has them are open, and only those.
      if (!dryRun) {
        const warned = [...models].filter(([, m]) => m.warned).map(([key]) => key);
        warned.push(...goneWithWarnings);
        expect(new Set(report.open.warnings.map((w) => w.key)), `${context}: open warnings`).toEqual(
          new Set(warned),
        );
        expect(report.open.failures.length).toBe(report.failures.length);
      }

      // Change the sources for the next run.
      const gone = (key: string, m: Model) => {
        if (m.warned) goneWithWarnings.add(key);
        models.delete(key);
      };
      for (const [key, m] of models) {
        if (m.kind === 'vanish' && !m.id.startsWith('skip-')) {
          gone(key, m);
          continue;
        }
        if (rnd.chance(0.1)) {
          await rm(join(home, `.${m.source}`, `${m.id}.json`));
          gone(key, m);
        } else if (rnd.chance(0.4)) {
          if (rnd.chance(0.5)) m.kind = rnd.pick(KINDS);
          if (rnd.chance(0.5)) m.v++;
          m.stamp++;
          await write(m);
        }
      }
      for (const source of SOURCES) {
        if (rnd.chance(0.5)) await add(source);
        const toggle = async (set: Set<string>, file: string) => {
          const path = join(home, `.${source}`, file);
          if (set.delete(source)) await rm(path);
          else {
            set.add(source);
            await writeFile(path, 'x');
          }
        };
        if (rnd.chance(0.25)) await toggle(bad, 'broken.bad');
        if (rnd.chance(0.2)) await toggle(throwing, 'THROW');
      }
    }
  } finally {
    await rm(home, { recursive: true, force: true });
    await rm(out, { recursive: true, force: true });
  }
}

describe('counts over randomized mixed runs', () => {
  it('add up, list every failure and skip with its reason, and match the model, run after run', async () => {
    const base = Number(process.env.CONVX_COUNTS_SEED ?? Date.now() % 100_000);
    for (let i = 0; i < 12; i++) await scenario(base + i);
  }, 120_000);
});

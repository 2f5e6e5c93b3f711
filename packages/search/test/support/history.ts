import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import {
  backupLayout,
  createSession,
  defineAdapter,
  type Message,
  runSync,
  type Session,
  type SyncReport,
} from '@convx/core';
import { markdownRenderer } from '@convx/render-md';
import { openIndex, type SearchIndex } from '../../src/index.js';

/** A session as a test writes it: the source's own record, exported through the real engine. */
export interface SessionSpec {
  id: string;
  source?: string;
  title?: string;
  cwd?: string;
  startedAt?: string;
  branch?: string;
  models?: string[];
  messages: Message[];
  children?: SessionSpec[];
}

const user = (text: string): Message => ({ kind: 'text', role: 'user', text });
const assistant = (text: string): Message => ({ kind: 'text', role: 'assistant', text });
const call = (name: string, input: unknown): Message => ({
  kind: 'tool-call',
  role: 'assistant',
  name,
  input,
});
const output = (text: string): Message => ({ kind: 'tool-result', role: 'tool', output: text });
const thinking = (text: string): Message => ({ kind: 'thinking', role: 'assistant', text });
export const m = { user, assistant, call, output, thinking };

/**
 * A fake home with session records per source, exported into a temp output with `runSync`, the real
 * Markdown renderer and the backup layout, the way `convx backup` writes (twins, Markdown, subagents).
 */
export class TestHistory {
  readonly root = mkdtempSync(join(tmpdir(), 'convx-search-'));
  readonly home = join(this.root, 'home');
  readonly outputRoot = join(this.root, 'out');
  readonly indexes: SearchIndex[] = [];
  lastReport: SyncReport | undefined;

  constructor(readonly labels = { user: 'alice', systemName: 'laptop' }) {
    mkdirSync(this.home, { recursive: true });
    mkdirSync(this.outputRoot, { recursive: true });
  }

  /** Writes (or rewrites) sessions in the fake sources. */
  write(...specs: SessionSpec[]): this {
    for (const spec of specs) {
      const dir = join(this.home, spec.source ?? 'claude');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${spec.id}.json`), JSON.stringify(spec));
    }
    return this;
  }

  /** Deletes a session from its fake source (the output keeps it, as convx does). */
  forget(id: string, source = 'claude'): void {
    rmSync(join(this.home, source, `${id}.json`), { force: true });
  }

  /** Exports every source into the output; returns the run's report. */
  async export(labels = this.labels): Promise<SyncReport> {
    const sources = readdirSync(this.home);
    this.lastReport = await runSync({
      adapters: sources.map(specAdapter),
      renderer: markdownRenderer,
      outputRoot: this.outputRoot,
      historySubpath: 'history',
      layout: backupLayout({ ...labels, home: '/home/alice' }),
      locationEnv: { home: this.home, env: {}, platform: process.platform },
      inputs: Object.fromEntries(sources.map((s) => [s, [join(this.home, s)]])),
      labels,
    });
    return this.lastReport;
  }

  /** Opens the output's index (closed by `cleanup`) and brings it up to date. */
  async index(): Promise<SearchIndex> {
    const index = await openIndex(this.outputRoot);
    this.indexes.push(index);
    await index.update();
    return index;
  }

  cleanup(): void {
    for (const index of this.indexes) index.close();
    rmSync(this.root, { recursive: true, force: true });
  }
}

function toSession(spec: SessionSpec, source: string, path: string): Session {
  return createSession({
    source,
    sessionId: spec.id,
    sourceLocation: { path },
    messages: spec.messages,
    models: spec.models ?? ['claude-opus-4-1'],
    ...(spec.title ? { title: spec.title } : {}),
    cwd: spec.cwd ?? '/home/alice/code/app',
    startedAt: spec.startedAt ?? '2026-03-01T10:00:00.000Z',
    endedAt: spec.startedAt ?? '2026-03-01T10:00:00.000Z',
    ...(spec.branch ? { gitBranch: spec.branch } : {}),
    ...(spec.children
      ? {
          children: spec.children.map((child) => ({
            ...toSession(child, source, path),
            agent: { id: child.id, type: 'task' },
          })),
        }
      : {}),
  });
}

/** An adapter over `<dir>/<id>.json` files holding SessionSpecs. */
function specAdapter(source: string) {
  return defineAdapter({
    name: source,
    defaultLocations: () => [],
    async *discover(ctx, locations) {
      for (const root of locations) {
        for await (const file of ctx.walk(root, { patterns: ['*.json'] })) {
          yield {
            sessionId: basename(file.path, '.json'),
            fingerprint: `${file.size}:${file.mtimeMs}`,
            path: file.path,
          };
        }
      }
    },
    async load(ctx, ref) {
      const spec = JSON.parse(await ctx.readText(ref.path)) as SessionSpec;
      return toSession(spec, source, ref.path);
    },
  });
}

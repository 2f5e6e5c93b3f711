import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Adapter } from '../contract/adapter.js';
import type { Renderer } from '../contract/renderer.js';
import { runSync } from '../engine/run.js';
import type { SyncOptions, SyncReport } from '../engine/types.js';
import type { Session } from '../model/types.js';
import { backupLayout } from '../paths/layout.js';

export interface ExportFixtureOptions {
  adapter: Adapter;
  /** The renderer to export with (e.g. `markdownRenderer` from `@convx/render-md`). */
  renderer: Renderer;
  /** A fixture home; default locations resolve against it, and project folders are relative to it. */
  home: string;
  /** Layout labels (default `alice` / `laptop`): outputs land in `history/<user>/<source>/<systemName>/…`. */
  user?: string;
  systemName?: string;
  env?: Record<string, string | undefined>;
  /** Explicit locations instead of the adapter's defaults under `home`. */
  locations?: string[];
}

/** An export of fixtures through the real engine, into a temp folder, with helpers to read it back. */
export interface ExportFixture {
  outputRoot: string;
  /** The first run's report (`written` lists every file, relative to `outputRoot`). */
  report: SyncReport;
  /** Reads an output file, relative to `outputRoot`. */
  read(relativePath: string): Promise<string>;
  /** Parses the JSON twin of a transcript, named by its path without `.md` (`history/…/2026-…-slug`). */
  twin(transcriptBase: string): Promise<Session>;
  /** Runs the same export again (a second run should write nothing). */
  again(): Promise<SyncReport>;
  cleanup(): Promise<void>;
}

/**
 * Exports an adapter's fixtures through `runSync` with a real renderer, the way `convx backup` does, so a
 * test can assert on the Markdown and JSON a user would get. Pair it with `runAdapterConformance`.
 */
export async function exportFixtures(config: ExportFixtureOptions): Promise<ExportFixture> {
  const outputRoot = await mkdtemp(join(tmpdir(), `convx-${config.adapter.name}-export-`));
  const options: SyncOptions = {
    adapters: [config.adapter],
    renderer: config.renderer,
    outputRoot,
    historySubpath: 'history',
    layout: backupLayout({
      user: config.user ?? 'alice',
      systemName: config.systemName ?? 'laptop',
      home: config.home,
    }),
    locationEnv: { home: config.home, env: config.env ?? {}, platform: process.platform },
    ...(config.locations ? { inputs: { [config.adapter.name]: config.locations } } : {}),
  };
  const report = await runSync(options);
  const read = (relativePath: string) => readFile(join(outputRoot, relativePath), 'utf8');
  return {
    outputRoot,
    report,
    read,
    async twin(transcriptBase) {
      const slash = transcriptBase.lastIndexOf('/');
      const twinPath = `${transcriptBase.slice(0, slash)}/.${transcriptBase.slice(slash + 1)}.json`;
      return JSON.parse(await read(twinPath)) as Session;
    },
    again: () => runSync(options),
    cleanup: () => rm(outputRoot, { recursive: true, force: true }),
  };
}

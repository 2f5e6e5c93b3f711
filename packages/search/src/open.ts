import { join, resolve } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { ignoreStateFolder, refuseLinksInConvx, STATE_DIR } from '@convx/core';
import { facets } from './browse/facets.js';
import { getSession, listSessions } from './browse/sessions.js';
import { indexStats } from './browse/stats.js';
import { isCorruption, openDatabase, removeDatabase } from './db/open.js';
import { Searcher } from './search/search.js';
import { findHistoryDirs } from './twins/find.js';
import type {
  Facets,
  FilterOptions,
  IndexStats,
  ListOptions,
  OpenIndexOptions,
  SearchIndex,
  SearchOptions,
  SearchResult,
  SessionPage,
  SessionSummary,
  StatsOptions,
  UpdateOptions,
  UpdateReport,
} from './types.js';
import { updateIndex } from './update/update.js';

const SEARCH_DB = 'search.db';

/** Where an output's search index is by default: `<outputRoot>/.convx/state/search.db`. */
export function indexPath(outputRoot: string): string {
  return join(resolve(outputRoot), STATE_DIR, SEARCH_DB);
}

/**
 * Opens (creating when needed) the search index of a convx output. The index is a cache of the JSON twins:
 * call `update()` before searching to bring it in line with them.
 */
export async function openIndex(outputRoot: string, options: OpenIndexOptions = {}): Promise<SearchIndex> {
  const root = resolve(outputRoot);
  const dbPath = options.dbPath ? resolve(root, options.dbPath) : indexPath(root);
  if (!options.dbPath) {
    // Never through a link inside .convx/ (one committed to a history repository arrives with a clone).
    await refuseLinksInConvx(root);
    await ignoreStateFolder(root);
  }
  const index = new Index(root, dbPath);
  try {
    if (options.historyDirs) {
      index.historyDirs = options.historyDirs.map(normalizeDir).filter(Boolean);
    } else {
      const remembered = index.rememberHistoryDirs(
        (options.addHistoryDirs ?? []).map(normalizeDir).filter(Boolean),
      );
      index.historyDirs = await findHistoryDirs(root, remembered);
    }
  } catch (error) {
    index.close();
    throw error;
  }
  return index;
}

const normalizeDir = (dir: string) =>
  dir
    .replaceAll('\\', '/')
    .replace(/^(\.\/+)+/, '')
    .replace(/\/+$/, '');

class Index implements SearchIndex {
  private db: DatabaseSync;
  /** The database was created or emptied: the next update indexes every twin. */
  private needsFull: boolean;
  private updating: Promise<unknown> = Promise.resolve();
  private searcher: Searcher | undefined;

  historyDirs: string[] = [];

  constructor(
    readonly outputRoot: string,
    private readonly dbPath: string,
  ) {
    const opened = openDatabase(dbPath);
    this.db = opened.db;
    this.needsFull = opened.fresh;
  }

  update(options: UpdateOptions = {}): Promise<UpdateReport> {
    // One update at a time per index: each runs its own transactions on the one connection.
    const next = this.updating.then(() => this.runUpdate(options));
    this.updating = next.catch(() => undefined);
    return next;
  }

  private async runUpdate(options: UpdateOptions): Promise<UpdateReport> {
    const started = performance.now();
    let rebuilt = this.needsFull;
    let report: Omit<UpdateReport, 'rebuilt' | 'ms'>;
    try {
      report = await updateIndex(this.db, this.outputRoot, this.historyDirs, this.needsFull, options);
    } catch (error) {
      if (!isCorruption(error)) throw error;
      // A damaged database (a crash of the disk, not of convx: transactions cover that) is rebuilt.
      this.db.close();
      removeDatabase(this.dbPath);
      this.db = openDatabase(this.dbPath).db;
      this.searcher = undefined;
      rebuilt = true;
      report = await updateIndex(this.db, this.outputRoot, this.historyDirs, true, options);
    }
    if (!options.signal?.aborted) this.needsFull = false;
    return { ...report, rebuilt, ms: Math.round(performance.now() - started) };
  }

  search(query: string, options: SearchOptions = {}): SearchResult {
    this.searcher ??= new Searcher(this.db, this.outputRoot);
    return this.searcher.search(query, options);
  }

  listSessions(options: ListOptions = {}): SessionPage {
    return listSessions(this.db, options);
  }

  getSession(key: string): SessionSummary | undefined {
    return getSession(this.db, key);
  }

  facets(options: FilterOptions = {}): Facets {
    return facets(this.db, options);
  }

  stats(options: StatsOptions = {}): IndexStats {
    return indexStats(this.db, options);
  }

  /** Adds folders to those remembered in the index; returns them all. */
  rememberHistoryDirs(add: readonly string[]): string[] {
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'history_dirs'").get();
    let known: string[] = [];
    try {
      const parsed: unknown = JSON.parse(String(row?.value ?? '[]'));
      if (Array.isArray(parsed)) known = parsed.filter((d): d is string => typeof d === 'string');
    } catch {
      // a damaged value is rebuilt from what is added now
    }
    const next = [...new Set([...known, ...add])];
    if (next.length !== known.length) {
      this.db
        .prepare(
          "INSERT INTO meta (key, value) VALUES ('history_dirs', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .run(JSON.stringify(next));
    }
    return next;
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}

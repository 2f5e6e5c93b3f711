import { type FSWatcher, watch } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { INDEX_FILE, STATE_DIR } from '@convx/core';
import type { SearchIndex } from '@convx/search';
import type { ChangeEvent } from '../shared/api.js';
import { SECURITY_HEADERS } from './security.js';

export interface LiveOptions {
  /** How often the twins are checked even when no change was signalled (ms). */
  pollMs?: number;
  /** How long to wait after a signal for the writer to finish (ms). */
  settleMs?: number;
  /** Called when an update changed sessions, before open pages are told. */
  onChange?: () => void;
  onError?: (error: unknown) => void;
}

/**
 * Keeps the index current while the explorer runs and tells open pages (server-sent events on
 * `/api/events`). A backup or sync rewrites `.convx/state/index.jsonl` at each checkpoint: that file's change
 * starts an update at once; a slow poll catches writers that do not (or a folder fs.watch cannot watch).
 * Updates never overlap; one that finds changes sends `{added, updated, removed}` to every page.
 */
export class LiveUpdates {
  readonly #clients = new Set<ServerResponse>();
  readonly #watchers: FSWatcher[] = [];
  readonly #timers: NodeJS.Timeout[] = [];
  #running: Promise<void> | undefined;
  #again = false;
  #settle: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(
    private readonly index: SearchIndex,
    private readonly options: LiveOptions = {},
  ) {}

  start(): void {
    try {
      const watcher = watch(join(this.index.outputRoot, STATE_DIR), (_event, name) => {
        if (name === INDEX_FILE || name === 'last-run.json') this.#signal();
      });
      watcher.on('error', () => watcher.close());
      this.#watchers.push(watcher);
    } catch {
      // No state folder yet (an output only synced elsewhere): the poll still finds changes.
    }
    const poll = setInterval(() => this.#signal(), this.options.pollMs ?? 15_000);
    poll.unref();
    const keepAlive = setInterval(() => this.#broadcast(': keep-alive\n\n'), 25_000);
    keepAlive.unref();
    this.#timers.push(poll, keepAlive);
  }

  /** Registers a page for events (the response stays open). */
  subscribe(response: ServerResponse): void {
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    response.write('retry: 3000\n\n');
    this.#clients.add(response);
    response.on('close', () => this.#clients.delete(response));
  }

  /** Brings the index up to date now; resolves when done. */
  async refresh(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      do {
        this.#again = false;
        try {
          const report = await this.index.update();
          if (report.added + report.updated + report.removed > 0) {
            this.options.onChange?.();
            const event: ChangeEvent = {
              added: report.added,
              updated: report.updated,
              removed: report.removed,
            };
            this.#broadcast(`event: change\ndata: ${JSON.stringify(event)}\n\n`);
          }
        } catch (error) {
          this.options.onError?.(error);
        }
      } while (this.#again && !this.#closed);
    })().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  close(): void {
    this.#closed = true;
    for (const watcher of this.#watchers) watcher.close();
    for (const timer of this.#timers) clearInterval(timer);
    clearTimeout(this.#settle);
    for (const client of this.#clients) client.end();
    this.#clients.clear();
  }

  #signal(): void {
    if (this.#closed) return;
    clearTimeout(this.#settle);
    this.#settle = setTimeout(() => void this.refresh(), this.options.settleMs ?? 300);
    this.#settle.unref();
  }

  #broadcast(text: string): void {
    for (const client of this.#clients) client.write(text);
  }
}

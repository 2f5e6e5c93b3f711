import { stat } from 'node:fs/promises';
import { readTwinOutline, type TwinNode, type TwinOutline } from './outline.js';
import { matchSpawns } from './spawns.js';

/**
 * Outlines of recently opened twins, so paging through a transcript reads the file once. An entry is used
 * only while the file's size and mtime are those it was read with (a backup may rewrite the twin).
 */
export class OutlineCache {
  readonly #entries = new Map<string, Promise<TwinOutline>>();
  readonly #spawns = new WeakMap<TwinNode, Promise<(number | null)[]>>();

  constructor(readonly capacity = 16) {}

  async get(path: string): Promise<TwinOutline> {
    const info = await stat(path);
    const cached = this.#entries.get(path);
    if (cached) {
      const outline = await cached.catch(() => undefined);
      if (outline && outline.size === info.size && outline.mtimeMs === info.mtimeMs) {
        // Most recently used last.
        this.#entries.delete(path);
        this.#entries.set(path, cached);
        return outline;
      }
      this.#entries.delete(path);
    }
    const pending = readTwinOutline(path);
    this.#entries.set(path, pending);
    pending.catch(() => this.#entries.delete(path));
    while (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return pending;
  }

  /** Which tool call spawned each child of `node` (computed once per outline). */
  spawns(path: string, node: TwinNode): Promise<(number | null)[]> {
    let pending = this.#spawns.get(node);
    if (!pending) {
      pending = matchSpawns(path, node);
      this.#spawns.set(node, pending);
    }
    return pending;
  }
}

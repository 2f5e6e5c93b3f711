import { readFileSync } from 'node:fs';
import type { DiscoveryCache } from '../contract/context.js';
import { jsonObjectChunks } from '../io/json-chunks.js';

/**
 * The persistent discovery cache: one JSON file with a namespace per adapter. Only entries read or written
 * during a run are saved back, so entries for deleted or changed files fall away by themselves.
 */
export class PersistentCache {
  private readonly previous = new Map<string, unknown>();
  private readonly used = new Map<string, unknown>();
  private readonly adaptersRun = new Set<string>();
  private changed = false;

  /** `fresh`: the adapters that run see none of what earlier runs stored (`--force`); the others keep theirs. */
  private constructor(private readonly fresh: boolean) {}

  static async load(path: string, options: { fresh?: boolean } = {}): Promise<PersistentCache> {
    const cache = new PersistentCache(options.fresh === true);
    try {
      // One synchronous read (as the index's): the run waits for it anyway.
      const data = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      for (const [k, v] of Object.entries(data)) cache.previous.set(k, v);
    } catch {
      // No cache yet, or an unreadable one: start empty.
    }
    return cache;
  }

  forAdapter(name: string): DiscoveryCache {
    const prefix = `${name}\u0000`;
    this.adaptersRun.add(prefix);
    return {
      get: (key) => {
        const k = prefix + key;
        if (this.used.has(k)) return this.used.get(k);
        if (this.fresh || !this.previous.has(k)) return undefined;
        const value = this.previous.get(k);
        this.used.set(k, value);
        return value;
      },
      set: (key, value) => {
        const k = prefix + key;
        if (JSON.stringify(this.previous.get(k)) !== JSON.stringify(value)) this.changed = true;
        this.used.set(k, value);
      },
    };
  }

  /** Entries of adapters this run did not use (`--source-system codex` keeps Claude's). */
  private carried(): Array<[string, unknown]> {
    return [...this.previous].filter(([k]) => !this.adaptersRun.has(k.slice(0, k.indexOf('\u0000') + 1)));
  }

  /** Whether saving would change the file: something new was set, or old entries went unused. */
  get dirty(): boolean {
    return this.changed || this.used.size + this.carried().length !== this.previous.size;
  }

  /** The cache file's JSON, in pieces (see jsonObjectChunks). */
  serialize(): Iterable<string> {
    return jsonObjectChunks(new Map([...this.carried(), ...this.used]));
  }
}

import {
  detailLineOf,
  entryOfLines,
  headLineOf,
  indexTextChunks,
  type Planned,
  parseIndexText,
  plannedOf,
  type StoredIndex,
} from './index-format.js';
import { hasDescriptiveFields } from './rejected-entry.js';
import type { IndexEntry } from './types.js';

/**
 * An entry this run recorded: the entry until it is saved, then its lines (the entry parsed again from them if
 * asked for: a cold run would otherwise hold every entry twice, as objects and as text).
 */
type Recorded =
  | { entry: IndexEntry; planned?: Planned; lines?: undefined }
  | { entry?: IndexEntry; planned: Planned; lines: { head: string; detail: string } };

/**
 * The incremental index of an output, as one run reads and changes it (`index-format.ts` has the file). The
 * stored index is never changed: what the run records or deletes is kept beside it, so a snapshot is a copy of
 * those changes only. What planning asks (`planned`) is read straight from the parsed head; a whole entry
 * (`get`) is parsed from its detail line when first asked, once. Saving writes an entry the run did not touch
 * as the very lines it was read from, and serializes a recorded one once, however often the index is saved.
 */
export class SessionIndex {
  private constructor(
    private readonly stored: StoredIndex,
    /** This run's entries by key (recorded, or `undefined` for deleted), in the order they were first recorded. */
    private readonly changes: Map<string, Recorded | undefined>,
    /** Not read from `index.jsonl` (an older version's `index.json`, or rebuilt from the twins): to be saved. */
    readonly unsaved: boolean,
    /** The stored entries parsed so far (shared by snapshots: an entry never changes). */
    private readonly parsed: Map<string, IndexEntry>,
    private positions: Map<string, number> | undefined,
  ) {}

  static empty(): SessionIndex {
    return SessionIndex.of({});
  }

  /** The index from a whole file's text, or undefined when it is not a complete version-2 index. */
  static parse(text: string): SessionIndex | undefined {
    const stored = parseIndexText(text);
    return stored && SessionIndex.stored(stored);
  }

  /** The index of a stored file's parts (its lines read when first needed: see `readStoredIndex`). */
  static stored(stored: StoredIndex): SessionIndex {
    return new SessionIndex(stored, new Map(), false, new Map(), undefined);
  }

  /** The index of whole entries by key (one rebuilt from the JSON twins, or an older version's file). */
  static of(sessions: Record<string, IndexEntry>, unsaved = false): SessionIndex {
    const none: StoredIndex = {
      planned: Object.create(null) as Record<string, Planned>,
      keys: [],
      lines: () => ({ headLines: [], details: [] }),
    };
    const changes = new Map<string, Recorded>();
    for (const [key, entry] of Object.entries(sessions)) changes.set(key, { entry });
    return new SessionIndex(none, changes, unsaved, new Map(), undefined);
  }

  get size(): number {
    let size = this.stored.keys.length;
    for (const [key, change] of this.changes) {
      const wasStored = this.isStored(key);
      if (change && !wasStored) size++;
      else if (!change && wasStored) size--;
    }
    return size;
  }

  has(key: string): boolean {
    return this.changes.has(key) ? this.changes.get(key) !== undefined : this.isStored(key);
  }

  /** The entry recorded under `key`, parsed when first asked (again once this run saved it: see `recordedLines`). */
  get(key: string): IndexEntry | undefined {
    if (this.changes.has(key)) {
      const change = this.changes.get(key);
      if (change?.lines) change.entry ??= entryOfLines(key, change.planned, change.lines.detail);
      return change?.entry;
    }
    const planned = this.storedPlanned(key);
    if (!planned) return undefined;
    let entry = this.parsed.get(key);
    if (!entry) {
      entry = entryOfLines(key, planned, this.stored.lines().details[this.positionOf(key)] ?? '');
      this.parsed.set(key, entry);
    }
    return entry;
  }

  /** What planning needs of the entry under `key`, without parsing the rest of it. */
  planned(key: string): Planned | undefined {
    if (this.changes.size > 0 && this.changes.has(key)) {
      const change = this.changes.get(key);
      if (change && !change.lines) change.planned ??= plannedOf(change.entry);
      return change?.planned;
    }
    return this.storedPlanned(key);
  }

  /** Every key with what planning needs of its entry, in the index's order. */
  *allPlanned(): Generator<[string, Planned]> {
    if (this.changes.size === 0) {
      // Straight from the head.
      for (const key of this.stored.keys) yield [key, this.stored.planned[key] as Planned];
      return;
    }
    for (const key of this.keys()) {
      const planned = this.planned(key);
      if (planned) yield [key, planned];
    }
  }

  /**
   * The keys of the entries held whole rather than read from the head: an older version's index, one rebuilt
   * from the twins, or what this run recorded (none when a run starts from a stored index).
   */
  *wholeKeys(): Generator<string> {
    for (const [key, change] of this.changes) if (change) yield key;
  }

  /**
   * Whether the entry under `key` holds more than the decision (see `briefRejected`): asked of entries an older
   * version wrote whole. One stored by this version is brief already, and is not parsed to tell.
   */
  describes(key: string): boolean {
    const entry = this.changes.get(key) ? this.get(key) : undefined;
    return entry !== undefined && hasDescriptiveFields(entry);
  }

  /** Records an entry (a new object: entries are replaced, never changed in place). */
  set(key: string, entry: IndexEntry): void {
    this.changes.set(key, { entry });
  }

  delete(key: string): void {
    this.changes.set(key, undefined);
  }

  /** The keys, stored ones in the file's order, then those first recorded by this run. */
  *keys(): Generator<string> {
    for (const key of this.stored.keys)
      if (this.changes.get(key) !== undefined || !this.changes.has(key)) yield key;
    for (const [key, change] of this.changes) if (change && !this.isStored(key)) yield key;
  }

  /** Every entry, parsed (for `convx stats` and tests; a run asks only for the entries it needs). */
  toRecord(): Record<string, IndexEntry> {
    const sessions: Record<string, IndexEntry> = {};
    for (const key of this.keys()) {
      const entry = this.get(key);
      if (entry) sessions[key] = entry;
    }
    return sessions;
  }

  /** The index as it stands now, unchanged by later `set`s and `delete`s (what a checkpoint saves). */
  snapshot(): SessionIndex {
    return new SessionIndex(this.stored, new Map(this.changes), this.unsaved, this.parsed, this.positions);
  }

  /** The index file's text, in pieces. */
  *chunks(): Generator<string> {
    yield* indexTextChunks(this.lines());
  }

  /** Each entry's lines, in the order of `keys`. */
  private *lines(): Generator<{ head: string; detail: string }> {
    const { keys } = this.stored;
    const { headLines, details } = keys.length > 0 ? this.stored.lines() : { headLines: [], details: [] };
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] ?? '';
      if (!this.changes.has(key)) {
        // After the first line of the head, each starts with the comma that separates it from the one before.
        const head = headLines[i] ?? '';
        yield { head: head.startsWith(',') ? head.slice(1) : head, detail: details[i] ?? '' };
      } else {
        const change = this.changes.get(key);
        if (change) yield recordedLines(key, change);
      }
    }
    for (const [key, change] of this.changes)
      if (change && !this.isStored(key)) yield recordedLines(key, change);
  }

  private isStored(key: string): boolean {
    return this.stored.planned[key] !== undefined;
  }

  /** A stored entry's planning facts (the head has no prototype: no key finds an inherited property). */
  private storedPlanned(key: string): Planned | undefined {
    return this.stored.planned[key];
  }

  /** A stored key's line, from a map made the first time a whole entry is asked for. */
  private positionOf(key: string): number {
    if (!this.positions) {
      const positions = new Map<string, number>();
      for (const [i, k] of this.stored.keys.entries()) positions.set(k, i);
      this.positions = positions;
    }
    return this.positions.get(key) ?? -1;
  }
}

/** A recorded entry's lines, serialized the first time the index is saved with it (the entry let go then). */
function recordedLines(key: string, change: Recorded): { head: string; detail: string } {
  if (change.lines) return change.lines;
  const { entry } = change;
  const planned = change.planned ?? plannedOf(entry);
  const lines = { head: headLineOf(key, planned), detail: detailLineOf(key, entry) };
  Object.assign(change, { entry: undefined, planned, lines });
  return lines;
}

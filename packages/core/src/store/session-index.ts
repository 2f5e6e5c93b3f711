import {
  BRIEF_DETAIL,
  detailOf,
  entryFromLines,
  indexTextChunks,
  type Planned,
  type PlanRow,
  parseIndexText,
  plannedOf,
  rowOf,
} from './index-format.js';
import { hasDescriptiveFields } from './rejected-entry.js';
import type { IndexEntry } from './types.js';

/**
 * One session's place in the index: its entry, its stored lines, or both. A slot is never changed but to
 * fill in what it lacks (the entry parsed from its lines, or the lines serialized from its entry), so a
 * snapshot sharing it stays what it was.
 */
interface Slot {
  entry?: IndexEntry;
  lines?: Lines;
  /** What planning reads, made once per run from the row (or the entry). */
  planned?: Planned;
}

/** An entry as stored: its planning row and its detail line. */
interface Lines {
  row: PlanRow;
  detail: string;
}

/**
 * The incremental index of an output, as one run reads and changes it (`index-format.ts` has the file). What
 * planning asks (`planned`) comes from the rows read eagerly; a whole entry (`get`) is parsed from its detail
 * line when first asked, once. Saving serializes each entry once per run: an entry read from the file and
 * not replaced is written back as the very lines it was read from.
 */
export class SessionIndex {
  private constructor(
    private readonly slots: Map<string, Slot>,
    /** Read from an older version's `index.json`: the run saves it in the current format, once. */
    readonly fromOlderFormat = false,
  ) {}

  static empty(): SessionIndex {
    return new SessionIndex(new Map());
  }

  /** The index from a stored version-2 file's text, or undefined when it is not one (see `parseIndexText`). */
  static parse(text: string): SessionIndex | undefined {
    const parsed = parseIndexText(text);
    if (!parsed) return undefined;
    const slots = new Map<string, Slot>();
    parsed.rows.forEach((row, i) => {
      slots.set(row[0], { lines: { row, detail: parsed.details[i] ?? BRIEF_DETAIL } });
    });
    return new SessionIndex(slots);
  }

  /** The index of whole entries by key (one rebuilt from the JSON twins, or an older version's file). */
  static of(sessions: Record<string, IndexEntry>, fromOlderFormat = false): SessionIndex {
    const slots = new Map<string, Slot>();
    for (const [key, entry] of Object.entries(sessions)) slots.set(key, { entry });
    return new SessionIndex(slots, fromOlderFormat);
  }

  get size(): number {
    return this.slots.size;
  }

  has(key: string): boolean {
    return this.slots.has(key);
  }

  /** The entry recorded under `key`, parsed when first asked; the same object until it is replaced. */
  get(key: string): IndexEntry | undefined {
    const slot = this.slots.get(key);
    return slot && entryOfSlot(slot);
  }

  /** What planning needs of the entry under `key`, without parsing the rest of it. */
  planned(key: string): Planned | undefined {
    const slot = this.slots.get(key);
    return slot && plannedOfSlot(key, slot);
  }

  /** What planning needs of every entry, in the index's order. */
  *allPlanned(): Generator<Planned> {
    for (const [key, slot] of this.slots) yield plannedOfSlot(key, slot);
  }

  /**
   * Whether the entry under `key` holds more than the decision (see `briefRejected`). Cheap for an entry
   * stored brief: its detail line is compared, not parsed.
   */
  describes(key: string): boolean {
    const slot = this.slots.get(key);
    if (!slot || (!slot.entry && slot.lines?.detail === BRIEF_DETAIL)) return false;
    const entry = this.get(key);
    return entry !== undefined && hasDescriptiveFields(entry);
  }

  /** Records an entry (a new object: entries are replaced, never changed in place). */
  set(key: string, entry: IndexEntry): void {
    this.slots.set(key, { entry });
  }

  delete(key: string): void {
    this.slots.delete(key);
  }

  keys(): IterableIterator<string> {
    return this.slots.keys();
  }

  /** Every entry, parsed (for `convx stats` and tests; a run asks only for the entries it needs). */
  toRecord(): Record<string, IndexEntry> {
    const sessions: Record<string, IndexEntry> = {};
    for (const key of this.slots.keys()) {
      const entry = this.get(key);
      if (entry) sessions[key] = entry;
    }
    return sessions;
  }

  /** The index as it stands now, unchanged by later `set`s and `delete`s (what a checkpoint saves). */
  snapshot(): SessionIndex {
    return new SessionIndex(new Map(this.slots));
  }

  /** The index file's text, in pieces; each entry is serialized at most once, however often it is saved. */
  *chunks(): Generator<string> {
    yield* indexTextChunks(this.storedLines());
  }

  private *storedLines(): Generator<Lines> {
    for (const [key, slot] of this.slots) {
      if (!slot.lines) {
        const entry = entryOfSlot(slot);
        slot.lines = { row: rowOf(key, entry), detail: detailOf(key, entry) };
      }
      yield slot.lines;
    }
  }
}

function plannedOfSlot(key: string, slot: Slot): Planned {
  slot.planned ??= plannedOf(slot.lines?.row ?? rowOf(key, entryOfSlot(slot)));
  return slot.planned;
}

/** A slot's entry, parsed from its lines (once) when it has none yet. */
function entryOfSlot(slot: Slot): IndexEntry {
  if (slot.entry) return slot.entry;
  if (!slot.lines) throw new Error('an index slot holds its entry, its lines, or both');
  const { row, detail } = slot.lines;
  slot.entry = entryFromLines(row, detail);
  return slot.entry;
}

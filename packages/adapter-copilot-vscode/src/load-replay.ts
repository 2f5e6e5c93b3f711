import { type DiagnosticsCollector, isRecord } from '@convx/core';

// VS Code 1.109+ writes a chat as a change log (`objectMutationLog.ts`): each line one entry,
//   {kind:0, v}        the whole state, replacing what came before (first line; again after a compaction)
//   {kind:1, k, v}     set the value at path k (property names and array indexes)
//   {kind:2, k, v?, i?} at the array at k: truncate it to length i when given, then append v's items
//   {kind:3, k}        delete the value at k
// Replaying it gives the object a `.json` file holds.

type Key = string | number;

/** Replays a change log entry by entry. Entries that do not apply are counted, never thrown. */
export class MutationReplay {
  private state: unknown;
  private started = false;

  constructor(
    private readonly diagnostics: DiagnosticsCollector,
    private readonly path: string,
  ) {}

  /** The state the entries so far describe; undefined before the first `kind: 0`. */
  get value(): unknown {
    return this.state;
  }

  apply(entry: unknown, line: number): void {
    if (!isRecord(entry)) {
      this.problem('unknown-record', 'a line that is not a change-log entry', line);
      return;
    }
    if (entry.kind === 0) {
      this.state = entry.v;
      this.started = true;
      return;
    }
    if (!this.started) {
      this.problem('orphan-mutation', 'a change before the initial state; skipped', line);
      return;
    }
    const path = keyPath(entry.k);
    if (!path) {
      this.problem('bad-mutation', 'a change without a valid key path; skipped', line);
      return;
    }
    switch (entry.kind) {
      case 1:
        this.set(path, entry.v, line);
        return;
      case 2:
        this.push(path, entry.v, entry.i, line);
        return;
      case 3:
        this.remove(path, line);
        return;
      default:
        this.problem('unknown-record', `a change-log entry of unknown kind ${String(entry.kind)}`, line);
        return;
    }
  }

  private set(path: Key[], value: unknown, line: number): void {
    const parent = this.parentOf(path, line);
    const last = path.at(-1);
    if (parent === undefined || last === undefined) return;
    if (!setChild(parent, last, value)) {
      this.problem('bad-mutation', `a change at ${describe(path)}, which does not exist; skipped`, line);
    }
  }

  private push(path: Key[], values: unknown, start: unknown, line: number): void {
    const parent = this.parentOf(path, line);
    const last = path.at(-1);
    if (parent === undefined || last === undefined) return;
    const current = childOf(parent, last) ?? [];
    if (!Array.isArray(current)) {
      this.problem('bad-mutation', `an append at ${describe(path)}, which is no list; skipped`, line);
      return;
    }
    if (typeof start === 'number' && Number.isInteger(start) && start >= 0 && start < current.length) {
      current.length = start;
    }
    if (Array.isArray(values)) for (const value of values) current.push(value);
    if (!setChild(parent, last, current)) {
      this.problem('bad-mutation', `an append at ${describe(path)}, which does not exist; skipped`, line);
    }
  }

  private remove(path: Key[], line: number): void {
    const parent = this.parentOf(path, line);
    const last = path.at(-1);
    if (parent === undefined || last === undefined) return;
    // VS Code deletes by setting undefined: a list keeps its length (the hole serializes as null).
    if (Array.isArray(parent)) setChild(parent, last, undefined);
    else if (isRecord(parent) && typeof last === 'string') delete parent[last];
  }

  /** The object or list holding the last key of `path`, or undefined when the way there is missing. */
  private parentOf(path: Key[], line: number): unknown {
    let current = this.state;
    for (const key of path.slice(0, -1)) {
      const next = childOf(current, key);
      if (next === undefined || next === null) {
        this.problem('bad-mutation', `a change at ${describe(path)}, which does not exist; skipped`, line);
        return undefined;
      }
      current = next;
    }
    return current;
  }

  private problem(code: string, message: string, line: number): void {
    this.diagnostics.add(code, message, { path: this.path, line });
  }
}

function childOf(container: unknown, key: Key): unknown {
  if (Array.isArray(container)) return typeof key === 'number' ? container[key] : undefined;
  return isRecord(container) && typeof key === 'string' ? container[key] : undefined;
}

/** Sets `container[key]`; false when the container is no object or list, or the key does not fit it. */
function setChild(container: unknown, key: Key, value: unknown): boolean {
  if (Array.isArray(container) && typeof key === 'number') container[key] = value;
  else if (isRecord(container) && typeof key === 'string') container[key] = value;
  else return false;
  return true;
}

function keyPath(value: unknown): Key[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const keys: Key[] = [];
  for (const key of value) {
    if (typeof key === 'string' || (typeof key === 'number' && Number.isInteger(key) && key >= 0))
      keys.push(key);
    else return undefined;
  }
  return keys;
}

function describe(path: Key[]): string {
  return path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('') || '<root>';
}

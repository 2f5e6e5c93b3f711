import type { OutStream } from '../io.js';

// Pieces are gathered up to this size before each write (well below V8's large-object size).
const WRITE_PIECE = 64 * 1024;

/**
 * Writes `value` as `JSON.stringify(value, null, 2)` would, plus a newline, in pieces: a backup's report lists
 * every file written (tens of thousands of paths), and one string of it all would be the run's last and
 * largest allocation.
 */
export function writeJson(stream: OutStream, value: unknown): void {
  let pending: string[] = [];
  let size = 0;
  for (const piece of prettyJson(value, '')) {
    pending.push(piece);
    size += piece.length;
    if (size >= WRITE_PIECE) {
      stream.write(pending.join(''));
      pending = [];
      size = 0;
    }
  }
  pending.push('\n');
  stream.write(pending.join(''));
}

/** The text of `JSON.stringify(value, null, 2)`, in pieces (plain data: no `toJSON` returning objects). */
export function* prettyJson(value: unknown, indent: string): Generator<string> {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    const inner = `${indent}  `;
    yield '[\n';
    for (let i = 0; i < value.length; i++) {
      yield inner;
      const item: unknown = value[i];
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') yield 'null';
      else yield* prettyJson(item, inner);
      yield i < value.length - 1 ? ',\n' : '\n';
    }
    yield `${indent}]`;
    return;
  }
  if (value !== null && typeof value === 'object' && !('toJSON' in value)) {
    const entries = Object.entries(value).filter(
      ([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol',
    );
    if (entries.length === 0) {
      yield '{}';
      return;
    }
    const inner = `${indent}  `;
    yield '{\n';
    for (let i = 0; i < entries.length; i++) {
      const [key, item] = entries[i] as [string, unknown];
      yield `${inner}${JSON.stringify(key)}: `;
      yield* prettyJson(item, inner);
      yield i < entries.length - 1 ? ',\n' : '\n';
    }
    yield `${indent}}`;
    return;
  }
  yield JSON.stringify(value) ?? 'null';
}

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
    // As JSON.stringify does: what JSON cannot hold is null inside an array.
    yield* members(
      '[',
      ']',
      value.map((item) => ['', omitted(item) ? null : item]),
      indent,
    );
  } else if (value !== null && typeof value === 'object' && !('toJSON' in value)) {
    // …and left out of an object.
    const entries = Object.entries(value).filter(([, item]) => !omitted(item));
    yield* members(
      '{',
      '}',
      entries.map(([key, item]) => [`${JSON.stringify(key)}: `, item]),
      indent,
    );
  } else {
    yield JSON.stringify(value) ?? 'null';
  }
}

/** An array's or object's members, one per line, each after its prefix (an object's key). */
function* members(
  open: string,
  close: string,
  items: Array<[string, unknown]>,
  indent: string,
): Generator<string> {
  if (items.length === 0) {
    yield `${open}${close}`;
    return;
  }
  const inner = `${indent}  `;
  yield `${open}\n`;
  for (let i = 0; i < items.length; i++) {
    const [prefix, item] = items[i] as [string, unknown];
    yield `${inner}${prefix}`;
    yield* prettyJson(item, inner);
    yield i < items.length - 1 ? ',\n' : '\n';
  }
  yield `${indent}${close}`;
}

const omitted = (value: unknown) =>
  value === undefined || typeof value === 'function' || typeof value === 'symbol';

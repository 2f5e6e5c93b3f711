// Loose views of records read from a source. Adapters read lines as `unknown` and narrow field by field:
// formats drift, and a schema check per line would cost more than the parse itself.

/** A JSON object read from a source, fields not yet narrowed. */
export type JsonRecord = Record<string, unknown>;

/** True for a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as a JSON object, or undefined. */
export function asRecord(value: unknown): JsonRecord | undefined {
  return isRecord(value) ? value : undefined;
}

/** The value when it is a string, else undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The value when it is a finite number, else undefined. */
export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The value when it is an array, else an empty one. */
export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * Orders strings by UTF-16 code units, the same on every machine and locale (unlike `localeCompare`): the
 * order sessions, files and messages are emitted in must not depend on where convx runs.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Copies the fields of `from` that are not undefined onto `to`: optional session fields stay absent rather
 * than present-but-undefined, so twins do not change with the adapter's coding style.
 */
export function assignDefined<T extends object>(to: T, from: Partial<T>): T {
  for (const key of Object.keys(from) as (keyof T)[]) {
    const value = from[key];
    if (value !== undefined) to[key] = value as T[keyof T];
  }
  return to;
}

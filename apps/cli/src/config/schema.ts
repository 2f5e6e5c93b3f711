/**
 * A tiny declarative validator for the config file: each field knows its expected type and turns a TOML
 * value into a typed one, collecting problems as `<key path> <problem>` sentences. Tables reject unknown
 * keys (typo protection) and suggest the closest known one.
 */
import { didYouMean } from '../text/did-you-mean.js';

export interface Field<T> {
  /** What the value must be, for messages: `a boolean`, `a list of strings`. */
  readonly expected: string;
  check(value: unknown, key: string, problems: string[]): T | undefined;
}

export type Infer<F> = F extends Field<infer T> ? T : never;

/** How a TOML value looks in a message: strings quoted, tables and lists named. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object' && value !== null) return 'a table';
  return String(value);
}

function simple<T>(expected: string, test: (value: unknown) => value is T): Field<T> {
  return {
    expected,
    check(value, key, problems) {
      if (test(value)) return value;
      problems.push(`${key} must be ${expected} (got ${describeValue(value)})`);
      return undefined;
    },
  };
}

export const boolean = simple('a boolean', (v): v is boolean => typeof v === 'boolean');
export const string = simple(
  'a non-empty string',
  (v): v is string => typeof v === 'string' && v.trim() !== '',
);
export const stringList = simple(
  'a list of strings',
  (v): v is string[] => Array.isArray(v) && v.every((item) => typeof item === 'string' && item.trim() !== ''),
);

/** Adds a check on a valid value: return a problem (after the key) or undefined. */
export function refine<T>(field: Field<T>, test: (value: T) => string | undefined): Field<T> {
  return {
    expected: field.expected,
    check(value, key, problems) {
      const checked = field.check(value, key, problems);
      if (checked === undefined) return undefined;
      const problem = test(checked);
      if (problem) problems.push(`${key} ${problem}`);
      return problem ? undefined : checked;
    },
  };
}

/** A string or a list of strings, always returned as a list. */
export const stringOrList: Field<string[]> = {
  expected: 'a string or a list of strings',
  check(value, key, problems) {
    if (typeof value === 'string' && value.trim() !== '') return [value];
    if (
      Array.isArray(value) &&
      value.length > 0 &&
      value.every((v) => typeof v === 'string' && v.trim() !== '')
    ) {
      return value as string[];
    }
    problems.push(`${key} must be a string or a list of strings (got ${describeValue(value)})`);
    return undefined;
  },
};

const isTable = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/** Any table, kept as is (renderer options: the renderer validates them). */
export const anyTable = simple('a table', isTable);

/** A table whose keys are free (source names) and whose values all follow one field. */
export function record<T>(field: Field<T>): Field<Record<string, T>> {
  return {
    expected: `a table of ${field.expected}`,
    check(value, key, problems) {
      if (!isTable(value)) {
        problems.push(`${key} must be a table (got ${describeValue(value)})`);
        return undefined;
      }
      const out: Record<string, T> = {};
      for (const [name, item] of Object.entries(value)) {
        const checked = field.check(item, `${key}.${name}`, problems);
        if (checked !== undefined) out[name] = checked;
      }
      return out;
    },
  };
}

export function list<T>(field: Field<T>): Field<T[]> {
  return {
    expected: `a list of ${field.expected}`,
    check(value, key, problems) {
      if (!Array.isArray(value)) {
        problems.push(`${key} must be a list (got ${describeValue(value)})`);
        return undefined;
      }
      return value.flatMap((item, i) => {
        const checked = field.check(item, `${key}[${i}]`, problems);
        return checked === undefined ? [] : [checked];
      });
    },
  };
}

type Shape = Record<string, { field: Field<unknown>; as: string }>;
type TableOf<S extends Shape> = { -readonly [K in keyof S as S[K]['as']]?: Infer<S[K]['field']> };

/** Maps a TOML key to a field and the camelCase property it becomes. */
export const key = <T, const A extends string>(field: Field<T>, as: A) => ({ field, as });

/** A table with known keys only; unknown keys are problems, with a did-you-mean. */
export function table<const S extends Shape>(shape: S): Field<TableOf<S>> {
  return {
    expected: 'a table',
    check(value, path, problems) {
      if (!isTable(value)) {
        problems.push(`${path || 'the file'} must be a table (got ${describeValue(value)})`);
        return undefined;
      }
      const out: Record<string, unknown> = {};
      for (const [name, item] of Object.entries(value)) {
        const full = path ? `${path}.${name}` : name;
        const spec = shape[name];
        if (!spec) {
          problems.push(`unknown key ${full}${didYouMean(name, Object.keys(shape), path ? `${path}.` : '')}`);
          continue;
        }
        const checked = spec.field.check(item, full, problems);
        if (checked !== undefined) out[spec.as] = checked;
      }
      return out as TableOf<S>;
    },
  };
}

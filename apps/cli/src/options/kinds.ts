// The kinds of value an option takes in the config file, as valibot schemas whose messages say what the value
// must be (`a boolean`): `config/issues.ts` turns a failed check into `<key> must be a boolean (got "yes")`.
// A refinement's message is the problem itself (`leaves the output folder (got "../out")`).
import { historySubpathProblem } from '@convx/core';
import { isValidTimeZone } from '@convx/render-md';
import * as v from 'valibot';
import { closest } from '../text/did-you-mean.js';
import { normalizeSubpath } from './history-subpath.js';
import { parseSize, SIZE_FORMAT } from './size.js';

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const isTable = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

export const boolean = v.custom<boolean>((value) => typeof value === 'boolean', 'a boolean');
export const text = v.custom<string>(isText, 'a non-empty string');
export const textList = v.custom<string[]>(
  (value) => Array.isArray(value) && value.every(isText),
  'a list of strings',
);

/** A string or a list of strings, always read as a list. */
export const textOrList = v.pipe(
  v.custom<string | string[]>(
    (value) => isText(value) || (Array.isArray(value) && value.length > 0 && value.every(isText)),
    'a string or a list of strings',
  ),
  v.transform((value): string[] => (typeof value === 'string' ? [value] : value)),
);

/** A whole number from `min` to `max`. */
export const wholeNumber = (min: number, max: number) =>
  v.custom<number>(
    (value) => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max,
    `a whole number from ${min} to ${max}`,
  );

/** A size in bytes: a number, or a string with a unit (`"10MB"`). */
export const size = v.pipe(
  v.custom<number | string>(
    (value) => (typeof value === 'number' || typeof value === 'string') && parseSize(value) !== undefined,
    SIZE_FORMAT,
  ),
  v.transform((value) => parseSize(value) ?? 0),
);

/** Any table, kept as it is (renderer options: the renderer checks them). */
export const anyTable = v.custom<Record<string, unknown>>(isTable, 'a table');

/** A table of free keys (source names) whose values all follow one schema. */
export const tableOf = <S extends v.GenericSchema>(value: S) => v.record(v.string(), value, 'a table');

const quoted = (value: string) => JSON.stringify(value);

/** A folder inside the repository: relative, no `..`, not inside `.convx/` or `.git/`. */
export const subpath = v.pipe(
  text,
  v.check(
    (value) => historySubpathProblem(value) === undefined,
    (issue) => {
      const value = String(issue.input);
      return `${historySubpathProblem(value)} (got ${quoted(value)})`;
    },
  ),
  v.transform(normalizeSubpath),
);

/** A name that becomes a folder (the user, the machine). */
export const label = v.pipe(
  text,
  v.transform((value) => value.trim()),
  v.check(
    (value) => !(/[/\\]/.test(value) || value === '.' || value === '..'),
    (issue) => `cannot be used as a folder name (got ${quoted(String(issue.input))})`,
  ),
);

function regexProblem(source: string): string | undefined {
  try {
    new RegExp(source, 'g');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

export const regex = v.pipe(
  text,
  v.check(
    (value) => regexProblem(value) === undefined,
    (issue) => `is not a valid regular expression: ${regexProblem(String(issue.input))}`,
  ),
);

/** A time zone the Markdown renderer can show times in: `UTC`, an offset, an IANA name. */
export const timezone = v.pipe(
  text,
  v.check(
    isValidTimeZone,
    (issue) =>
      `must be a time zone: an IANA name such as "Europe/Berlin", an offset such as "+02:00", or "UTC" (got ${quoted(String(issue.input))})`,
  ),
);

/** Starts the message of a key a table does not know; the closest known key follows a colon. */
export const UNKNOWN_KEY = 'unknown key';
/** The message of a key a table requires. */
export const REQUIRED_KEY = 'is required';

/** A table with known keys only: an unknown key is a problem of its own, named with its closest known one. */
export const strictTable = <E extends v.ObjectEntries>(entries: E) =>
  v.strictObject(entries, (issue) => {
    if (issue.expected === 'never')
      return `${UNKNOWN_KEY}:${closest(String(issue.input), Object.keys(entries)) ?? ''}`;
    if (issue.expected?.startsWith('"')) return REQUIRED_KEY;
    return 'a table';
  });

import { ConvxError } from '@convx/core';
import { parseZone } from './zone.js';

/** Options of the Markdown renderer, passed by the engine as `context.options` (e.g. from the CLI config). */
export type MarkdownOptions = {
  /**
   * Show context messages (injected AGENTS.md / CLAUDE.md, environment blocks, caveats, compaction summaries)
   * in collapsed blocks. When false nothing of their text appears.
   * @default false
   */
  showContext: boolean;
  /** Tool input/output bodies longer than this many lines are shortened in the Markdown (0 = no limit). @default 80 */
  maxToolOutputLines: number;
  /** Tool input/output bodies longer than this many characters are shortened (0 = no limit). @default 8000 */
  maxToolOutputChars: number;
  /** Message times: `time` = `HH:MM` (with the date when it differs from the session's first day), `iso` = full ISO. @default 'time' */
  timeFormat: 'time' | 'iso';
  /**
   * The zone times are shown in for sessions whose source did not record their UTC offset: an IANA name
   * (`Europe/Berlin`), a fixed offset (`+02:00`) or `UTC`. A session with a recorded offset (Codex) shows
   * its own local time. @default undefined (UTC)
   */
  timezone?: string;
};

export const DEFAULT_OPTIONS: Readonly<MarkdownOptions> = Object.freeze({
  showContext: false,
  maxToolOutputLines: 80,
  maxToolOutputChars: 8000,
  timeFormat: 'time',
});

type Check = (value: unknown) => string | undefined;

const isBoolean: Check = (value) => (typeof value === 'boolean' ? undefined : 'must be true or false');
const isLimit: Check = (value) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0
    ? undefined
    : 'must be a whole number ≥ 0 (0 = no limit)';
const isTimeFormat: Check = (value) =>
  value === 'time' || value === 'iso' ? undefined : 'must be "time" or "iso"';
const isTimeZone: Check = (value) =>
  typeof value === 'string' && isValidTimeZone(value)
    ? undefined
    : 'must be a time zone: an IANA name such as "Europe/Berlin", an offset such as "+02:00", or "UTC"';

/** True for what the `timezone` option accepts: `UTC`, an offset such as `+02:00`, an IANA zone name. */
export function isValidTimeZone(value: string): boolean {
  return parseZone(value) !== undefined;
}

const CHECKS: Record<keyof MarkdownOptions, Check> = {
  showContext: isBoolean,
  maxToolOutputLines: isLimit,
  maxToolOutputChars: isLimit,
  timeFormat: isTimeFormat,
  timezone: isTimeZone,
};

/**
 * Merges user options over the defaults, rejecting unknown names and wrong types with an error that says what
 * is accepted. `undefined` values count as absent.
 */
export function resolveOptions(input: Readonly<Record<string, unknown>> | undefined): MarkdownOptions {
  const options: MarkdownOptions = { ...DEFAULT_OPTIONS };
  for (const [key, value] of Object.entries(input ?? {})) {
    if (value === undefined) continue;
    if (!Object.hasOwn(CHECKS, key)) {
      throw new ConvxError(
        'INVALID_OPTION',
        `markdown renderer: unknown option "${key}"; known options are ${Object.keys(CHECKS).join(', ')}.`,
        'markdown',
      );
    }
    const name = key as keyof MarkdownOptions;
    const problem = CHECKS[name](value);
    if (problem) {
      throw new ConvxError(
        'INVALID_OPTION',
        `markdown renderer: option "${key}" ${problem} (got ${JSON.stringify(value)}).`,
        'markdown',
      );
    }
    Object.assign(options, { [name]: value });
  }
  return Object.freeze(options);
}

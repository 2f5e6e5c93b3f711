const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;
const MAX_SEGMENT = 100;

/**
 * Makes one path segment safe on every OS: no separators, no control characters, no `.`/`..`, no
 * characters Windows forbids, no trailing dots or spaces, bounded length. Never returns an empty string.
 */
export function sanitizeSegment(segment: string, fallback = '_'): string {
  let s = segment
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '_')
    .replace(/[. ]+$/g, '')
    .trim();
  if (s === '' || s === '.' || s === '..') s = fallback;
  if (/^\.+$/.test(s)) s = fallback;
  if (WINDOWS_RESERVED.test(s)) s = `_${s}`;
  if (s.length > MAX_SEGMENT) s = s.slice(0, MAX_SEGMENT);
  return s;
}

/** Splits a relative path on `/` and `\`, drops empty, `.` and `..` parts, and sanitizes the rest. */
export function sanitizeRelativePath(path: string): string[] {
  return path
    .split(/[\\/]+/)
    .filter((part) => part !== '' && part !== '.' && part !== '..')
    .map((part) => sanitizeSegment(part));
}

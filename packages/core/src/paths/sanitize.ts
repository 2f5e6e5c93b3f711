const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;
const MAX_SEGMENT = 100;
// Filesystems limit a name to 255 bytes; leave room for a suffix and an extension.
const MAX_SEGMENT_BYTES = 200;

/**
 * Makes one path segment safe on every OS: no separators, no control characters, no `.`/`..`, no
 * characters Windows forbids, no trailing dots or spaces, bounded length. Never returns an empty string.
 */
export function sanitizeSegment(segment: string, fallback = '_'): string {
  let s = segment
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '_');
  // Cut before the trailing dots and spaces go, so a cut can never leave one (and sanitizing twice changes
  // nothing).
  if (s.length > MAX_SEGMENT || Buffer.byteLength(s) > MAX_SEGMENT_BYTES) s = truncate(s);
  // Any trailing whitespace goes with the dots (Windows drops trailing dots and spaces: `a.` + U+3000 trimmed
  // after the dots would leave `a.`).
  s = s.replace(/[.\s]+$/u, '').trimStart();
  if (s === '' || /^\.+$/.test(s)) s = fallback;
  if (WINDOWS_RESERVED.test(s)) s = `_${s}`;
  // git never tracks a folder named .git: a session filed under one would silently not be backed up.
  if (s.toLowerCase() === '.git') s = `_${s}`;
  return s;
}

/** Splits a relative path on `/` and `\`, drops empty, `.` and `..` parts, and sanitizes the rest. */
export function sanitizeRelativePath(path: string): string[] {
  return path
    .split(/[\\/]+/)
    .filter((part) => part !== '' && part !== '.' && part !== '..')
    .map((part) => sanitizeSegment(part));
}

/** Cuts whole code points (never half a surrogate pair) to the character and byte limits. */
function truncate(segment: string): string {
  let out = '';
  let bytes = 0;
  for (const char of segment) {
    const size = Buffer.byteLength(char);
    if (out.length + char.length > MAX_SEGMENT || bytes + size > MAX_SEGMENT_BYTES) break;
    out += char;
    bytes += size;
  }
  return out.replace(/[. ]+$/g, '') || '_';
}

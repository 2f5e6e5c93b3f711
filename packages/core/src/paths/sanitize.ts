const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;
// Invisible format characters, removed: bidirectional marks, embeddings, overrides and isolates (which make
// `gpj.exe` read `exe.jpg`), zero-width spaces and joiners, word joiners and invisible operators, the
// byte-order mark, soft hyphens, interlinear annotation marks and tag characters. A name shows what it is.
const INVISIBLE =
  /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\u{e0000}-\u{e007f}]/gu;
// Characters no file name should hold: C0 and C1 controls, line and paragraph separators, separators and what
// Windows forbids.
// biome-ignore lint/suspicious/noControlCharactersInRegex: replacing control characters is the point.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029<>:"/\\|?*]/g;
const MAX_SEGMENT = 100;
// Filesystems limit a name to 255 bytes; leave room for a suffix and an extension.
const MAX_SEGMENT_BYTES = 200;

/**
 * Makes one path segment safe on every OS: no separators, no control or invisible format characters, no
 * `.`/`..`, no characters Windows forbids, no trailing dots or spaces, bounded length. Never returns an
 * empty string.
 */
export function sanitizeSegment(segment: string, fallback = '_'): string {
  // Removed before composing: a joiner between a letter and its accent would keep them apart.
  let s = segment.replace(INVISIBLE, '').normalize('NFC').replace(UNSAFE, '_');
  s = cutAndTrim(s);
  if (s === '' || /^\.+$/.test(s)) s = fallback;
  // Windows reserves device names (CON, NUL…), and git never tracks a folder named .git (a session filed
  // under one would silently not be backed up). The `_` prefix can push a name at the limit past it: cut
  // again (a name starting with `_` is neither).
  if (WINDOWS_RESERVED.test(s) || s.toLowerCase() === '.git') s = cutAndTrim(`_${s}`);
  return s;
}

/** Splits a relative path on `/` and `\`, drops empty, `.` and `..` parts, and sanitizes the rest. */
export function sanitizeRelativePath(path: string): string[] {
  return path
    .split(/[\\/]+/)
    .filter((part) => part !== '' && part !== '.' && part !== '..')
    .map((part) => sanitizeSegment(part));
}

/**
 * Cuts to the length limits, then drops trailing dots and whitespace (in that order, so a cut never leaves
 * one and sanitizing twice changes nothing). Any trailing whitespace goes with the dots: Windows drops
 * trailing dots and spaces, and `a.` + U+3000 trimmed after the dots would leave `a.`.
 */
function cutAndTrim(segment: string): string {
  const s =
    segment.length > MAX_SEGMENT || Buffer.byteLength(segment) > MAX_SEGMENT_BYTES
      ? truncate(segment, MAX_SEGMENT, MAX_SEGMENT_BYTES)
      : segment;
  return s.replace(/[.\s]+$/u, '').trimStart();
}

/** Cuts whole code points (never half a surrogate pair) to a length in UTF-16 units and in UTF-8 bytes. */
export function truncate(segment: string, maxChars: number, maxBytes: number): string {
  let out = '';
  let bytes = 0;
  for (const char of segment) {
    const size = Buffer.byteLength(char);
    if (out.length + char.length > maxChars || bytes + size > maxBytes) break;
    out += char;
    bytes += size;
  }
  return out;
}

/** `2026-03-01 10:00` in local time (the process's TZ), or blanks when unknown. */
export function shortDateTime(iso: string | null): string {
  const date = iso ? new Date(iso) : undefined;
  if (!date || Number.isNaN(date.getTime())) return '—'.padEnd(16);
  return `${day(date)} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** `10:00:05` in local time, with the date in front when it differs from `sameDayAs`. */
export function clockTime(iso: string | null | undefined, sameDayAs?: string | null): string {
  const date = iso ? new Date(iso) : undefined;
  if (!date || Number.isNaN(date.getTime())) return '';
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  const other = sameDayAs ? new Date(sameDayAs) : undefined;
  return other && !Number.isNaN(other.getTime()) && day(other) === day(date) ? time : `${day(date)} ${time}`;
}

/** `42m`, `3h 05m`, `2d 4h` between two times; empty when either is unknown. */
export function duration(from: string | null, to: string | null): string {
  if (!from || !to) return '';
  const ms = new Date(to).getTime() - new Date(from).getTime();
  if (!Number.isFinite(ms) || ms < 0) return '';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ${pad(minutes % 60)}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** A project path shortened for a narrow column: the home folder as `~`, then its last folders. */
export function shortProject(cwd: string | null, home?: string): string {
  if (!cwd) return '';
  let path = cwd;
  if (home && home !== '/' && (path === home || path.startsWith(`${home}/`)))
    path = `~${path.slice(home.length)}`;
  return path;
}

/** The tail of a path that fits `columns` cells (`…/code/app`). */
export function pathTail(path: string, columns: number): string {
  if (path.length <= columns) return path;
  const parts = path.split(/[\\/]/);
  let tail = parts.pop() ?? '';
  while (parts.length > 0 && tail.length + (parts.at(-1)?.length ?? 0) + 3 <= columns)
    tail = `${parts.pop()}/${tail}`;
  return tail.length + 2 <= columns ? `…/${tail}` : tail;
}

export function count(n: number): string {
  return n.toLocaleString('en');
}

function day(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

import type { Failure, Skip, SyncReport, Warning } from '@convx/core';
import type { Colors } from './colors.js';
import { plural } from './table.js';

/** Which failures cannot concern the output (sync: sessions of other projects); they are only warnings. */
export type OtherProject = (failure: Failure) => boolean;

const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** `9 not in this repository, 2 empty`: skips counted by reason, most first. */
function byReason(skips: readonly Skip[]): Map<string, Skip[]> {
  const groups = new Map<string, Skip[]>();
  for (const skip of skips) {
    const group = groups.get(skip.reason);
    if (group) group.push(skip);
    else groups.set(skip.reason, [skip]);
  }
  return new Map([...groups].sort(([a, x], [b, y]) => y.length - x.length || a.localeCompare(b)));
}

/** Why sessions were not exported: counts by reason, or (verbose) every session under its reason. */
export function skippedLines(report: SyncReport, verbose: boolean): string[] {
  if (report.skipped.length === 0) return [];
  const groups = byReason(report.skipped);
  const head = `Skipped ${plural(report.skipped.length, 'session')}`;
  if (!verbose) {
    const counts = [...groups].map(([reason, skips]) => `${skips.length} ${reason}`).join(', ');
    return [`${head}: ${counts}; --verbose lists them.`];
  }
  const lines = ['', `${head}:`];
  for (const [reason, skips] of groups) {
    lines.push(`  ${reason} (${skips.length}):`);
    for (const s of skips) lines.push(`    ${s.source}  ${s.path}${s.detail ? `: ${s.detail}` : ''}`);
  }
  return lines;
}

const sessionsIn = (warnings: readonly Warning[]) => new Set(warnings.map((w) => w.key)).size;

/**
 * This run's warnings, and those earlier runs reported that are still open (their sessions were not
 * exported again since): counted, or listed with --verbose.
 */
export function warningLines(report: SyncReport, verbose: boolean, colors: Colors): string[] {
  const now = new Set(report.warnings.map((w) => w.key));
  const earlier = report.open.warnings.filter((w) => !now.has(w.key));
  const lines: string[] = [];
  if (verbose) {
    if (report.warnings.length > 0) {
      lines.push('', colors.yellow(`${plural(report.warnings.length, 'warning')}:`));
      for (const w of report.warnings) lines.push(`  ${w.source}  ${w.path}: ${w.message}`);
    }
    if (earlier.length > 0) {
      lines.push('', colors.yellow(`${plural(earlier.length, 'warning')} still open from earlier runs:`));
      for (const w of earlier) lines.push(`  ${w.source}  ${w.path}: ${w.message} (since ${when(w.since)})`);
    }
    return lines;
  }
  if (report.warnings.length > 0) {
    lines.push(
      colors.yellow(
        `${plural(sessionsIn(report.warnings), 'session')} exported with warnings (e.g. malformed lines skipped); --verbose lists them.`,
      ),
    );
  }
  if (earlier.length > 0) {
    const n = sessionsIn(earlier);
    lines.push(
      colors.yellow(
        `${plural(n, 'session')} still ${n === 1 ? 'has' : 'have'} warnings from earlier runs; --verbose lists them.`,
      ),
    );
  }
  return lines;
}

const failureLine = (f: Failure, mark: string) => `  ${mark} ${f.source}  ${f.path}\n      ${f.message}`;

/**
 * One line per failure with its path, so a person can go and look. Failures `otherProject` recognizes are
 * listed apart, as warnings: they cannot concern the output.
 */
export function failureLines(report: SyncReport, colors: Colors, otherProject?: OtherProject): string[] {
  const others = otherProject ? report.failures.filter(otherProject) : [];
  const own = report.failures.filter((f) => !others.includes(f));
  const lines: string[] = [];
  if (own.length > 0) {
    lines.push(
      colors.red(`${plural(own.length, 'failure')}:`),
      ...own.map((f) => failureLine(f, colors.red('✗'))),
    );
  }
  if (others.length > 0) {
    if (lines.length > 0) lines.push('');
    lines.push(
      colors.yellow(
        `${plural(others.length, 'problem')} in other projects' sessions (not this repository's; sync still succeeds):`,
      ),
      ...others.map((f) => failureLine(f, colors.yellow('!'))),
    );
  }
  return lines;
}

/** Failures of sources this run did not read, still open from an earlier run. */
export function earlierFailureLines(report: SyncReport, verbose: boolean, colors: Colors): string[] {
  const earlier = report.open.failures.filter((f) => !(f.source in report.sources));
  if (earlier.length === 0) return [];
  const head = `${plural(earlier.length, 'failure')} of sources this run did not read still open from earlier runs`;
  if (!verbose) return [colors.yellow(`${head}; --verbose lists them.`)];
  return [
    '',
    colors.yellow(`${head}:`),
    ...earlier.map((f) => `${failureLine(f, colors.red('✗'))} (since ${when(f.since)})`),
  ];
}

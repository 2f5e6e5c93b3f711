import type { SourceCounts, SyncReport } from '@convx/core';
import type { Colors } from './colors.js';
import {
  earlierFailureLines,
  failureLines,
  type OtherProject,
  skippedLines,
  warningLines,
} from './problems.js';
import { formatCount, formatDuration, formatTable, plural } from './table.js';

const COLUMNS: ReadonlyArray<keyof SourceCounts> = [
  'discovered',
  'new',
  'updated',
  'unchanged',
  'skipped',
  'failed',
];

export interface SummaryContext {
  outputRoot: string;
  historySubpath: string;
  verbose: boolean;
  colors: Colors;
  /** Failures that cannot concern the output (sync: other projects' sessions), listed apart as warnings. */
  otherProject?: OtherProject;
}

/** The per-source counts as a table, with a total row when there is more than one source. */
export function countsTable(report: SyncReport, colors: Colors): string[] {
  const row = (name: string, counts: SourceCounts) => [
    name,
    ...COLUMNS.map((column) => {
      const text = formatCount(counts[column]);
      if (column === 'failed' && counts.failed > 0) return colors.red(text);
      if ((column === 'new' || column === 'updated') && counts[column] > 0) return colors.green(text);
      return text;
    }),
  ];
  const rows = Object.entries(report.sources).map(([name, counts]) => row(name, counts));
  if (rows.length > 1) rows.push(row('total', report.totals));
  return formatTable(['source', ...COLUMNS], rows, ['left', ...COLUMNS.map(() => 'right' as const)]);
}

/**
 * The human report printed after a run: counts per source, what was written, why sessions were skipped, the
 * warnings (this run's and those still open), every failure.
 */
export function formatSummary(report: SyncReport, context: SummaryContext): string {
  const { colors, verbose } = context;
  const lines: string[] = [];
  lines.push(...countsTable(report, colors), '');

  const changed = report.totals.new + report.totals.updated;
  const where = `${context.outputRoot}/${context.historySubpath}`;
  const took = formatDuration(report.durationMs);
  if (report.dryRun) {
    lines.push(
      `${colors.bold('Dry run:')} would write ${plural(report.wouldWrite.length, 'file')} under ${where}; nothing was written.`,
    );
    if (verbose) for (const path of report.wouldWrite) lines.push(colors.dim(`  would write ${path}`));
  } else if (sessionsFound(report) === 0) {
    lines.push(`No sessions found (${took}).`);
  } else if (changed === 0 && report.removed.length === 0) {
    lines.push(
      `Nothing changed: ${plural(report.totals.unchanged, 'session')} already up to date (${took}).`,
    );
  } else {
    lines.push(
      `Wrote ${plural(report.written.length, 'file')} for ${plural(changed, 'session')} under ${where} (${took}).`,
    );
    if (report.removed.length > 0)
      lines.push(`Removed ${plural(report.removed.length, 'old file')} of moved or excluded sessions.`);
    if (verbose) for (const path of report.written) lines.push(colors.dim(`  wrote ${path}`));
  }

  const missing = missingSources(report);
  if (missing.length > 0) {
    if (verbose) {
      for (const { source, path } of report.missingLocations)
        lines.push(colors.dim(`Not found: ${source} ${path}`));
    } else {
      lines.push(
        colors.dim(`No data found for ${missing.join(', ')} (--verbose lists the places looked at).`),
      );
    }
  }

  lines.push(...skippedLines(report, verbose));
  lines.push(...warningLines(report, verbose, colors));
  lines.push(...earlierFailureLines(report, verbose, colors));
  const failures = failureLines(report, colors, context.otherProject);
  if (failures.length > 0) lines.push('', ...failures);
  return `${lines.join('\n')}\n`;
}

/** Sessions discovery found: what it discovered, less the entries it could not read (failures of no session). */
const sessionsFound = (report: SyncReport) =>
  report.totals.discovered - report.failures.filter((f) => f.key === undefined).length;

/** Sources that found nothing because none of their locations exist. */
function missingSources(report: SyncReport): string[] {
  return Object.entries(report.sources)
    .filter(
      ([name, counts]) => counts.discovered === 0 && report.missingLocations.some((m) => m.source === name),
    )
    .map(([name]) => name);
}

import type { OpenProblems } from '@convx/core';
import type { OutputStats, StatsGroup } from '../stats/aggregate.js';
import type { Colors } from './colors.js';
import { formatCount, formatDuration, formatTable, plural } from './table.js';

/** Rows shown per group in the human view; --json has them all. */
const MAX_ROWS = 15;

const day = (iso: string | undefined) => (iso ? iso.slice(0, 10) : '-');

function groupTable(title: string, label: string, groups: StatsGroup[], colors: Colors): string[] {
  const shown = groups.slice(0, MAX_ROWS);
  const lines = [
    colors.bold(title),
    ...formatTable(
      [label, 'sessions', 'messages', 'first', 'last'],
      shown.map((g) => [g.name, formatCount(g.sessions), formatCount(g.messages), day(g.first), day(g.last)]),
      ['left', 'right', 'right', 'left', 'left'],
    ),
  ];
  if (groups.length > shown.length) {
    lines.push(colors.dim(`  … and ${groups.length - shown.length} more (--json lists all)`));
  }
  return [...lines, ''];
}

/** `convx stats` for people. */
export function formatStats(stats: OutputStats, colors: Colors): string {
  if (stats.sessions === 0) {
    const open = stats.open.failures.length + stats.open.warnings.length > 0;
    return `${[
      `No sessions exported to ${stats.outputPath} yet; run convx backup --output-path ${stats.outputPath}.`,
      ...(open ? openProblemLines(stats.open, colors) : []),
    ].join('\n')}\n`;
  }
  const lines = [
    `${colors.bold(plural(stats.sessions, 'session'))}, ${plural(stats.messages, 'message')}, ${day(stats.first)} → ${day(stats.last)} in ${stats.outputPath}`,
    '',
    ...groupTable('By source', 'source', stats.bySource, colors),
    ...groupTable('By user', 'user', stats.byUser, colors),
    ...groupTable('By machine', 'machine', stats.bySystem, colors),
    ...groupTable('By project', 'project', stats.byProject, colors),
  ];
  const run = stats.lastRun;
  if (run) {
    const t = run.totals;
    lines.push(
      `Last run: ${run.startedAt.replace('T', ' ').slice(0, 16)} UTC, ${formatDuration(run.durationMs)} — ${t.new} new, ${t.updated} updated, ${t.unchanged} unchanged, ${t.skipped} skipped, ${t.failed} failed`,
    );
  } else {
    lines.push(colors.dim('Last run: unknown (no run recorded in this output)'));
  }
  lines.push(...openProblemLines(stats.open, colors));
  return `${lines.join('\n')}\n`;
}

const since = (iso: string) => `since ${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** The failures and warnings still open, a few of each (--json has them all). */
function openProblemLines(open: OpenProblems, colors: Colors): string[] {
  const { failures, warnings } = open;
  if (failures.length === 0 && warnings.length === 0) return ['No open failures or warnings.'];
  const sessions = new Set(warnings.map((w) => w.key)).size;
  const lines = [
    '',
    colors.bold(
      `Open: ${plural(failures.length, 'failure')}, ${plural(warnings.length, 'warning')} in ${plural(sessions, 'session')}`,
    ),
  ];
  const list = <T>(items: T[], line: (item: T) => string) => {
    for (const item of items.slice(0, MAX_ROWS)) lines.push(line(item));
    if (items.length > MAX_ROWS)
      lines.push(colors.dim(`  … and ${items.length - MAX_ROWS} more (--json lists all)`));
  };
  list(failures, (f) => `  ${colors.red('✗')} ${f.source}  ${f.path}: ${f.message} (${since(f.since)})`);
  list(warnings, (w) => `  ${colors.yellow('!')} ${w.source}  ${w.path}: ${w.message} (${since(w.since)})`);
  return lines;
}

import type { SyncReport } from '@convx/core';
import { describe, expect, it } from 'vitest';
import { colorsFor } from '../src/output/colors.js';
import { formatSummary } from '../src/output/summary.js';

const none = { discovered: 0, new: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
const colors = colorsFor({ write: () => true, isTTY: false }, {}, true);

function report(overrides: Partial<SyncReport>): SyncReport {
  return {
    sources: {},
    totals: none,
    failures: [],
    skipped: [],
    withdrawn: [],
    warnings: [],
    open: { warnings: [], failures: [] },
    written: [],
    removed: [],
    wouldWrite: [],
    missingLocations: [],
    dryRun: false,
    startedAt: '2026-07-01T10:00:00.000Z',
    durationMs: 12,
    ...overrides,
  };
}

describe('formatSummary', () => {
  it('says no sessions were found when discovery only met an unreadable store, and lists it', () => {
    const counts = { ...none, discovered: 1, failed: 1 };
    const text = formatSummary(
      report({
        sources: { cursor: counts },
        totals: counts,
        failures: [{ source: 'cursor', path: '/h/state.vscdb', message: 'it is corrupt' }],
      }),
      { outputRoot: '/out', historySubpath: 'history', verbose: false, colors },
    );
    expect(text).toContain('No sessions found (12 ms).');
    expect(text).toContain('1 failure:\n  ✗ cursor  /h/state.vscdb\n      it is corrupt');
  });
});

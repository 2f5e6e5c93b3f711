import { describe, expect, it } from 'vitest';
import { openOutputState } from '../src/engine/commit/output-state.js';
import { DurabilityBarrier } from '../src/store/durability.js';
import { RealFolders } from '../src/store/real-folders.js';
import { SessionIndex } from '../src/store/session-index.js';
import type { IndexEntry } from '../src/store/types.js';

const entry = (key: string, outputs: string[]): IndexEntry => ({
  key,
  source: 'codex',
  sessionId: key.slice('codex:'.length),
  fingerprint: '1:1',
  renderKey: 'r',
  outputs,
  sourcePath: `/src/${key}`,
  messageCount: 1,
  models: [],
  exportedAt: '2026-01-01T00:00:00.000Z',
});

describe('the output state', () => {
  it('knows who held each path when the run opened, though it works that out only when first asked', () => {
    const index = SessionIndex.of({
      'codex:a': entry('codex:a', ['history/a.md', 'history/.a.json']),
      'codex:b': entry('codex:b', ['history/b.md']),
      'codex:c': entry('codex:c', []),
    });
    const state = openOutputState({
      outputRoot: '/out',
      historyDir: '/out/history',
      historySubpath: 'history',
      dryRun: true,
      index,
      folders: new RealFolders('/out'),
      barrier: new DurabilityBarrier('/out'),
    });
    // A commit replaces an entry before anything asks who owns what: the paths held are those opened with.
    index.set('codex:b', entry('codex:b', ['history/b2.md']));
    expect([...state.owners]).toEqual([
      ['history/a.md', 'codex:a'],
      ['history/.a.json', 'codex:a'],
      ['history/b.md', 'codex:b'],
    ]);
    state.owners.set('history/c.md', 'codex:c');
    expect(state.owners.get('history/c.md')).toBe('codex:c');
  });
});

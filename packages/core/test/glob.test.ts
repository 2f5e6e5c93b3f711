import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { globTest } from '../src/io/glob.js';

// The walk's patterns (adapters' and the index rebuild's), and paths that do and do not match them.
const PATTERNS = [
  ['**/rollout-*.jsonl', '**/rollout-*.json'],
  ['*.jsonl', '*/*.jsonl', '*/subagents/*.jsonl', '*/*/subagents/*.meta.json', '*/tool-results/*.txt'],
  ['*/!(chatSessions)/*'],
  ['_*'],
  ['**/.*.json'],
  ['.convx/**', '.git/**', '**/node_modules/**'],
  ['sessions.json'],
  ['*/api_conversation_history.json', '*/ui_messages.json'],
  ['!(*.txt)'],
];
const PATHS = [
  'rollout-2026-01-01T00-00-00-abc.jsonl',
  '2026/01/01/rollout-2026-01-01T00-00-00-abc.jsonl',
  'archived/rollout-x.json',
  'rollout-x.jsonl.bak',
  'notes.txt',
  'a.jsonl',
  '.hidden.jsonl',
  'p/s.jsonl',
  'p/s/subagents/agent-1.jsonl',
  'p/s/subagents/agent-1.meta.json',
  'p/q/subagents/agent-1.meta.json',
  'p/tool-results/out.txt',
  'w1/chatSessions/x.json',
  'w1/chatSessions',
  'w1/other/x',
  'w1/other/_',
  '_index.json',
  'task/_x',
  'history/.s.json',
  'history/s.json',
  '.convx/state/index.jsonl',
  '.git/HEAD',
  'a/node_modules/b/c.json',
  'sessions.json',
  'x/sessions.json',
  '1/api_conversation_history.json',
  '1/2/ui_messages.json',
];

describe('globTest', () => {
  it('matches what picomatch matches, one pattern list at a time', () => {
    for (const patterns of PATTERNS) {
      const reference = picomatch(patterns, { dot: true });
      const test = globTest(patterns);
      const differing = PATHS.filter((path) => test(path) !== reference(path));
      expect({ patterns, differing }).toEqual({ patterns, differing: [] });
    }
    // The lists above tell paths apart (a test matching everything or nothing would pass less).
    expect(PATHS.filter(globTest(PATTERNS[0] ?? [])).length).toBe(3);
  });

  it('matches nothing without patterns, and never the empty path', () => {
    expect(PATHS.some(globTest([]))).toBe(false);
    expect(globTest(['**'])('')).toBe(false);
    expect(globTest(['**'])('a/b')).toBe(true);
  });
});

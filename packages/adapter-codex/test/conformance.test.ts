import { runAdapterConformance } from '@convx/core/testing';
import { describe, expect, it } from 'vitest';
import codexDefault, { codexAdapter } from '../src/index.js';
import { home, ids } from './support.js';

runAdapterConformance(
  { describe, it },
  {
    adapter: codexAdapter,
    home,
    minSessions: 11,
    additionalTests: ({ loadAll }) => {
      it('loads every fixture generation, once per id', async () => {
        const sessions = await loadAll();
        // Every fixture id once; the subagent rollout inside its parent, not beside it.
        const topLevel = Object.values(ids).filter((id) => id !== ids.subagent);
        expect(sessions.map((s) => s.sessionId).sort()).toEqual(topLevel.sort());
        const nested = sessions.flatMap((s) =>
          (s.children ?? []).map((c) => `${s.sessionId}>${c.sessionId}`),
        );
        expect(nested).toEqual([`${ids.modern098}>${ids.subagent}`]);
      });
      it('never names a transcript after injected context', async () => {
        for (const session of await loadAll()) {
          for (const m of session.messages) {
            if (m.kind !== 'text' || m.role !== 'user') continue;
            expect(m.text).not.toMatch(
              /^(# AGENTS\.md|<environment_context>|<user_instructions>|<turn_aborted>)/,
            );
          }
        }
      });
    },
  },
);

describe('exports', () => {
  it('exports the adapter as default and named', () => {
    expect(codexDefault).toBe(codexAdapter);
    expect(codexAdapter.name).toBe('codex');
    expect(codexAdapter.displayName).toBe('Codex CLI');
  });
});

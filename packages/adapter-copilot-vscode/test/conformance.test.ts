import { runAdapterConformance } from '@convx/core/testing';
import { describe, expect, it } from 'vitest';
import { copilotVscodeAdapter } from '../src/index.js';
import { CODE_USER, FIXTURES_HOME, INSIDERS_USER } from './helpers.js';

// Eight chats in the fixtures: six with messages (every generation, VS Code and Insiders) and two empty ones.
runAdapterConformance(
  { describe, it },
  {
    adapter: copilotVscodeAdapter,
    home: FIXTURES_HOME,
    // The committed fixtures are laid out the Linux way; name the folders so the kit runs on any OS.
    locations: [CODE_USER, INSIDERS_USER],
    minSessions: 8,
    additionalTests: ({ loadAll }) => {
      it('reads every storage generation from the committed fixtures', async () => {
        const generations = (await loadAll()).map((s) => `${s.meta?.generation}/${s.meta?.storage}`).sort();
        expect(generations).toEqual([
          'json/empty-window',
          'json/workspace',
          'json/workspace',
          'jsonl/workspace',
          'jsonl/workspace',
          'jsonl/workspace',
          'state.vscdb/workspace',
          'state.vscdb/workspace',
        ]);
      });
    },
  },
);

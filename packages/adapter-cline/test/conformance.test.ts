import { fileURLToPath } from 'node:url';
import { runAdapterConformance } from '@convx/core/testing';
import { describe, expect, it } from 'vitest';
import { clineAdapter, kiloAdapter, rooAdapter } from '../src/index.js';

// The committed fixtures are laid out the Linux way; the env pins the platform's defaults to them.
const home = fileURLToPath(new URL('../../../fixtures/home', import.meta.url));
const linux = { XDG_CONFIG_HOME: `${home}/.config` };

runAdapterConformance(
  { describe, it },
  {
    adapter: clineAdapter,
    home,
    locations: [`${home}/.config/Code/User/globalStorage/saoudrizwan.claude-dev`, `${home}/.cline/data`],
    env: linux,
    minSessions: 5,
    additionalTests: ({ loadAll }) => {
      it('reads every Cline generation: Claude Dev, tasks, UI-only, the SDK store', async () => {
        const stores = (await loadAll()).map((s) => `${s.sessionId}:${s.meta?.store}`).sort();
        expect(stores).toEqual([
          '1726135200000:claude-dev',
          '1750412400000:tasks',
          '1768900000000:tasks',
          '1769053680585:tasks',
          'sess_01JX2Q4ZQ7W5R8:sessions',
        ]);
      });
    },
  },
);

runAdapterConformance(
  { describe, it },
  {
    adapter: rooAdapter,
    home,
    locations: [`${home}/.vscode-server/data/User/globalStorage/rooveterinaryinc.roo-cline`],
    minSessions: 2,
  },
);

runAdapterConformance(
  { describe, it },
  {
    adapter: kiloAdapter,
    home,
    locations: [`${home}/.config/VSCodium/User/globalStorage/kilocode.kilo-code`],
    minSessions: 1,
  },
);

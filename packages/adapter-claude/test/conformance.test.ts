import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAdapterConformance } from '@convx/core/testing';
import { describe, expect, it } from 'vitest';
import { claudeAdapter } from '../src/index.js';
import { API, home, ID, WEB } from './helpers.js';

runAdapterConformance(
  { describe, it },
  {
    adapter: claudeAdapter,
    home,
    minSessions: 7,
    additionalTests: ({ loadAll }) => {
      it('exports every fixture conversation, the orphaned subagent folder included', async () => {
        const ids = (await loadAll()).map((s) => s.sessionId).sort();
        expect(ids).toEqual(
          Object.values(ID)
            .filter((id) => id !== ID.continuation)
            .sort(),
        );
      });
    },
  },
);

// Sessions under CLAUDE_CONFIG_DIR (a comma-separated list) are found with an otherwise empty home.
const temp = mkdtempSync(join(tmpdir(), 'convx-claude-config-'));
const emptyHome = join(temp, 'home');
mkdirSync(emptyHome);
cpSync(WEB, join(temp, 'work-config', 'projects', '-home-alice-code-webapp'), { recursive: true });
cpSync(API, join(temp, 'personal-config', 'projects', '-home-alice-code-api'), { recursive: true });
const configEnv = {
  CLAUDE_CONFIG_DIR: `${join(temp, 'work-config')}, ${join(temp, 'personal-config')},${join(temp, 'work-config')}`,
};

runAdapterConformance(
  { describe, it },
  {
    adapter: claudeAdapter,
    home: emptyHome,
    env: configEnv,
    minSessions: 7,
    additionalTests: ({ loadAll }) => {
      it('reads both CLAUDE_CONFIG_DIR entries once each', async () => {
        const locations = claudeAdapter.defaultLocations({
          home: emptyHome,
          env: configEnv,
          platform: 'linux',
        });
        expect(locations).toEqual([
          join(emptyHome, '.claude', 'projects'),
          join(emptyHome, '.config', 'claude', 'projects'),
          join(temp, 'work-config', 'projects'),
          join(temp, 'personal-config', 'projects'),
        ]);
        const sessions = await loadAll();
        expect(sessions.map((s) => s.sessionId).sort()).toEqual(
          Object.values(ID)
            .filter((id) => id !== ID.continuation)
            .sort(),
        );
      });
    },
  },
);

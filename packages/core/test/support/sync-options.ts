import { backupLayout, type SyncOptions } from '../../src/index.js';
import { fakeAdapter } from './fake-adapter.js';
import { plainRenderer } from './plain-renderer.js';

/** Options for a backup of alice's laptop into `out`, reading the fake adapter's sessions under `home`. */
export function aliceBackup(out: string, home: string, overrides: Partial<SyncOptions> = {}): SyncOptions {
  return {
    adapters: [fakeAdapter],
    renderer: plainRenderer,
    outputRoot: out,
    historySubpath: 'history',
    layout: backupLayout({ user: 'alice', systemName: 'laptop', home: '/home/alice' }),
    locationEnv: { home, env: {}, platform: 'linux' },
    labels: { user: 'alice', systemName: 'laptop' },
    ...overrides,
  };
}

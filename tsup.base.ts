import { defineConfig, type Options } from 'tsup';

/** The one build config every package shares: ESM + .d.ts for Node ≥ 22. */
export function packageConfig(entry: Options['entry'], overrides: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm'],
    target: 'node22',
    platform: 'node',
    dts: true,
    sourcemap: true,
    clean: true,
    splitting: true,
    treeshake: true,
    // tsup strips `node:` by default, which turns `node:sqlite` (no bare alias) into a missing module.
    removeNodeProtocol: false,
    ...overrides,
  });
}

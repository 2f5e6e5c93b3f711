import { defineProject } from 'vitest/config';

// The fault-injection suite (`pnpm test:faults`): kills at random moments, concurrent runs over a stale
// lock, hostile inputs. Slower than the unit tests, so it is its own project, run by `.ci/run` after them.
export default defineProject({
  test: {
    name: 'faults',
    include: ['faults/**/*.test.ts'],
    env: { TZ: 'UTC' },
    setupFiles: ['../../scripts/test-tmpdir.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});

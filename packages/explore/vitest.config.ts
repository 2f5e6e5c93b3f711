import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'explore',
    include: ['test/**/*.test.ts'],
    env: { TZ: 'UTC' },
    setupFiles: ['../../scripts/test-tmpdir.ts'],
    // The browser tests start Chromium; give them room on a shared 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

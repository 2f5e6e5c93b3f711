import { defineProject } from 'vitest/config';

// The developer scripts (`./dev`, scripts/toolchain.sh, scripts/vitest.mjs).
export default defineProject({
  test: {
    name: 'scripts',
    include: ['test/**/*.test.ts'],
    setupFiles: ['./test-tmpdir.ts'],
    testTimeout: 60_000,
  },
});

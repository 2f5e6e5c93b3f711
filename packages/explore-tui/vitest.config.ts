import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'explore-tui',
    include: ['test/**/*.test.{ts,tsx}'],
    // Colours as in a terminal (Ink's chalk would see vitest's piped stdout and draw none).
    env: { TZ: 'UTC', FORCE_COLOR: '1' },
    setupFiles: ['../../scripts/test-tmpdir.ts'],
    // The terminal test starts the built CLI in tmux; give it room on a shared 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});

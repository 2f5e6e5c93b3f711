import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'adapter-copilot-cli',
    include: ['test/**/*.test.ts'],
    env: { TZ: 'UTC' },
    setupFiles: ['../../scripts/test-tmpdir.ts'],
  },
});

import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'adapter-claude',
    include: ['test/**/*.test.ts'],
    env: { TZ: 'UTC' },
    setupFiles: ['../../scripts/test-tmpdir.ts'],
  },
});

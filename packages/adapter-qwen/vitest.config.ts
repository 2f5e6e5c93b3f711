import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'adapter-qwen',
    include: ['test/**/*.test.ts'],
    env: { TZ: 'UTC' },
    setupFiles: ['../../scripts/test-tmpdir.ts'],
  },
});

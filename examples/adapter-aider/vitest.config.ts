import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'adapter-aider', include: ['test/**/*.test.ts'], env: { TZ: 'UTC' } },
});

import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'render-html', include: ['test/**/*.test.ts'], env: { TZ: 'UTC' } },
});

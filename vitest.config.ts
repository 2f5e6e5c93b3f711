import { defineConfig } from 'vitest/config';

// One root config; every package and app is a project with its own vitest.config.ts.
// CONVX_TEST_RESULTS=<file> also writes a JSON report there (CI prints its totals as a plain closing line).
const resultsFile = process.env.CONVX_TEST_RESULTS;

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'examples/*', 'scripts'],
    ...(resultsFile ? { reporters: ['default', ['json', { outputFile: resultsFile }]] } : {}),
  },
});

import { describe, expect, it } from 'vitest';
import { renderFiles, sample } from './helpers.js';

// The full sample rendered (as Markdown; `.snap` keeps formatters off it) with default options, committed so any change to the output is reviewed (and
// reminds to bump MARKDOWN_RENDERER_VERSION). Update with `vitest run --project render-md -u`.
describe('golden output', () => {
  it('renders the full sample session exactly as committed', async () => {
    const files = renderFiles(sample('full'), {}, '2026-03-01-1000-fix-the-flaky-login-test');
    await expect(files.get('.md')).toMatchFileSnapshot('./__snapshots__/full-sample.md.snap');
    await expect(files.get('/agent-a1b2c3d.md')).toMatchFileSnapshot(
      './__snapshots__/full-sample.agent-a1b2c3d.md.snap',
    );
  });
});

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Session } from '@convx/core';
import { type ExportFixture, exportFixtures } from '@convx/core/testing';
import { markdownRenderer } from '@convx/render-md';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiderAdapter } from '../src/index.js';

// The fixture home through the real engine and Markdown renderer, read back as a user would.
const home = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/home');
const DIR = 'history/alice/aider/laptop';
const SITE = `${DIR}/projects/site/2025-07-10-0805-make-the-nav-bar-sticky-on-mobile`;
let fixture: ExportFixture;

beforeAll(async () => {
  fixture = await exportFixtures({ adapter: aiderAdapter, renderer: markdownRenderer, home });
});
afterAll(() => fixture.cleanup());

describe('exported through the engine and render-md', () => {
  it('writes one transcript per chat block into its project folder, named by its first prompt', () => {
    expect(fixture.report.written.filter((p) => p.endsWith('.md')).sort()).toEqual([
      `${DIR}/code/shop-api/2025-06-01-1000-add-a-health-endpoint-to-the-flask-app-that-returns-the-git.md`,
      `${DIR}/code/shop-api/2025-06-03-1645-ask-why-does-the-order-export-time-out-for-large-shops.md`,
      `${SITE}.md`,
    ]);
  });

  it('shows the prompt, the reply and what Aider applied', async () => {
    const md = await fixture.read(`${SITE}.md`);
    expect(md).toContain('# make the nav bar sticky on mobile');
    expect(md).toContain('`aider` · 2025-07-10 08:05 UTC · `gemini/gemini-2.5-pro` · ');
    expect(md).toContain(
      '## User\n\nmake the nav bar sticky on mobile\n\n## Assistant\n\nAdd `position: sticky; top: 0;`',
    );
    expect(md).toContain('<summary>Tool result <code>aider</code></summary>');
    expect(md).toContain('```\nApplied edit to styles.css\n```');
  });

  it('keeps the block it came from in the twin', async () => {
    const twin: Session = await fixture.twin(SITE);
    expect(twin.sourceLocation).toEqual({
      path: join(home, 'projects/site/.aider.chat.history.md'),
      locator: 'lines 2-13',
    });
    expect(twin.models).toEqual(['gemini/gemini-2.5-pro']);
  });

  it('writes nothing on a second run', async () => {
    expect((await fixture.again()).written).toEqual([]);
  });
});

/// <reference lib="dom" />
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Explorer, startExplorer } from '../src/index.js';
import { launch, skipBrowser, watch } from './support/browser.js';
import { appDir, backupFixtures, HOSTILE } from './support/fixture-output.js';
import { testIndex } from './support/test-index.js';

const PAYMENTS = 'codex:019c1f2e-3a4b-7c5d-8e6f-7a8b9c0d1e2f';
const RATE_LIMITER = 'claude:a2c4e6f8-1357-4924-8b6d-0e2f4a6c8e1a';
const WEBAPP = 'claude:3f6b2c1e-8a4d-4e7b-9c2a-5d1e0f7a9b31';
const session = (key: string) => `/s/${encodeURIComponent(key)}`;

describe.skipIf(skipBrowser)('the explorer in Chromium', () => {
  let out: string;
  let explorer: Explorer;
  let browser: Browser;
  let page: Page;
  let seen: { problems: string[] };
  const url = (path: string) => `http://127.0.0.1:${explorer.port}${path}`;

  beforeAll(async () => {
    out = await backupFixtures();
    [explorer, browser] = await Promise.all([
      testIndex(out).then((index) => startExplorer({ index, port: 0, appDir, pollMs: 500 })),
      launch(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await explorer?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    seen = watch(page);
  });
  afterEach(async () => {
    await page.close();
    expect(seen.problems).toEqual([]);
  });

  it('lists the sessions newest first', async () => {
    await page.goto(url('/'));
    await expect
      .poll(() => page.locator('.results-count').textContent())
      .toMatch(/^65 sessions, newest first/);
    const first = page.locator('.vrow').first();
    await expect
      .poll(() => first.locator('.row-title').textContent())
      .toMatch(new RegExp(`^${HOSTILE.title}`));
  });

  it('searches as the user types, with the URL holding the query', async () => {
    await page.goto(url('/'));
    await page.locator('.search input').fill('quantize');
    await page.waitForURL(/\?q=quantize$/);
    await expect
      .poll(async () =>
        (await page.locator('.vrow .row-title').allTextContents()).some((t) =>
          t.startsWith('Refunds over 10,000 EUR'),
        ),
      )
      .toBe(true);
    // The rows' snippets may arrive a frame after their titles on a loaded machine.
    await expect.poll(() => page.locator('.vrow .snippet mark').count()).toBeGreaterThan(0);
    // A pasted link shows the same search.
    const other = await browser.newPage();
    await other.goto(url('/?q=quantize'));
    await expect.poll(() => other.locator('.search input').inputValue()).toBe('quantize');
    await expect.poll(() => other.locator('.vrow').count()).toBeGreaterThan(0);
    await other.close();
  });

  it('opens a transcript by deep link at one message, highlighted', async () => {
    await page.goto(url(`${session(PAYMENTS)}#m12`));
    const target = page.locator('#m12');
    await expect.poll(() => target.getAttribute('class')).toContain('targeted');
    expect(await target.isVisible()).toBe(true);
    const box = await target.boundingBox();
    expect(box?.y).toBeGreaterThan(0);
    expect(box?.y).toBeLessThan(900);
    expect(await page.locator('.session-header .resume').textContent()).toBe(
      'cd /home/alice/work/payments-api && codex resume 019c1f2e-3a4b-7c5d-8e6f-7a8b9c0d1e2f',
    );
  });

  it('expands a tool call to its input and output, and shows a patch as a diff', async () => {
    await page.goto(url(session(PAYMENTS)));
    const call = page.locator('#m7 details.tool');
    await call.waitFor();
    expect(await call.locator('.tool-output').isVisible()).toBe(false);
    await call.locator('summary').click();
    expect(await call.locator('.tool-output pre').textContent()).toContain('decimal.InvalidOperation');
    await page.locator('#m10 details.tool summary').click();
    // Each line is its sign and its text.
    expect(await page.locator('#m10 .d-del').allTextContents()).toContain(
      '-amount = amount.quantize(CENTS, context=Context(prec=6))',
    );
    expect(await page.locator('#m10 .d-add').allTextContents()).toContain('+amount = amount.quantize(CENTS)');
  });

  it('shows a subagent where it was spawned, and follows it to its own page', async () => {
    await page.goto(url(session(RATE_LIMITER)));
    const agent = page.locator('#m9 details.subagent');
    await agent.locator('summary').click();
    await expect
      .poll(() => agent.locator('.transcript.nested .markdown').allTextContents())
      .toContain('Only /v1/export lacks the limiter.\n');
    await agent.locator('a.open-agent').click();
    await page.waitForURL(url(`${session(RATE_LIMITER)}/a/0`));
    await expect.poll(() => page.locator('.session-header h1').textContent()).toBe('Find unthrottled routes');
    await page.locator('.trail a').click();
    await page.waitForURL(url(session(RATE_LIMITER)));
    await page.goBack();
    await page.waitForURL(url(`${session(RATE_LIMITER)}/a/0`));
  });

  it('shows a saved image attachment as the image itself', async () => {
    await page.goto(url(session(WEBAPP)));
    const image = page.locator('img.attachment-preview').first();
    await image.waitFor();
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
      .toBe(true);
    expect(await image.getAttribute('src')).toBe(
      `/api/sessions/${encodeURIComponent(WEBAPP)}/attachments/bae1c44904c6b66d.png`,
    );
  });

  it('draws the stats charts, and a click on a bar filters the list', async () => {
    await page.goto(url('/stats'));
    const bars = page.locator('svg.activity rect.bar');
    await expect.poll(() => bars.count()).toBeGreaterThan(5);
    expect(await page.locator('svg.calendar rect.cell').count()).toBeGreaterThan(360);
    expect(await page.locator('svg.hours rect.cell').count()).toBe(168);
    expect(await page.locator('.barlist li').count()).toBeGreaterThan(5);
    // Each of the fixtures' 13 sources in a colour of its own, none the grey of a source without one.
    const legend = await page
      .locator('.legend li')
      .evaluateAll((items) =>
        items.map((li) => [li.textContent, getComputedStyle(li.querySelector('rect') as Element).fill]),
      );
    expect(legend.length).toBe(13);
    const colours = new Set(legend.map(([, fill]) => fill));
    expect(colours.size, JSON.stringify(legend)).toBe(13);
    expect(colours).not.toContain('rgb(148, 163, 184)');
    const bar = bars.first();
    const source = await bar.getAttribute('data-source');
    await bar.click();
    await page.waitForURL(/\/\?since=\d{4}-\d\d-\d\d&until=\d{4}-\d\d-\d\d&source=\w+/);
    expect(new URL(page.url()).searchParams.get('source')).toBe(source);
    await expect
      .poll(() => page.locator('.vrow .source').allTextContents())
      .toEqual(expect.arrayContaining([source]));
    expect(new Set(await page.locator('.vrow .source').allTextContents())).toEqual(new Set([source]));
  });

  it('works from the keyboard: / j k Enter Esc ?', async () => {
    await page.goto(url('/'));
    await page.locator('.vrow').first().waitFor();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await page.keyboard.press('j');
    const second = await page.locator('.vrow').nth(1).locator('.row-title').textContent();
    await expect.poll(() => page.locator('.row.selected .row-title').allTextContents()).toEqual([second]);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/s\//);
    await page.locator('.session-header h1').waitFor();
    await page.keyboard.press('Escape');
    await page.waitForURL(url('/'));
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Search conversations',
    );
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    await expect.poll(() => page.locator('.help').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.help').count()).toBe(0);
  });

  it('never runs markup from a conversation: it shows as text', async () => {
    await page.goto(url(session(HOSTILE.key)));
    const prompt = page.locator('#m0 .markdown');
    await prompt.waitFor();
    expect(await prompt.textContent()).toContain(HOSTILE.script);
    expect(await prompt.textContent()).toContain(HOSTILE.image);
    expect(await page.locator('.messages img, .messages script').count()).toBe(0);
    expect(await page.locator('.messages a[href^="javascript"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    // The search list too.
    await page.goto(url('/?q=hostile'));
    await page.locator('.vrow .row-title').first().waitFor();
    expect(await page.locator('.results img, .results script').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('downloads a conversation as one HTML file that opens offline and runs no markup from it', async () => {
    await page.goto(url(session(HOSTILE.key)));
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a.download').click()]);
    const file = join(out, 'exported.html');
    await download.saveAs(file);
    const offline = await browser.newContext({ offline: true });
    const viewer = await offline.newPage();
    const watched = watch(viewer);
    await viewer.goto(`file://${file}`);
    await expect.poll(() => viewer.locator('.session-header h1').textContent()).toContain(HOSTILE.title);
    expect(await viewer.locator('#m0 .markdown').textContent()).toContain(HOSTILE.image);
    expect(await viewer.locator('.messages img').count()).toBe(0);
    expect(await viewer.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(watched.problems).toEqual([]);
    await offline.close();
  });

  it('shows sessions a backup writes while it runs, without a reload', async () => {
    await page.goto(url('/'));
    await expect.poll(() => page.locator('.results-count').textContent()).toMatch(/^65 sessions/);
    const claudeCount = page
      .locator('.facet li')
      .filter({ has: page.locator('.facet-value', { hasText: /^claude$/ }) })
      .locator('.count');
    await expect.poll(() => claudeCount.textContent()).toBe('8');
    // A new twin appears, as a backup would write it, and the index file changes.
    const source = join(
      out,
      'history/demo/claude/demo-machine/code/api/.2025-08-28-1620-rate-limiter-for-the-search-endpoint.json',
    );
    const twin = (await readFile(source, 'utf8'))
      .replaceAll('a2c4e6f8-1357-4924-8b6d-0e2f4a6c8e1a', 'a2c4e6f8-1357-4924-8b6d-0e2f4a6c8e1b')
      .replace('"title": "Rate limiter for the search endpoint"', '"title": "Written while exploring"')
      .replace('"startedAt": "2025-08-28T16:20:00.000Z"', '"startedAt": "2026-12-01T09:00:00.000Z"');
    await writeFile(
      join(out, 'history/demo/claude/demo-machine/code/api/.2026-12-01-0900-written-while-exploring.json'),
      twin,
    );
    await writeFile(
      join(out, '.convx/state/index.jsonl'),
      await readFile(join(out, '.convx/state/index.jsonl')),
    );
    await expect
      .poll(() => page.locator('.results-count').textContent(), { timeout: 15_000 })
      .toMatch(/^66 sessions/);
    await expect
      .poll(() => page.locator('.vrow .row-title').first().textContent())
      .toBe('Written while exploring');
    // The facet counts were computed again, not served from before the change.
    await expect.poll(() => claudeCount.textContent()).toBe('9');
  });
});

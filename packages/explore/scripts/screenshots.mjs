#!/usr/bin/env node
// Refreshes the explorer's screenshots in docs/images: backs up fixtures/home with the built CLI into a temp
// output, serves it with the built explorer and photographs the main views in Chromium (light and dark,
// desktop and phone width). Run after `pnpm build`: node packages/explore/scripts/screenshots.mjs
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openIndex } from '@convx/search';
import { chromium } from 'playwright-core';
import { startExplorer } from '../dist/index.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const images = join(repo, 'docs/images');
const work = mkdtempSync(join(tmpdir(), 'convx-shots-'));
const out = join(work, 'out');
try {
  execFileSync(
    process.execPath,
    [
      join(repo, 'apps/cli/dist/cli.js'),
      'backup',
      '--output-path',
      out,
      '--init',
      '--home',
      join(repo, 'fixtures/home'),
      '--user',
      'alice',
      '--system-name',
      'laptop',
      '--quiet',
    ],
    { stdio: 'ignore' },
  );
} catch (error) {
  if (error.status !== 1) throw error; // 1: the fixtures' corrupt Cursor database, on purpose
}
const index = await openIndex(out);
await index.update();
const explorer = await startExplorer({ index, port: 0 });
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromiumPath)) throw new Error(`No Chromium at ${chromiumPath}; set CHROMIUM_PATH.`);
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--no-sandbox', '--headless', '--disable-gpu'],
});
mkdirSync(images, { recursive: true });

const url = (path) => `http://127.0.0.1:${explorer.port}${path}`;
async function shot(name, path, { width = 1280, height = 800, scheme = 'light', act } = {}) {
  const page = await browser.newPage({
    viewport: { width, height },
    colorScheme: scheme,
    deviceScaleFactor: 1,
  });
  await page.goto(url(path));
  await page.waitForLoadState('networkidle');
  if (act) await act(page);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(images, `explore-${name}.png`) });
  await page.close();
  console.log(`docs/images/explore-${name}.png`);
}

const payments = `/s/${encodeURIComponent('codex:019c1f2e-3a4b-7c5d-8e6f-7a8b9c0d1e2f')}`;
await shot('list', '/');
await shot('search', '/?q=test');
await shot('transcript', payments, {
  height: 1100,
  act: async (page) => {
    await page.locator('#m3 summary').click();
    await page.locator('#m7 summary').click();
    await page.locator('#m10 summary').click();
    await page.evaluate(() => window.scrollTo(0, 0));
  },
});
await shot('diff', `${payments}#m10`, {
  scheme: 'dark',
  act: async (page) => {
    await page.locator('#m10 summary').click();
    await page.locator('#m10').scrollIntoViewIfNeeded();
  },
});
await shot('stats', '/stats', { height: 1000, scheme: 'dark' });
await shot('phone', payments, { width: 390, height: 844, scheme: 'dark' });
await browser.close();
await explorer.close();
rmSync(work, { recursive: true, force: true });

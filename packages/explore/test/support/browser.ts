import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Chromium from the system (Debian's `chromium`); `CHROMIUM_PATH` points elsewhere. */
export const chromiumPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']
  .filter((path): path is string => Boolean(path))
  .find((path) => existsSync(path));

/**
 * Browser tests need Chromium; CI installs it (.ci/run), so there a missing browser fails the run. A
 * developer without one sees the tests skipped with the reason.
 */
export const skipBrowser = !chromiumPath && process.env.CI !== 'true';
if (skipBrowser)
  console.warn('Browser tests skipped: no Chromium (apt-get install chromium, or set CHROMIUM_PATH).');

export function launch(): Promise<Browser> {
  if (!chromiumPath) throw new Error('No Chromium found: apt-get install chromium, or set CHROMIUM_PATH.');
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--headless', '--disable-gpu'],
  });
}

/** What a page did that it should not have: script errors, console errors, dialogs. */
export function watch(page: Page): { problems: string[] } {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { problems };
}

import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flatLayout, runSync } from '@convx/core';
import { afterAll, describe, expect, it } from 'vitest';
import { commitMessage, commitPaths, git } from '../../src/git/index.js';
import { loadPlugins } from '../../src/plugins/index.js';
import { createSessionFilter, describeRepo } from '../../src/sync/index.js';
import { cleanupTemp, tempDir, tempRepo, writeFileIn } from '../git/temp-repo.js';

afterAll(cleanupTemp);

const examples = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../examples');
const chat = (stamp: string, prompt: string) =>
  `# aider chat started at ${stamp}\n\n> Main model: gpt-4.1 with diff edit format  \n\n#### ${prompt}  \n\nDone.\n\n`;

describe('sync pieces together: plugins, selection, engine, commit', () => {
  it('exports only this repository’s sessions (with a community adapter and renderer) and commits them alone', async () => {
    const home = await tempDir('convx-home-');
    const parent = await tempDir('convx-projects-');
    const repo = join(parent, 'app');
    await git(['clone', '--quiet', await tempRepo({ commit: true }), repo], { cwd: parent });
    await git(['config', 'user.name', 'Test User'], { cwd: repo });
    await git(['config', 'user.email', 'test@example.invalid'], { cwd: repo });
    await writeFileIn(repo, '.aider.chat.history.md', chat('2025-06-01 10:00:00', 'add a health check'));
    await writeFileIn(repo, 'web/.aider.chat.history.md', chat('2025-06-02 11:00:00', 'fix the navbar'));
    await writeFileIn(
      `${repo}-other`,
      '.aider.chat.history.md',
      chat('2025-06-03 12:00:00', 'unrelated project'),
    );
    await writeFileIn(repo, 'staged.txt', 'mine\n');
    await git(['add', 'staged.txt'], { cwd: repo });

    const plugins = await loadPlugins({
      adapters: [join(examples, 'adapter-aider/src/index.ts')],
      renderer: join(examples, 'render-html/src/index.ts'),
      cwd: repo,
    });
    const context = await describeRepo(repo);
    const selection = createSessionFilter({ ...context, cwd: repo });
    const renderer = plugins.renderer;
    if (!renderer) throw new Error('renderer not loaded');
    const report = await runSync({
      adapters: plugins.adapters,
      renderer,
      outputRoot: repo,
      historySubpath: '.ai/history',
      layout: flatLayout({ user: 'ana' }),
      locationEnv: { home, env: {}, platform: process.platform },
      inputs: { aider: [parent] },
      filter: selection.filter,
      filterId: selection.filterId,
    });
    expect(report.failures).toEqual([]);
    expect(report.totals.new).toBe(2);

    const folder = join(repo, '.ai/history/ana/aider');
    const pages = (await readdir(folder)).filter((name) => name.endsWith('.html')).sort();
    expect(pages).toEqual(['2025-06-01-1000-add-a-health-check.html', '2025-06-02-1100-fix-the-navbar.html']);
    expect(await readFile(join(folder, pages[0] ?? ''), 'utf8')).toContain(
      '<div class="text">add a health check</div>',
    );

    const hash = await commitPaths({
      repo,
      paths: ['.ai/history', '.convx/config.toml', '.convx/.gitignore'],
      message: commitMessage({ new: report.totals.new, updated: report.totals.updated }, 'laptop'),
    });
    expect(hash).toBeDefined();
    const committed = (await git(['show', '--name-only', '--format=%s', 'HEAD'], { cwd: repo })).split('\n');
    expect(committed[0]).toBe('convx: 2 new sessions (laptop)');
    expect(
      committed.slice(2).every((path) => path.startsWith('.ai/history/') || path.startsWith('.convx/')),
    ).toBe(true);
    expect(committed).toContain('.ai/history/ana/aider/2025-06-01-1000-add-a-health-check.html');
    expect(await git(['diff', '--cached', '--name-only'], { cwd: repo })).toBe('staged.txt');
  });
});

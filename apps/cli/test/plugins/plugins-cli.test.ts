import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git } from '../../src/git/run.js';
import { cleanupTemp, tempDir, tempRepo, writeFileIn } from '../git/temp-repo.js';
import { runCli } from '../support/cli.js';
import { repoRoot } from '../support/paths.js';

afterAll(cleanupTemp);

const aiderPackage = join(repoRoot, 'examples/adapter-aider');
const htmlPackage = join(repoRoot, 'examples/render-html');
const chat = (stamp: string, prompt: string, answer: string) =>
  `# aider chat started at ${stamp}\n\n> Main model: gpt-4.1 with diff edit format  \n\n#### ${prompt}  \n\n${answer}\n\n`;

let home: string;
beforeAll(async () => {
  for (const dir of [aiderPackage, htmlPackage]) {
    if (!existsSync(join(dir, 'dist/index.js')))
      throw new Error(`${dir} is not built: run pnpm build first.`);
  }
  home = await tempDir('convx-plugins-home-');
  await writeFileIn(
    home,
    'code/blog/.aider.chat.history.md',
    chat('2025-06-01 10:00:00', 'add an rss feed', 'Added <feed> generation.'),
  );
});

/** A repository that has the example packages installed, the way `npm install convx-adapter-aider` would. */
async function repoWithPackages(): Promise<string> {
  const repo = await tempRepo();
  await mkdir(join(repo, 'node_modules'));
  await symlink(aiderPackage, join(repo, 'node_modules/convx-adapter-aider'));
  await symlink(htmlPackage, join(repo, 'node_modules/convx-render-html'));
  return repo;
}

describe('community adapters and renderers through the CLI', () => {
  it('loads the aider adapter and the html renderer named in the config, by package name', async () => {
    const out = await repoWithPackages();
    await writeFileIn(
      out,
      '.convx/config.toml',
      'adapters = ["convx-adapter-aider"]\nrenderer = "convx-render-html"\n\n[backup]\nsource_system = "aider"\n',
    );
    const result = await runCli([
      'backup',
      '--output-path',
      out,
      '--home',
      home,
      '--user',
      'u',
      '--system-name',
      'm',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const folder = join(out, 'history/u/aider/m/code/blog');
    expect((await readdir(folder)).sort()).toEqual([
      '.2025-06-01-1000-add-an-rss-feed.json',
      '2025-06-01-1000-add-an-rss-feed.html',
    ]);
    const page = await readFile(join(folder, '2025-06-01-1000-add-an-rss-feed.html'), 'utf8');
    expect(page).toContain('<div class="text">add an rss feed</div>');
    // The renderer escapes what the session says.
    expect(page).toContain('Added &lt;feed&gt; generation.');
    const twin = JSON.parse(await readFile(join(folder, '.2025-06-01-1000-add-an-rss-feed.json'), 'utf8'));
    expect(twin.source).toBe('aider');
    expect(twin.messages.map((m: { kind: string; role?: string }) => `${m.kind}:${m.role}`)).toEqual([
      'context:system',
      'text:user',
      'text:assistant',
    ]);
  });

  it("search --source knows the config's adapters, and sources the index holds after they are gone", async () => {
    const out = await repoWithPackages();
    await writeFileIn(out, '.convx/config.toml', 'adapters = ["convx-adapter-aider"]\n');
    const search = (...args: string[]) => runCli(['search', '--output-path', out, '--json', ...args]);
    // Configured, nothing exported yet: a valid name that finds nothing.
    const before = await search('--source', 'aider', 'rss');
    expect(before.stderr).toBe('');
    expect(JSON.parse(before.stdout)).toEqual([]);
    const typo = await search('--source', 'aidr', 'rss');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(
      /^convx: Unknown source system "aidr" \(did you mean aider\?\); valid ones are all, codex, .*, aider\.\n$/,
    );
    expect(
      (await runCli(['backup', '--output-path', out, '--home', home, '--user', 'u', '--system-name', 'm']))
        .code,
    ).toBe(0);
    // The adapter removed from the config: its sessions are still in the output, and still searchable.
    await writeFileIn(out, '.convx/config.toml', '');
    const after = await search('--source', 'aider', 'rss');
    expect(after.stderr).toBe('');
    expect(JSON.parse(after.stdout).map((hit: { source: string }) => hit.source)).toEqual(['aider']);
  });

  it('--adapter and --renderer load them by path for one sync run', async () => {
    const repo = join(home, 'code/blog');
    await git(['init', '--quiet'], { cwd: repo });
    const result = await runCli(
      [
        'sync',
        '--home',
        home,
        '--user',
        'ana',
        '--adapter',
        join(aiderPackage, 'dist/index.js'),
        '--renderer',
        join(htmlPackage, 'dist/index.js'),
        '--source-system',
        'aider',
      ],
      { cwd: repo },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const page = await readFile(
      join(repo, '.ai/history/ana/aider/2025-06-01-1000-add-an-rss-feed.html'),
      'utf8',
    );
    expect(page).toContain('add an rss feed');
    expect(page.startsWith('<!DOCTYPE html>') || page.startsWith('<!doctype html>')).toBe(true);
  });

  it('a broken plugin is a usage error (exit 2) naming it', async () => {
    const out = await tempRepo();
    const shape = await writeFileIn(
      out,
      'tools/broken.mjs',
      "export default { name: 'broken', load: async () => ({}) };\n",
    );
    const bad = await runCli(['backup', '--output-path', out, '--home', home, '--adapter', shape]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`Could not load adapter "${shape}"`);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);

    await writeFileIn(out, 'tools/throws.mjs', "throw new Error('renderer exploded on import');\n");
    await writeFileIn(out, '.convx/config.toml', 'renderer = "./tools/throws.mjs"\n');
    const renderer = await runCli(['backup', '--output-path', out, '--home', home]);
    expect(renderer.code).toBe(2);
    expect(renderer.stderr).toContain('Could not load renderer "./tools/throws.mjs"');
    expect(renderer.stderr).toContain('renderer exploded on import');

    await writeFileIn(out, '.convx/config.toml', 'adapters = ["convx-adapter-missing"]\n');
    const missing = await runCli(['backup', '--output-path', out, '--home', home]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('run npm install convx-adapter-missing');
    expect(existsSync(join(out, 'history'))).toBe(false);
  });
});

import { join } from 'node:path';
import type { PluginRef } from '@convx/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlugins, resolvePlugin } from '../../src/plugins/index.js';
import { cleanupTemp, tempDir, writeFileIn } from '../git/temp-repo.js';

afterAll(cleanupTemp);

const adapterModule = (name: string, extra = '') => `
const adapter = {
  name: ${JSON.stringify(name)},
  displayName: 'Fake ${name}',
  defaultLocations: (env) => [env.home + '/.${name}'],
  async *discover() {},
  async load() { throw new Error('no sessions'); },${extra}
};
`;

let repo: string;
beforeAll(async () => {
  repo = await tempDir('convx-plugins-');
  await writeFileIn(repo, 'package.json', '{ "name": "my-transcripts", "private": true }\n');
  // A package resolvable through require conditions, default export.
  await writeFileIn(
    repo,
    'node_modules/convx-adapter-fake/package.json',
    JSON.stringify({
      name: 'convx-adapter-fake',
      type: 'module',
      exports: { '.': { default: './index.js' } },
    }),
  );
  await writeFileIn(
    repo,
    'node_modules/convx-adapter-fake/index.js',
    `${adapterModule('fake')}export default adapter;\n`,
  );
  // An import-only package whose export is named, not default.
  await writeFileIn(
    repo,
    'node_modules/convx-render-fake/package.json',
    JSON.stringify({
      name: 'convx-render-fake',
      type: 'module',
      exports: { '.': { import: './index.mjs' } },
    }),
  );
  await writeFileIn(
    repo,
    'node_modules/convx-render-fake/index.mjs',
    "export const renderer = { name: 'fake-html', version: '1', render: () => [{ suffix: '.html', content: '<p>' }] };\n",
  );
  await writeFileIn(repo, 'tools/local.mjs', `${adapterModule('local')}export { adapter };\n`);
  await writeFileIn(repo, 'tools/codex-plus.mjs', `${adapterModule('codex')}export default adapter;\n`);
  await writeFileIn(repo, 'tools/local-again.mjs', `${adapterModule('local')}export default adapter;\n`);
  await writeFileIn(
    repo,
    'tools/broken-shape.mjs',
    "export default { name: 'broken', defaultLocations: () => [], load: async () => ({}) };\n",
  );
  await writeFileIn(repo, 'tools/syntax.mjs', 'export default {{;\n');
  await writeFileIn(repo, 'tools/empty.mjs', 'export const nothing = 1;\n');
});

const builtinCodex: PluginRef = { module: '@convx/adapter-codex' };

describe('loadPlugins', () => {
  it('loads adapters by package name and by path, and a renderer from an import-only package', async () => {
    const loaded = await loadPlugins({
      adapters: ['convx-adapter-fake', './tools/local.mjs', 'convx-adapter-fake'],
      renderer: 'convx-render-fake',
      cwd: repo,
      builtins: { codex: builtinCodex },
    });
    expect(loaded.adapters.map((a) => [a.name, a.displayName])).toEqual([
      ['fake', 'Fake fake'],
      ['local', 'Fake local'],
    ]);
    expect(loaded.adapters[0]?.defaultLocations({ home: '/h', env: {}, platform: 'linux' })).toEqual([
      '/h/.fake',
    ]);
    expect(Object.keys(loaded.sources)).toEqual(['codex', 'fake', 'local']);
    expect(loaded.sources.codex).toBe(builtinCodex);
    // Community plugins are named by the file found, for the run spec.
    expect(loaded.sources.fake).toEqual({
      module: expect.stringMatching(/^file:.*\/node_modules\/convx-adapter-fake\/index\.js$/),
      export: 'default',
    });
    expect(loaded.rendererRef).toEqual({ module: expect.stringMatching(/^file:/), export: 'renderer' });
    expect(loaded.renderer?.name).toBe('fake-html');
    expect(loaded.renderer?.render({} as never, { basename: 'b', options: {} })).toEqual([
      { suffix: '.html', content: '<p>' },
    ]);
  });

  it('loads nothing when nothing is configured', async () => {
    expect(await loadPlugins({ adapters: [], cwd: repo, builtins: { codex: builtinCodex } })).toEqual({
      adapters: [],
      sources: { codex: builtinCodex },
    });
  });

  it('says how to install a missing package, and which file is missing', async () => {
    await expect(loadPlugins({ adapters: ['convx-adapter-foo'], cwd: repo })).rejects.toThrow(
      `Could not load adapter "convx-adapter-foo": it is not installed in ${repo} or beside convx; run npm install convx-adapter-foo there (or npm install -g convx-adapter-foo next to a global convx).`,
    );
    await expect(loadPlugins({ adapters: ['./tools/nope.mjs'], cwd: repo })).rejects.toThrow(
      `Could not load adapter "./tools/nope.mjs": ${join(repo, 'tools/nope.mjs')} does not exist.`,
    );
    await expect(loadPlugins({ adapters: [], renderer: 'convx-render-nope', cwd: repo })).rejects.toThrow(
      'Could not load renderer "convx-render-nope": it is not installed',
    );
  });

  it('finds a package beside convx when the repository has none (global installs)', async () => {
    const bare = await tempDir('convx-no-package-');
    const besides = await tempDir('convx-global-');
    await writeFileIn(
      besides,
      'node_modules/convx-adapter-global/package.json',
      JSON.stringify({ name: 'convx-adapter-global', type: 'module', exports: { import: './index.js' } }),
    );
    const entry = await writeFileIn(besides, 'node_modules/convx-adapter-global/index.js', 'export {};\n');
    expect(resolvePlugin('convx-adapter-global', bare, [join(besides, 'lib')])).toEqual({
      kind: 'file',
      path: entry,
    });
    expect(resolvePlugin('convx-adapter-global', bare, [])).toEqual({ kind: 'missing', where: bare });
  });

  it('names the contract problem of an invalid adapter', async () => {
    await expect(loadPlugins({ adapters: ['./tools/broken-shape.mjs'], cwd: repo })).rejects.toThrow(
      'Could not load adapter "./tools/broken-shape.mjs": ./tools/broken-shape.mjs is not a valid convx adapter: `discover` must be a function (got undefined)',
    );
    await expect(loadPlugins({ adapters: ['./tools/syntax.mjs'], cwd: repo })).rejects.toThrow(
      /^Could not load adapter "\.\/tools\/syntax\.mjs": importing .*syntax\.mjs failed: /,
    );
    await expect(loadPlugins({ adapters: ['./tools/empty.mjs'], cwd: repo })).rejects.toThrow(
      'Could not load adapter "./tools/empty.mjs": it has no default export and no export named "adapter".',
    );
    await expect(loadPlugins({ adapters: [], renderer: './tools/local.mjs', cwd: repo })).rejects.toThrow(
      /Could not load renderer "\.\/tools\/local\.mjs": it has no default export and no export named "renderer"/,
    );
  });

  it('refuses to shadow a built-in unless replace is set, and refuses two adapters with one name', async () => {
    await expect(
      loadPlugins({ adapters: ['./tools/codex-plus.mjs'], cwd: repo, builtins: { codex: builtinCodex } }),
    ).rejects.toThrow(
      'Adapter "./tools/codex-plus.mjs" is named "codex" like a built-in source; to replace the built-in, write { package = "./tools/codex-plus.mjs", replace = true } in adapters.',
    );
    const replaced = await loadPlugins({
      adapters: [{ package: './tools/codex-plus.mjs', replace: true }],
      cwd: repo,
      builtins: { codex: builtinCodex },
    });
    expect(replaced.sources.codex?.module).toMatch(/\/tools\/codex-plus\.mjs$/);
    expect(replaced.adapters[0]?.displayName).toBe('Fake codex');
    await expect(
      loadPlugins({ adapters: ['./tools/local.mjs', './tools/local-again.mjs'], cwd: repo }),
    ).rejects.toThrow(
      'Adapters "./tools/local.mjs" and "./tools/local-again.mjs" are both named "local"; keep one of them in adapters.',
    );
  });
});

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The resolver imports modules by name: tested over the built engine, as worker threads run it.
import { type RunSpec, resolveRunSpec } from '../dist/index.js';

const support = new URL('./support/worker-run.mjs', import.meta.url).href;
const core = new URL('../dist/index.js', import.meta.url).href;
let dir: string;

beforeAll(async () => {
  // A package installed in a folder's node_modules, found by name only from there.
  dir = await mkdtemp(join(tmpdir(), 'convx-spec-'));
  const pkg = join(dir, 'node_modules', 'spec-plugins');
  await mkdir(pkg, { recursive: true });
  await writeFile(
    join(pkg, 'package.json'),
    JSON.stringify({ name: 'spec-plugins', type: 'module', exports: { '.': { import: './index.js' } } }),
  );
  await writeFile(
    join(pkg, 'index.js'),
    [
      'export function keepApp() { return (session) => session.cwd === "/app"; }',
      'export function upper(options) { return { apply: (s) => ({ ...s, title: (s.title ?? "") + options.suffix }) }; }',
      'export const marked = { id: "marked", test: (s) => (s.title === "hide" ? "marked" : undefined) };',
      'export const notAFunction = 3;',
    ].join('\n'),
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const base = (): RunSpec => ({
  resolveFrom: [dir],
  adapters: [{ module: support, export: 'createFakeAdapter', options: {} }],
  renderer: { module: support, export: 'plainRenderer' },
  layout: { module: core, export: 'flatLayout', options: { user: 'ana' } },
});

describe('resolveRunSpec', () => {
  it('imports every plugin by name, calls factories with their options and keeps declared ids', async () => {
    const run = await resolveRunSpec({
      ...base(),
      renderOptions: { timezone: 'UTC' },
      filter: { module: 'spec-plugins', export: 'keepApp', options: {}, reason: 'elsewhere' },
      withdraw: [{ module: 'spec-plugins', export: 'marked' }],
      transforms: [{ module: 'spec-plugins', export: 'upper', options: { suffix: '!' } }],
    });
    expect(run.adapters.map((a) => a.name)).toEqual(['fake']);
    expect(run.renderer.name).toBe('plain');
    expect(run.renderOptions).toEqual({ timezone: 'UTC' });
    expect(run.layout({ source: 'codex' } as never)).toEqual(['ana', 'codex']);
    expect(run.layoutId).toBe('sync:flat');
    expect(run.filterReason).toBe('elsewhere');
    // No declared id: the spec entry is the identity, so other options give another id.
    expect(run.filterId).toMatch(/^spec-plugins#keepApp:[0-9a-f]{16}$/);
    expect(run.transform?.apply({ title: 'a' } as never)).toMatchObject({ title: 'a!' });
    const other = await resolveRunSpec({
      ...base(),
      transforms: [{ module: 'spec-plugins', export: 'upper', options: { suffix: '?' } }],
    });
    expect(other.transform?.id).not.toBe(run.transform?.id);
    // Withdraw rules apply only to the sessions the filter keeps.
    expect(run.withdraw?.test({ cwd: '/app', title: 'hide' } as never)).toBe('marked');
    expect(run.withdraw?.test({ cwd: '/elsewhere', title: 'hide' } as never)).toBeUndefined();
    expect(run.withdraw?.id).toBe('marked');
  });

  it('takes a plugin the caller already made from a spec entry, checked like the others', async () => {
    const entry = { module: 'spec-plugins', export: 'upper', options: { suffix: '!' } };
    const made = { id: 'made-upper', apply: (s: { title?: string }) => ({ ...s, title: 'made' }) };
    const run = await resolveRunSpec({ ...base(), transforms: [entry] }, { made: new Map([[entry, made]]) });
    expect(run.transform?.id).toBe('made-upper');
    expect(run.transform?.apply({ title: 'a' } as never)).toMatchObject({ title: 'made' });
    // Another object with the same contents is another entry: imported and called as usual.
    const copy = { ...entry, options: { suffix: '!' } };
    const imported = await resolveRunSpec(
      { ...base(), transforms: [copy] },
      { made: new Map([[entry, made]]) },
    );
    expect(imported.transform?.apply({ title: 'a' } as never)).toMatchObject({ title: 'a!' });
    await expect(
      resolveRunSpec({ ...base(), transforms: [entry] }, { made: new Map([[entry, { id: 'x' }]]) }),
    ).rejects.toThrow('The plugin upper of spec-plugins is not a session transform (an object with apply).');
  });

  it('says in one sentence which plugin it could not load and why', async () => {
    await expect(
      resolveRunSpec({ ...base(), adapters: [{ module: 'not-installed-anywhere' }] }),
    ).rejects.toThrow(
      /^Could not load the plugin not-installed-anywhere: the module is not installed where .* can find it\.$/,
    );
    await expect(
      resolveRunSpec({ ...base(), layout: { module: 'spec-plugins', export: 'nope', options: {} } }),
    ).rejects.toThrow('Could not load the plugin nope of spec-plugins: it has no export "nope".');
    await expect(
      resolveRunSpec({ ...base(), layout: { module: 'spec-plugins', export: 'notAFunction', options: {} } }),
    ).rejects.toThrow('its export "notAFunction" is not a function to call with options');
    await expect(
      resolveRunSpec({ ...base(), renderer: { module: 'spec-plugins', export: 'marked' } }),
    ).rejects.toThrow(/marked of spec-plugins/);
  });
});

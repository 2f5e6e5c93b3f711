import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAdapterContext, discoveredRefs } from '@convx/core';
import { describe, expect, it } from 'vitest';
import { clineAdapter, createClineAdapter, rooAdapter } from '../src/index.js';

describe('default locations', () => {
  it('covers every editor on macOS, remote servers and the Cline data folder', () => {
    const found = clineAdapter.defaultLocations({ home: '/Users/al', env: {}, platform: 'darwin' });
    expect(found).toContain(
      '/Users/al/Library/Application Support/Code/User/globalStorage/saoudrizwan.claude-dev',
    );
    expect(found).toContain(
      '/Users/al/Library/Application Support/Code - Insiders/User/globalStorage/saoudrizwan.claude-dev',
    );
    expect(found).toContain(
      '/Users/al/Library/Application Support/VSCodium/User/globalStorage/saoudrizwan.claude-dev',
    );
    expect(found).toContain(
      '/Users/al/Library/Application Support/Cursor/User/globalStorage/saoudrizwan.claude-dev',
    );
    expect(found).toContain('/Users/al/.vscode-server/data/User/globalStorage/saoudrizwan.claude-dev');
    expect(found).toContain('/Users/al/.vscode-remote/data/User/globalStorage/saoudrizwan.claude-dev');
    expect(found.at(-1)).toBe('/Users/al/.cline/data');
  });

  it('follows APPDATA on Windows, XDG_CONFIG_HOME and CLINE_DIR / CLINE_DATA_DIR on Linux', () => {
    const win = rooAdapter.defaultLocations({
      home: 'C:\\Users\\al',
      env: { APPDATA: 'D:\\Roaming' },
      platform: 'win32',
    });
    expect(win[0]).toBe('D:\\Roaming\\Code\\User\\globalStorage\\rooveterinaryinc.roo-cline');
    expect(win.some((p) => p.includes('.cline'))).toBe(false);
    const linux = clineAdapter.defaultLocations({
      home: '/home/al',
      env: { XDG_CONFIG_HOME: '/cfg', CLINE_DIR: '/opt/cline' },
      platform: 'linux',
    });
    expect(linux[0]).toBe('/cfg/Code/User/globalStorage/saoudrizwan.claude-dev');
    expect(linux.at(-1)).toBe('/opt/cline/data');
    const dataDir = clineAdapter.defaultLocations({
      home: '/home/al',
      env: { CLINE_DATA_DIR: '/d', CLINE_DIR: '/x' },
      platform: 'linux',
    });
    expect(dataDir.at(-1)).toBe('/d');
  });
});

describe('discovery', () => {
  it('skips metadata-only folders and Roo caches, accepts a tasks folder or one task folder', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cline-discover-'));
    const task = (id: string, files: string[]) => {
      mkdirSync(join(root, 'tasks', id), { recursive: true });
      for (const f of files) writeFileSync(join(root, 'tasks', id, f), '[]');
    };
    task('1', ['api_conversation_history.json', 'ui_messages.json']);
    task('2', ['task_metadata.json']);
    task('3', ['claude_messages.json']);
    task('_cache', ['ui_messages.json']);
    const ids = async (locations: string[]) =>
      (await discoveredRefs(clineAdapter.discover(createAdapterContext({ home: root }), locations)))
        .map((ref) => ref.sessionId)
        .sort();
    expect(await ids([root])).toEqual(['1', '3']);
    expect(await ids([join(root, 'tasks')])).toEqual(['1', '3']);
    expect(await ids([join(root, 'tasks', '3')])).toEqual(['3']);
    expect(await ids([join(root, 'tasks', '1', 'ui_messages.json')])).toEqual(['1']);
  });
});

describe("Roo Code's storage moved by roo-cline.customStoragePath", () => {
  const ROO_TASK = '9e4a1b3c-6d8f-4a2e-b5c7-0f1e2d3c4b5a';
  const fixtureTask = join(
    dirname(fileURLToPath(import.meta.url)),
    '../../../fixtures/home/.vscode-server/data/User/globalStorage/rooveterinaryinc.roo-cline/tasks',
    ROO_TASK,
  );
  /** A home whose editors' user settings say `settings` (file text per editor folder name). */
  const homeWith = (settings: Record<string, string>) => {
    const home = mkdtempSync(join(tmpdir(), 'roo-custom-'));
    for (const [editor, text] of Object.entries(settings)) {
      mkdirSync(join(home, '.config', editor, 'User'), { recursive: true });
      writeFileSync(join(home, '.config', editor, 'User', 'settings.json'), text);
    }
    return home;
  };

  it('finds the tasks in the folder the setting names (JSONC, any editor, once each)', async () => {
    const store = mkdtempSync(join(tmpdir(), 'roo-store-'));
    cpSync(fixtureTask, join(store, 'tasks', ROO_TASK), { recursive: true });
    const setting = `{\n  // moved off the system disk\n  "roo-cline.customStoragePath": ${JSON.stringify(store)},\n}`;
    const home = homeWith({ Code: setting, VSCodium: setting, Cursor: '{ "editor.fontSize": 13 }' });
    const locations = rooAdapter.defaultLocations({ home, env: {}, platform: 'linux' });
    expect(locations.filter((l) => l === store)).toEqual([store]);
    const found = await discoveredRefs(rooAdapter.discover(createAdapterContext({ home }), locations));
    expect(found.map((ref) => [ref.sessionId, ref.path])).toEqual([
      [ROO_TASK, join(store, 'tasks', ROO_TASK)],
    ]);
  });

  it('ignores a relative or empty path, a broken file, and other extensions than Roo Code', () => {
    const env = (home: string) => ({ home, env: {}, platform: 'linux' as const });
    const plain = rooAdapter.defaultLocations(env(homeWith({})));
    for (const text of [
      '{ "roo-cline.customStoragePath": "relative/store" }',
      '{ "roo-cline.customStoragePath": "" }',
      '{ "roo-cline.customStoragePath": ',
    ]) {
      const home = homeWith({ Code: text });
      expect(rooAdapter.defaultLocations(env(home)).length, text).toBe(plain.length);
    }
    const moved = homeWith({ Code: '{ "roo-cline.customStoragePath": "/srv/roo" }' });
    expect(rooAdapter.defaultLocations(env(moved))).toContain('/srv/roo');
    expect(clineAdapter.defaultLocations(env(moved))).not.toContain('/srv/roo');
    const off = createClineAdapter({
      name: 'roo2',
      extensionId: 'rooveterinaryinc.roo-cline',
      storageSetting: false,
    });
    expect(off.defaultLocations(env(moved))).not.toContain('/srv/roo');
    const own = createClineAdapter({ name: 'fork', extensionId: 'me.fork', storageSetting: 'fork.storage' });
    const forked = homeWith({ Code: '{ "fork.storage": "/srv/fork" }' });
    expect(own.defaultLocations(env(forked))).toContain('/srv/fork');
  });
});

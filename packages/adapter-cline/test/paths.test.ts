import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdapterContext } from '@convx/core';
import { describe, expect, it } from 'vitest';
import { clineAdapter, rooAdapter } from '../src/index.js';

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
    const ids = async (locations: string[]) => {
      const out: string[] = [];
      for await (const ref of await clineAdapter.discover(createAdapterContext({ home: root }), locations))
        out.push(ref.sessionId);
      return out.sort();
    };
    expect(await ids([root])).toEqual(['1', '3']);
    expect(await ids([join(root, 'tasks')])).toEqual(['1', '3']);
    expect(await ids([join(root, 'tasks', '3')])).toEqual(['3']);
    expect(await ids([join(root, 'tasks', '1', 'ui_messages.json')])).toEqual(['1']);
  });
});

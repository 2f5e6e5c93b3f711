import type { Session } from '@convx/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveProject } from '../src/discover-workspace.js';
import { cursorAdapter } from '../src/index.js';
import { demoSpec, get, loadAll, tempHome } from './helpers.js';

let home: string;
let sessions: Map<string, Session>;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const built = await tempHome(demoSpec());
  ({ home, cleanup } = built);
  ({ sessions } = await loadAll(built.home, built.user));
});
afterAll(() => cleanup());

describe('project (cwd) per workspace shape', () => {
  it('single folder: the folder, for global composers listed by the workspace and for its chat tabs', () => {
    expect(get(sessions, '0b9e7f6a-2c4d-4e8f-a1b3-c5d7e9f1a2b4').cwd).toBe(`${home}/code/api`);
    expect(get(sessions, '5d1e8c0a-3b7f-4e2a-9c61-0f4b2a7d9e13').cwd).toBe(`${home}/code/api`);
  });

  it('multi-root .code-workspace (JSONC, relative paths): the first folder, all folders in meta', () => {
    const session = get(sessions, '3c5e7a9b-1d2f-4a6c-8e0b-2d4f6a8c0e1f');
    expect(session.cwd).toBe(`${home}/code/shop/frontend`);
    expect(session.meta).toMatchObject({
      workspaceFile: `${home}/code/shop/shop.code-workspace`,
      folders: [`${home}/code/shop/frontend`, `${home}/code/shared-lib`, `${home}/code/api`],
    });
    expect(session.diagnostics).toEqual([]);
  });

  it('percent-encoded folder with spaces: decoded, for inline and global composers alike', () => {
    expect(get(sessions, '4b6d8f0a-2c4e-4f6a-9b1d-3f5a7c9e1b3d').cwd).toBe(`${home}/code/my notes app`);
    expect(get(sessions, '7e1a3c5d-9f2b-4d6e-8a0c-4e6a8c0e2f4b').cwd).toBe(`${home}/code/my notes app`);
  });

  it('Windows drive URI: a Windows path', () => {
    expect(get(sessions, 'c0ffee00-1234-4abc-8def-0123456789ab').cwd).toBe(
      'C:\\Users\\alice\\source\\win-app',
    );
  });

  it('remote folder: the remote path, with the authority in meta.remote', () => {
    const session = get(sessions, 'd15ea5e0-4321-4cba-9fed-ba9876543210');
    expect(session.cwd).toBe('/home/alice/services/billing');
    expect(session.meta?.remote).toBe('ssh-remote+devbox');
  });

  it('orphan composer (listed by no workspace) and empty window: exported without a project', () => {
    const orphan = get(sessions, '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d');
    expect(orphan.cwd).toBeUndefined();
    expect(orphan.title).toBeUndefined();
    expect(orphan.meta?.workspaceId).toBeUndefined();
    expect(get(sessions, '6f2a9d1b-4c8e-4f3b-8d72-1a5c3b8e0f24').cwd).toBeUndefined();
  });
});

describe('resolveProject', () => {
  it('an empty window (no workspace.json) has no cwd, only its workspace id', async () => {
    expect(await resolveProject('/x/workspaceStorage/h', undefined)).toEqual({
      meta: { workspaceId: 'h' },
      problems: [],
    });
  });
});

describe('default locations', () => {
  const locations = (platform: NodeJS.Platform, env: Record<string, string> = {}, home = '/home/ada') =>
    cursorAdapter.defaultLocations({ home, env, platform });

  it('macOS: Application Support', () => {
    expect(locations('darwin', {}, '/Users/ada')).toEqual([
      '/Users/ada/Library/Application Support/Cursor/User',
    ]);
  });

  it('Linux: ~/.config, or an absolute XDG_CONFIG_HOME', () => {
    expect(locations('linux')).toEqual(['/home/ada/.config/Cursor/User']);
    expect(locations('linux', { XDG_CONFIG_HOME: '/data/config' })).toEqual(['/data/config/Cursor/User']);
    expect(locations('linux', { XDG_CONFIG_HOME: 'relative/config' })).toEqual([
      '/home/ada/.config/Cursor/User',
    ]);
  });

  it('Windows: %APPDATA%, else the roaming folder under the home', () => {
    expect(locations('win32', { APPDATA: 'D:\\Profiles\\ada\\AppData\\Roaming' }, 'C:\\Users\\ada')).toEqual([
      'D:\\Profiles\\ada\\AppData\\Roaming\\Cursor\\User',
    ]);
    expect(locations('win32', {}, 'C:\\Users\\ada')).toEqual([
      'C:\\Users\\ada\\AppData\\Roaming\\Cursor\\User',
    ]);
  });
});

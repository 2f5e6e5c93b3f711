import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Session } from '@convx/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFolder, resolveProject } from '../src/discover-workspace.js';
import { cursorAdapter, uriToPath } from '../src/index.js';
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

describe('uriToPath', () => {
  it.each([
    ['file:///home/me/app', '/home/me/app', undefined],
    ['file:///home/me/my%20app/', '/home/me/my app', undefined],
    ['file:///Users/me/%C3%BCber%23sicht', '/Users/me/über#sicht', undefined],
    ['file:///c%3A/Users/me/app', 'C:\\Users\\me\\app', undefined],
    ['file:///d:/work', 'D:\\work', undefined],
    ['file://fileserver/share/team', '\\\\fileserver\\share\\team', undefined],
    ['vscode-remote://ssh-remote%2Bdevbox/srv/app', '/srv/app', 'ssh-remote+devbox'],
    ['vscode-remote://wsl%2BUbuntu-24.04/home/me/app', '/home/me/app', 'wsl+Ubuntu-24.04'],
  ])('%s', (uri, path, remote) => {
    const resolved = uriToPath(uri);
    expect(resolved?.path).toBe(path);
    expect(resolved?.remote).toBe(remote);
  });

  it('answers undefined for other schemes and non-URIs', () => {
    expect(uriToPath('untitled:Untitled-1')).toBeUndefined();
    expect(uriToPath('vsls://abc/def')).toBeUndefined();
    expect(uriToPath('/plain/path')).toBeUndefined();
  });
});

describe('resolveProject edge cases', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'convx-cursor-ws-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const project = async (workspaceJson: unknown, files: Record<string, string> = {}) => {
    for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
    await writeFile(join(dir, 'workspace.json'), JSON.stringify(workspaceJson));
    return resolveProject(join(dir, 'hash'), join(dir, 'workspace.json'));
  };

  it('reads {uri} folders, absolute paths and remote folders of a .code-workspace', async () => {
    const result = await project(
      { workspace: `file://${dir}/multi.code-workspace` },
      {
        'multi.code-workspace': `{ "folders": [ { "uri": "vscode-remote://ssh-remote%2Bbox/srv/api" }, { "path": "/opt/tools" }, ], }`,
      },
    );
    expect(result.cwd).toBe('/srv/api');
    expect(result.meta).toMatchObject({
      remote: 'ssh-remote+box',
      folders: ['ssh-remote+box:/srv/api', '/opt/tools'],
    });
  });

  it('an empty window (no workspace.json) has no cwd', async () => {
    const result = await resolveProject(join(dir, 'h'), undefined);
    expect(result).toEqual({ meta: { workspaceId: 'h' }, problems: [] });
  });

  it('resolves relative folders of a Windows workspace file as Windows paths', () => {
    const file = { path: 'C:\\src\\shop\\shop.code-workspace', windows: true };
    expect(resolveFolder({ path: '../lib' }, file)?.path).toBe('C:\\src\\lib');
    expect(resolveFolder({ path: 'web' }, file)?.path).toBe('C:\\src\\shop\\web');
    expect(resolveFolder({ path: 'D:\\other' }, file)?.path).toBe('D:\\other');
  });

  it('files a missing workspace file under its folder, a remote one under no cwd, both counted', async () => {
    const missing = await project({ workspace: `file://${dir}/gone.code-workspace` });
    expect(missing.cwd).toBe(dir);
    expect(missing.meta.workspaceFile).toBe(`${dir}/gone.code-workspace`);
    expect(missing.problems.map((p) => p.code)).toEqual(['unreadable-workspace-file']);
    expect(missing.problems[0]?.message).toContain(`the project is taken to be its folder ${dir}`);
    const windows = await project({ workspace: 'file:///c%3A/Users/me/shop/shop.code-workspace' });
    expect(windows.cwd).toBe('C:\\Users\\me\\shop');
    const remote = await project({ workspace: 'vscode-remote://ssh-remote%2Bbox/srv/x.code-workspace' });
    expect(remote.cwd).toBeUndefined();
    expect(remote.meta.remote).toBe('ssh-remote+box');
    expect(remote.problems.map((p) => p.code)).toEqual(['remote-workspace-file']);
  });

  it('reads what parses of a broken .code-workspace and says so', async () => {
    const result = await project(
      { workspace: `file://${dir}/broken.code-workspace` },
      { 'broken.code-workspace': '{ "folders": [ { "path": "app" } ] "settings": {' },
    );
    expect(result.cwd).toBe(`${dir}/app`);
    expect(result.problems.map((p) => p.code)).toEqual(['malformed-workspace-file']);
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

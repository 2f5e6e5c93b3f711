import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileUriToPath, readVscodeWorkspace, vscodeUserDir } from '../src/index.js';
import { codeWorkspaceFolder } from '../src/paths/vscode-workspace.js';

describe('fileUriToPath', () => {
  it.each([
    ['file:///home/me/app', '/home/me/app', undefined, false],
    ['file:///home/me/my%20app/', '/home/me/my app', undefined, false],
    ['file:///Users/me/%C3%BCber%23sicht', '/Users/me/über#sicht', undefined, false],
    ['file:///', '/', undefined, false],
    ['file:///c%3A/Users/me/app', 'C:\\Users\\me\\app', undefined, true],
    ['file:///d:/work', 'D:\\work', undefined, true],
    ['file:///C%3A/', 'C:\\', undefined, true],
    ['file://fileserver/share/team', '\\\\fileserver\\share\\team', undefined, true],
    ['file://localhost/srv/app', '/srv/app', undefined, false],
    ['vscode-remote://ssh-remote%2Bdevbox/srv/app', '/srv/app', 'ssh-remote+devbox', false],
    ['vscode-remote://wsl%2BUbuntu-24.04/home/me/app', '/home/me/app', 'wsl+Ubuntu-24.04', false],
    [
      'vscode-remote://ssh-remote%2Bwinbox/c%3A/Users/me/app',
      'C:\\Users\\me\\app',
      'ssh-remote+winbox',
      true,
    ],
  ])('%s', (uri, path, remote, windows) => {
    expect(fileUriToPath(uri)).toEqual({ path, windows, ...(remote === undefined ? {} : { remote }) });
  });

  it('keeps text that is not valid percent-encoding as it is', () => {
    expect(fileUriToPath('file:///home/me/100%/app')?.path).toBe('/home/me/100%/app');
  });

  it('answers undefined for other schemes and non-URIs', () => {
    expect(fileUriToPath('untitled:Untitled-1')).toBeUndefined();
    expect(fileUriToPath('vsls://abc/def')).toBeUndefined();
    expect(fileUriToPath('/plain/path')).toBeUndefined();
    expect(fileUriToPath('')).toBeUndefined();
  });
});

describe('readVscodeWorkspace', () => {
  let dir: string;
  let n = 0;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'convx-vscode-ws-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** Writes `workspace.json` (and other files beside it) into a fresh workspace folder and resolves it. */
  const resolve = async (workspaceJson: unknown, files: Record<string, string> = {}) => {
    const hash = join(dir, `ws${n++}`);
    await mkdir(hash);
    for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
    const text = typeof workspaceJson === 'string' ? workspaceJson : JSON.stringify(workspaceJson);
    await writeFile(join(hash, 'workspace.json'), text);
    return readVscodeWorkspace(join(hash, 'workspace.json'));
  };

  it('single folder: the folder is the cwd', async () => {
    expect(await resolve({ folder: 'file:///home/me/code/api' })).toEqual({
      cwd: '/home/me/code/api',
      meta: {},
      problems: [],
    });
  });

  it('percent-encoded folder: decoded', async () => {
    expect((await resolve({ folder: 'file:///home/me/code/my%20notes%20app' })).cwd).toBe(
      '/home/me/code/my notes app',
    );
  });

  it('Windows drive folder: a Windows path', async () => {
    expect((await resolve({ folder: 'file:///c%3A/Users/alice/source/win-app' })).cwd).toBe(
      'C:\\Users\\alice\\source\\win-app',
    );
  });

  it('remote folder: the remote path, the authority in meta.remote', async () => {
    expect(await resolve({ folder: 'vscode-remote://ssh-remote%2Bdevbox/home/alice/billing' })).toEqual({
      cwd: '/home/alice/billing',
      meta: { remote: 'ssh-remote+devbox' },
      problems: [],
    });
  });

  it('a folder URI that is no path (Live Share): kept in meta, no cwd', async () => {
    expect(await resolve({ folder: 'vsls://abc/def' })).toEqual({
      meta: { folderUri: 'vsls://abc/def' },
      problems: [],
    });
  });

  it('.code-workspace (JSONC, relative paths): the first folder, every folder in meta, in order', async () => {
    await mkdir(join(dir, 'shop team'));
    const workspace = await resolve(
      { workspace: `file://${dir}/shop%20team/shop.code-workspace` },
      {
        'shop team/shop.code-workspace': `{
          // the shop
          "folders": [ { "path": "frontend" }, { "name": "lib", "path": "../shared-lib" }, { "path": "/opt/tools" }, ],
          "settings": {},
        }`,
      },
    );
    expect(workspace).toEqual({
      cwd: `${dir}/shop team/frontend`,
      meta: {
        workspaceFile: `${dir}/shop team/shop.code-workspace`,
        folders: [`${dir}/shop team/frontend`, `${dir}/shared-lib`, '/opt/tools'],
      },
      problems: [],
    });
    // The order of meta's keys is the order the facts were learned (sessions' meta keep it).
    expect(Object.keys(workspace.meta)).toEqual(['workspaceFile', 'folders']);
  });

  it('.code-workspace with {uri} folders: a remote first folder sets meta.remote after the folders', async () => {
    const result = await resolve(
      { workspace: `file://${dir}/multi.code-workspace` },
      {
        'multi.code-workspace': `{ "folders": [ { "uri": "vscode-remote://ssh-remote%2Bbox/srv/api" }, { "uri": "file:///d%3A/web" }, 7, { "path": "" } ] }`,
      },
    );
    expect(result.cwd).toBe('/srv/api');
    expect(result.meta).toEqual({
      workspaceFile: `${dir}/multi.code-workspace`,
      folders: ['ssh-remote+box:/srv/api', 'D:\\web'],
      remote: 'ssh-remote+box',
    });
  });

  it('a missing .code-workspace: its folder is the cwd, with a problem saying so', async () => {
    const missing = await resolve({ workspace: `file://${dir}/gone.code-workspace` });
    expect(missing.cwd).toBe(dir);
    expect(missing.meta.workspaceFile).toBe(`${dir}/gone.code-workspace`);
    expect(missing.problems.map((p) => p.code)).toEqual(['unreadable-workspace-file']);
    expect(missing.problems[0]?.message).toContain(`the project is taken to be its folder ${dir}`);
    const windows = await resolve({ workspace: 'file:///c%3A/Users/me/shop/shop.code-workspace' });
    expect(windows.cwd).toBe('C:\\Users\\me\\shop');
  });

  it('a remote .code-workspace: no cwd, the authority in meta, a problem', async () => {
    const remote = await resolve({ workspace: 'vscode-remote://ssh-remote%2Bbox/srv/x.code-workspace' });
    expect(remote).toEqual({
      meta: { workspaceFile: '/srv/x.code-workspace', remote: 'ssh-remote+box' },
      problems: [
        {
          code: 'remote-workspace-file',
          message:
            'the multi-root workspace file vscode-remote://ssh-remote%2Bbox/srv/x.code-workspace is not on this machine; its folders are unknown',
        },
      ],
    });
  });

  it('reads what parses of a broken .code-workspace and says so', async () => {
    const result = await resolve(
      { workspace: `file://${dir}/broken.code-workspace` },
      { 'broken.code-workspace': '{ "folders": [ { "path": "app" } ] "settings": {' },
    );
    expect(result.cwd).toBe(`${dir}/app`);
    expect(result.problems.map((p) => p.code)).toEqual(['malformed-workspace-file']);
  });

  it('no workspace.json (an empty window): nothing, no problem; a broken one: a problem', async () => {
    expect(await readVscodeWorkspace(join(dir, 'nowhere', 'workspace.json'))).toEqual({
      meta: {},
      problems: [],
    });
    const broken = await resolve('{"folder": ');
    expect(broken.cwd).toBeUndefined();
    expect(broken.problems.map((p) => p.code)).toEqual(['unreadable-workspace-json']);
    expect(await resolve('[]')).toEqual({ meta: {}, problems: [] });
  });

  it('resolves relative folders of a Windows workspace file as Windows paths', () => {
    const file = { path: 'C:\\src\\shop\\shop.code-workspace', windows: true };
    expect(codeWorkspaceFolder({ path: '../lib' }, file)?.path).toBe('C:\\src\\lib');
    expect(codeWorkspaceFolder({ path: 'web' }, file)?.path).toBe('C:\\src\\shop\\web');
    expect(codeWorkspaceFolder({ path: 'D:\\other' }, file)?.path).toBe('D:\\other');
    expect(codeWorkspaceFolder(null, file)).toBeUndefined();
  });
});

describe('vscodeUserDir', () => {
  it('macOS: Application Support', () => {
    expect(vscodeUserDir({ home: '/Users/ada', env: {}, platform: 'darwin' }, 'Code')).toBe(
      '/Users/ada/Library/Application Support/Code/User',
    );
  });

  it('Linux: ~/.config, or an absolute XDG_CONFIG_HOME (a relative one is ignored)', () => {
    const linux = (env: Record<string, string>) =>
      vscodeUserDir({ home: '/home/ada', env, platform: 'linux' }, 'Cursor');
    expect(linux({})).toBe('/home/ada/.config/Cursor/User');
    expect(linux({ XDG_CONFIG_HOME: '/data/config' })).toBe('/data/config/Cursor/User');
    expect(linux({ XDG_CONFIG_HOME: 'relative' })).toBe('/home/ada/.config/Cursor/User');
  });

  it('Windows: %APPDATA%, else the roaming folder under the home', () => {
    const win = (env: Record<string, string>) =>
      vscodeUserDir({ home: 'C:\\Users\\ada', env, platform: 'win32' }, 'Code - Insiders');
    expect(win({ APPDATA: 'D:\\Roaming' })).toBe('D:\\Roaming\\Code - Insiders\\User');
    expect(win({})).toBe('C:\\Users\\ada\\AppData\\Roaming\\Code - Insiders\\User');
  });
});

import { describe, expect, it } from 'vitest';
import { copilotVscodeAdapter, createCopilotVscodeAdapter } from '../src/index.js';
import { productOf } from '../src/paths.js';

const locations = (platform: NodeJS.Platform, home: string, env: Record<string, string> = {}) =>
  copilotVscodeAdapter.defaultLocations({ home, env, platform });

describe('default locations', () => {
  it('covers VS Code, Insiders and VSCodium on Linux (XDG honoured) plus the remote-server folders', () => {
    expect(locations('linux', '/home/alice')).toEqual([
      '/home/alice/.config/Code/User',
      '/home/alice/.config/Code - Insiders/User',
      '/home/alice/.config/VSCodium/User',
      '/home/alice/.config/VSCodium - Insiders/User',
      '/home/alice/.vscode-server/data/User',
      '/home/alice/.vscode-server-insiders/data/User',
      '/home/alice/.vscode-remote/data/User',
      '/home/alice/.vscodium-server/data/User',
    ]);
    expect(locations('linux', '/home/alice', { XDG_CONFIG_HOME: '/xdg' })[0]).toBe('/xdg/Code/User');
    // A relative XDG_CONFIG_HOME is invalid by the spec and ignored.
    expect(locations('linux', '/home/alice', { XDG_CONFIG_HOME: 'rel' })[0]).toBe(
      '/home/alice/.config/Code/User',
    );
  });

  it('uses Application Support on macOS and %APPDATA% on Windows', () => {
    expect(locations('darwin', '/Users/alice')[1]).toBe(
      '/Users/alice/Library/Application Support/Code - Insiders/User',
    );
    expect(locations('win32', 'C:\\Users\\alice', { APPDATA: 'D:\\Roaming' })[0]).toBe(
      'D:\\Roaming\\Code\\User',
    );
    expect(locations('win32', 'C:\\Users\\alice')).toContain(
      'C:\\Users\\alice\\AppData\\Roaming\\VSCodium\\User',
    );
    expect(locations('win32', 'C:\\Users\\alice')).toContain('C:\\Users\\alice\\.vscode-server\\data\\User');
  });

  it('adds a portable install and takes the builds to search as an option', () => {
    expect(locations('linux', '/home/alice', { VSCODE_PORTABLE: '/opt/vscode/data' })).toContain(
      '/opt/vscode/data/user-data/User',
    );
    const adapter = createCopilotVscodeAdapter({ products: ['Code - OSS'] });
    expect(adapter.defaultLocations({ home: '/home/alice', env: {}, platform: 'linux' }).slice(0, 2)).toEqual(
      ['/home/alice/.config/Code - OSS/User', '/home/alice/.vscode-server/data/User'],
    );
  });

  it('names the build a user folder belongs to', () => {
    expect(productOf('/home/alice/.config/Code - Insiders/User')).toBe('Code - Insiders');
    expect(productOf('/home/alice/.vscode-server/data/User')).toBe('.vscode-server');
    expect(productOf('C:\\Users\\alice\\AppData\\Roaming\\VSCodium\\User')).toBe('VSCodium');
    expect(productOf('/somewhere/else')).toBeUndefined();
  });
});

describe('options', () => {
  const rejection = (options: unknown): unknown => {
    try {
      createCopilotVscodeAdapter(options as Parameters<typeof createCopilotVscodeAdapter>[0]);
    } catch (error) {
      return error;
    }
    return undefined;
  };

  it.each([
    [
      { products: 'Code' },
      `the copilot-vscode adapter's products option must be a list of folder names (got "Code")`,
    ],
    [
      { products: ['Code', ''] },
      `the copilot-vscode adapter's products option must be a list of folder names (got ["Code",""])`,
    ],
    [
      { includeOtherParticipants: 1 },
      "the copilot-vscode adapter's includeOtherParticipants option must be true or false (got 1)",
    ],
  ])('rejects %j with one sentence', (options, message) => {
    const error = rejection(options);
    expect(error).toMatchObject({ code: 'INVALID_OPTION', message });
  });
});

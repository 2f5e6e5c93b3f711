import { isConvxError } from '@convx/core';
import { describe, expect, it } from 'vitest';
import { type ClineAdapterOptions, createClineAdapter } from '../src/index.js';

/** The error `createClineAdapter` throws for these options (plain data: they may come from a config file). */
function rejection(options: unknown): unknown {
  try {
    createClineAdapter(options as ClineAdapterOptions);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('options', () => {
  it('builds an adapter of the family from plain data', () => {
    const adapter = createClineAdapter({
      name: 'acme',
      displayName: 'Acme',
      extensionId: 'acme.agent',
      editors: ['Code'],
    });
    expect(adapter.name).toBe('acme');
    expect(adapter.defaultLocations({ home: '/home/al', env: {}, platform: 'linux' })[0]).toBe(
      '/home/al/.config/Code/User/globalStorage/acme.agent',
    );
  });

  it.each([
    [
      { name: 'Roo Code' },
      `the cline adapter's name option must be a lower-case name like "roo" (got "Roo Code")`,
    ],
    [
      { name: 'roo', extensionId: '' },
      `the roo adapter's extensionId option must be a non-empty string (got "")`,
    ],
    [{ displayName: 7 }, "the cline adapter's displayName option must be a non-empty string (got 7)"],
    [{ editors: 'Code' }, `the cline adapter's editors option must be a list of folder names (got "Code")`],
    [{ clineHome: 'yes' }, `the cline adapter's clineHome option must be true or false (got "yes")`],
    [
      { storageSetting: '' },
      `the cline adapter's storageSetting option must be a setting's name or false (got "")`,
    ],
  ])('rejects %j with one sentence', (options, message) => {
    const error = rejection(options);
    expect(isConvxError(error) && error.code).toBe('INVALID_OPTION');
    expect((error as Error).message).toBe(message);
  });
});

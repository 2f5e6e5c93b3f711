import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unsupportedNode } from '../src/node-version.js';
import { cliPath } from './support/paths.js';

describe('the Node.js version check', () => {
  it('accepts 22.13 and newer, refuses older ones in one sentence', () => {
    for (const ok of ['22.13.0', '22.20.1', '23.0.0', '24.21.0', '30.1.2'])
      expect(unsupportedNode(ok)).toBeUndefined();
    for (const old of ['22.12.0', '20.20.2', '18.0.0']) {
      expect(unsupportedNode(old)).toBe(
        `Node.js 22.13 or newer is needed, but this is ${old}; install a current Node.js (https://nodejs.org) and run it again.`,
      );
    }
  });

  // Debian's own node (if this machine has an older one) runs the built CLI: one sentence, exit 1, no trace.
  const systemNode = ['/usr/bin/node', '/usr/local/bin/node'].find(existsSync);
  const version = systemNode
    ? execFileSync(systemNode, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim()
    : '';
  it.runIf(systemNode && unsupportedNode(version))('stops on an old Node.js before loading anything', () => {
    const result = spawnSync(systemNode as string, [cliPath, 'backup', '--output-path', '/nonexistent'], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`convx: ${unsupportedNode(version)}\n`);
  });
});

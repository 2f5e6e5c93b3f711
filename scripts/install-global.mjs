#!/usr/bin/env node
// `./dev install-global` (after a build): installs convx from this clone the way a registry install would,
// until the packages are published — packs every package and `npm install -g`s the tarballs together, so
// `convx` lands on your PATH (npm's global bin folder). `--prefix DIR` installs below DIR instead.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packAll } from './pack.mjs';

/** Where npm puts global executables for a prefix: `<prefix>/bin`, or the prefix itself on Windows. */
export function globalBin(prefix) {
  return process.platform === 'win32' ? prefix : join(prefix, 'bin');
}

/** Packs and installs globally (into `prefix` when given). Returns the prefix npm used. */
export function installGlobal({ prefix, env = process.env, quiet = false } = {}) {
  const work = mkdtempSync(join(tmpdir(), 'convx-install-'));
  try {
    const { tarballs } = packAll(work, env);
    const npm = (args) =>
      spawnSync('npm', args, { env, encoding: 'utf8', shell: process.platform === 'win32' });
    const where = prefix ? ['--prefix', prefix] : [];
    const installed = npm([
      'install',
      '--global',
      ...where,
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...tarballs,
    ]);
    if (installed.error) throw installed.error;
    if (installed.status !== 0)
      throw new Error(`npm install --global failed:\n${installed.stderr || installed.stdout}`);
    const used = prefix ?? npm(['prefix', '--global']).stdout.trim();
    if (!quiet) {
      console.log(`Installed convx from ${tarballs.length} packed packages into ${used}.`);
      console.log(
        `The command: ${join(globalBin(used), process.platform === 'win32' ? 'convx.cmd' : 'convx')}`,
      );
      console.log('It runs with the node on your PATH, which must be Node.js 22.13 or newer.');
    }
    return used;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--prefix');
  const prefix = at === -1 ? undefined : process.argv[at + 1];
  try {
    installGlobal(prefix ? { prefix: resolve(prefix) } : {});
  } catch (error) {
    console.error(`install-global: ${error.message}`);
    process.exit(1);
  }
}

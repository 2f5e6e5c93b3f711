// Packs every publishable package (packages/* and apps/cli that are not private) into tarballs, as
// `npm publish` would send them. Shared by scripts/pack-test.mjs and scripts/install-global.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = join(dirname(fileURLToPath(import.meta.url)), '..');

/** packages/* and apps/cli that are not private, with their manifests. */
export function publishablePackages() {
  const dirs = [
    ...readdirSync(join(repo, 'packages'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => join(repo, 'packages', d.name)),
    join(repo, 'apps/cli'),
  ];
  return dirs
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => !manifest.private);
}

/**
 * `pnpm pack`s every publishable package into `destination` (pnpm rewrites `workspace:` ranges to versions).
 * Returns the tarball paths; throws with pnpm's output when one fails or a package was not built.
 */
export function packAll(destination, env = process.env) {
  mkdirSync(destination, { recursive: true });
  const packages = publishablePackages();
  for (const { dir, manifest } of packages) {
    if (!existsSync(join(dir, 'dist')))
      throw new Error(`${manifest.name} has no dist/; run pnpm build first.`);
    const packed = spawnSync('pnpm', ['pack', '--pack-destination', destination], {
      cwd: dir,
      env,
      encoding: 'utf8',
      shell: process.platform === 'win32',
    });
    if (packed.error) throw packed.error;
    if (packed.status !== 0)
      throw new Error(`pnpm pack ${manifest.name}:\n${packed.stderr || packed.stdout}`);
  }
  const tarballs = readdirSync(destination)
    .filter((f) => f.endsWith('.tgz'))
    .map((f) => join(destination, f));
  if (tarballs.length !== packages.length)
    throw new Error(`expected ${packages.length} tarballs, got ${tarballs.length}: ${tarballs.join(', ')}`);
  return { packages, tarballs };
}

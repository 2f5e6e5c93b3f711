import { execFile } from 'node:child_process';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const exec = promisify(execFile);
export const repo = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const cliPath = join(repo, 'apps/cli/dist/cli.js');

/**
 * The repository's fake home (fixtures/home) backed up with the built CLI into a fresh output; returns its
 * root. The corrupt Cursor database among the fixtures makes the backup exit 1, which is expected.
 */
export async function backupFixtures(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'convx-tui-'));
  const home = join(root, 'home');
  const out = join(root, 'out');
  await cp(join(repo, 'fixtures/home'), home, { recursive: true });
  const args = ['backup', '--output-path', out, '--init', '--home', home];
  await exec(process.execPath, [
    cliPath,
    ...args,
    '--user',
    'demo',
    '--system-name',
    'demo-machine',
    '--quiet',
  ]).catch((error: { code?: number }) => {
    if (error.code !== 1) throw error;
  });
  return out;
}

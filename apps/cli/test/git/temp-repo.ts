import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { git } from '../../src/git/run.js';

const made: string[] = [];

/** A fresh temp folder (real path, so comparisons with git's output hold on macOS too). */
export async function tempDir(prefix = 'convx-test-'): Promise<string> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), prefix)));
  made.push(dir);
  return dir;
}

/** A fresh repository with an identity configured and one branch `main`. */
export async function tempRepo(options: { commit?: boolean } = {}): Promise<string> {
  const dir = await tempDir('convx-repo-');
  await git(['init', '--quiet', '--initial-branch=main'], { cwd: dir });
  await git(['config', 'user.name', 'Test User'], { cwd: dir });
  await git(['config', 'user.email', 'test@example.invalid'], { cwd: dir });
  await git(['config', 'commit.gpgsign', 'false'], { cwd: dir });
  if (options.commit) {
    await writeFileIn(dir, 'README.md', '# project\n');
    await git(['add', 'README.md'], { cwd: dir });
    await git(['commit', '--quiet', '-m', 'initial'], { cwd: dir });
  }
  return dir;
}

export async function writeFileIn(root: string, rel: string, content: string): Promise<string> {
  const path = join(root, rel);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
  return path;
}

export async function cleanupTemp(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

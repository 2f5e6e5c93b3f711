import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic.js';
import { statePath } from './index-file.js';
import type { OpenProblems } from './types.js';

/** `.convx/state/problems.json`: the warnings and failures still open after the last runs. */
export const PROBLEMS_FILE = 'problems.json';

const none = (): OpenProblems => ({ warnings: [], failures: [] });

/** The open warnings and failures of an output (none when the file is missing or unreadable). */
export async function readOpenProblems(outputRoot: string): Promise<OpenProblems> {
  try {
    const stored = JSON.parse(await readFile(statePath(outputRoot, PROBLEMS_FILE), 'utf8')) as {
      version?: unknown;
    } & Partial<OpenProblems>;
    if (stored.version !== 1 || !Array.isArray(stored.warnings) || !Array.isArray(stored.failures))
      return none();
    return { warnings: stored.warnings, failures: stored.failures };
  } catch {
    return none();
  }
}

export async function writeOpenProblems(outputRoot: string, problems: OpenProblems): Promise<void> {
  const dir = statePath(outputRoot);
  await mkdir(join(dir, 'tmp'), { recursive: true });
  await writeFileAtomic(
    join(dir, PROBLEMS_FILE),
    `${JSON.stringify({ version: 1, ...problems }, null, 2)}\n`,
    join(dir, 'tmp'),
  );
}

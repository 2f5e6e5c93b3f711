import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ConvxError } from '@convx/core';

export interface GitOptions {
  /** The folder git runs in. */
  cwd: string;
  /** Extra environment variables (e.g. `GIT_INDEX_FILE`), on top of the process environment. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Written to git's standard input (e.g. `update-index --index-info` lines, a commit message). */
  input?: string;
}

/** A git command that exited non-zero: carries its exit code and stderr so callers can explain it. */
export class GitCommandError extends Error {
  override readonly name = 'GitCommandError';
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | undefined,
    readonly stderr: string,
    options?: ErrorOptions,
  ) {
    super(`git ${args.join(' ')} failed${stderr ? `: ${stderr}` : ''}`, options);
  }
}

/**
 * Variables git sets for hooks (and users set for scripts) that would point commands at another repository
 * or index than the `cwd` given: convx always names the repository by folder, so inherited ones are dropped.
 */
const REPOSITORY_VARIABLES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_PREFIX', 'GIT_COMMON_DIR'];

function gitEnv(extra: GitOptions['env']): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of REPOSITORY_VARIABLES) delete env[name];
  return { ...env, ...extra, GIT_TERMINAL_PROMPT: '0' };
}

/**
 * Runs git with arguments (no shell, so paths are never interpreted) and returns stdout with the final
 * newline removed. Throws {@link GitCommandError} on a non-zero exit, and a ConvxError when git is missing.
 */
export function git(args: readonly string[], options: GitOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      [...args],
      {
        cwd: options.cwd,
        env: gitEnv(options.env),
        maxBuffer: 64 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout.replace(/\r?\n$/, ''));
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !stderr && !existsSync(options.cwd)) {
          return reject(
            new ConvxError('OUTPUT_NOT_A_REPO', `The folder ${options.cwd} does not exist.`, undefined, {
              cause: error,
            }),
          );
        }
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !stderr) {
          return reject(
            new ConvxError(
              'OUTPUT_NOT_A_REPO',
              'git was not found on PATH; install git and try again.',
              undefined,
              {
                cause: error,
              },
            ),
          );
        }
        const exitCode = typeof error.code === 'number' ? error.code : undefined;
        reject(new GitCommandError(args, exitCode, stderr.trim(), { cause: error }));
      },
    );
    // A git that exits before reading it all closes the pipe: its exit status tells what went wrong.
    child.stdin?.on('error', () => {});
    child.stdin?.end(options.input);
  });
}

import { stat } from 'node:fs/promises';
import { formatEffectiveConfig, loadConfig } from '../config/index.js';
import { EXIT, usageError } from '../errors.js';
import { showToplevel } from '../git/repo.js';
import type { CliIO } from '../io.js';
import { stringFlag } from '../options/flag-values.js';
import { defaultSystemName, defaultUser } from '../options/identity.js';
import { resolvePathFlag } from '../options/tilde.js';
import type { CommandSpec } from './types.js';

/**
 * `convx config`: the effective settings of a backup output (`--output-path`) or, without it, of the
 * repository around the current folder (what `convx sync` and the hook use). An invalid file is the same
 * error (exit 2) a run would stop with.
 */
export async function runConfig(flags: { outputPath?: string }, io: CliIO): Promise<string> {
  let root: string;
  if (flags.outputPath !== undefined) {
    root = resolvePathFlag(io.cwd, flags.outputPath);
    // A mistyped path would otherwise print the defaults as if they were that output's settings.
    if (!(await stat(root).catch(() => undefined))?.isDirectory()) {
      throw usageError(`The output folder ${root} does not exist; pass the folder convx backup writes to.`);
    }
  } else {
    const top = await showToplevel(io.cwd);
    if (!top) {
      throw usageError(
        'convx config shows the settings of a repository: run it inside one (for sync), or pass --output-path DIR (for backup).',
      );
    }
    root = top;
  }
  const loaded = await loadConfig(root);
  const text = formatEffectiveConfig(loaded, {
    runtimeDefaults: { user: defaultUser(io.env), systemName: defaultSystemName() },
  });
  io.stdout.write(text);
  return text;
}

export const configCommand: CommandSpec = {
  name: 'config',
  description: 'Print the effective settings (.convx/config.toml plus defaults) as TOML',
  define(command) {
    command
      .option(
        '--output-path <dir>',
        'A backup output repository (default: the repository around this folder)',
      )
      .example((bin) => `  $ ${bin} config --output-path ~/ai-history`)
      .example((bin) => `  $ cd ~/code/app && ${bin} config`);
  },
  async run(flags, io) {
    await runConfig(
      { ...(stringFlag(flags, 'outputPath') ? { outputPath: stringFlag(flags, 'outputPath') } : {}) },
      io,
    );
    return EXIT.ok;
  },
};

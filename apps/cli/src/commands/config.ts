import { formatEffectiveConfig, loadConfig } from '../config/index.js';
import { EXIT } from '../errors.js';
import type { CliIO } from '../io.js';
import { declareFlags } from '../options/declare.js';
import { resolveReadOutput } from '../options/read-output.js';
import { commandValues, runtimeDefaults } from '../options/values.js';
import type { CommandSpec } from './types.js';

/**
 * `convx config`: the effective settings of a backup output (`--output-path`) or, without it, of the
 * repository around the current folder (what `convx sync` and the hook use), else of the configured backup
 * output ($CONVX_OUTPUT_PATH, the user config's `output_path`). An invalid file is the same
 * error (exit 2) a run would stop with.
 */
export async function runConfig(flags: { outputPath?: string }, io: CliIO): Promise<string> {
  const { root } = await resolveReadOutput(flags.outputPath, io, 'config', { anyRepository: true });
  const loaded = await loadConfig(root);
  const text = formatEffectiveConfig(loaded, {
    runtimeDefaults: runtimeDefaults(io),
  });
  io.stdout.write(text);
  return text;
}

export const configCommand: CommandSpec = {
  name: 'config',
  description: 'Print the effective settings (.convx/config.toml plus defaults) as TOML',
  define(command) {
    declareFlags(command, 'config');
    command
      .example((bin) => `  $ ${bin} config --output-path ~/ai-history`)
      .example((bin) => `  $ cd ~/code/app && ${bin} config`);
  },
  async run(flags, io) {
    await runConfig(commandValues(flags, 'config', io), io);
    return EXIT.ok;
  },
};

import { type CAC, type Command, cac } from 'cac';
import { backupCommand } from './commands/backup.js';
import { configCommand } from './commands/config.js';
import { exploreCommand } from './commands/explore.js';
import { hooksCommand } from './commands/hooks.js';
import { scanCommand } from './commands/scan.js';
import { searchCommand } from './commands/search.js';
import { statsCommand } from './commands/stats.js';
import { syncCommand } from './commands/sync.js';
import type { CommandSpec } from './commands/types.js';
import { EXIT, errorLines, exitCodeOf, usageError } from './errors.js';
import type { CliIO } from './io.js';
import { parseFlags } from './options/argv.js';
import { declareGlobalFlags } from './options/declare.js';
import { colorsFor } from './output/colors.js';
import { didYouMean } from './text/did-you-mean.js';
import { VERSION } from './version.js';

const COMMANDS: readonly CommandSpec[] = [
  backupCommand,
  syncCommand,
  hooksCommand,
  configCommand,
  statsCommand,
  searchCommand,
  scanCommand,
  exploreCommand,
];

const EXIT_CODES_HELP = [
  `  ${EXIT.ok}    everything was exported (or was already up to date)`,
  `  ${EXIT.failures}    the run finished, but some sessions or source files could not be exported (listed),`,
  "       or committing or pushing what it wrote failed (the run's files and any local commit are kept);",
  '       for convx scan: possible secrets were found (or a file could not be read)',
  `  ${EXIT.usage}    usage error: bad flags or config, unknown source, missing output, not a git repository, broken plugin`,
  `  ${EXIT.locked}    another convx run is writing to the same output`,
  `  ${EXIT.internal}    unexpected error (run with --verbose for details)`,
  `  ${EXIT.interrupted}  interrupted (Ctrl-C); the next run resumes`,
].join('\n');

/** Declares the commands and their flags (also the source of the --help text). */
export function defineProgram(): { cli: CAC; handlers: Map<string, CommandSpec> } {
  const cli = cac('convx');
  const handlers = new Map<string, CommandSpec>();
  for (const spec of COMMANDS) {
    const command = cli.command(spec.usage ?? spec.name, spec.description);
    spec.define(command);
    // cac gives negated flags (--no-recursive) a `default: true`, which --help would print and which would
    // count as typed; only flags on the command line count.
    for (const option of command.options) if (option.negated) option.config.default = undefined;
    handlers.set(spec.name, spec);
  }
  declareGlobalFlags(cli.globalCommand);
  for (const option of cli.globalCommand.options) if (option.negated) option.config.default = undefined;
  cli.help((sections) => [...sections, { title: 'Exit codes', body: EXIT_CODES_HELP }]);
  // Show the version in the help header without cac's own --version handling (which adds platform noise).
  cli.globalCommand.versionNumber = VERSION;
  return { cli, handlers };
}

/** Runs the CLI on `argv` (without the node and script entries). Returns the exit code; never throws. */
export async function main(args: readonly string[], io: CliIO): Promise<number> {
  const verbose = args.includes('--verbose');
  try {
    return await dispatch(args, io);
  } catch (error) {
    const colors = colorsFor(io.stderr, io.env, args.includes('--no-color'));
    const [first = '', ...rest] = errorLines(error, verbose);
    io.stderr.write(`${colors.red('convx:')} ${first}\n`);
    for (const line of rest) io.stderr.write(`${colors.dim(line)}\n`);
    return exitCodeOf(error);
  }
}

async function dispatch(args: readonly string[], io: CliIO): Promise<number> {
  const { cli, handlers } = defineProgram();
  // cac finds the command and prints --help; values are parsed strictly below.
  cli.parse(['node', 'convx', ...args], { run: false });
  if (cli.options.help) return EXIT.ok;
  const command: Command | undefined = cli.matchedCommand;
  // A mistyped command first: its flags would otherwise be reported as unknown to `convx` itself.
  const [typed] = cli.args;
  if (!command && typed !== undefined) throw unknownCommand(String(typed), [...handlers.keys()]);
  const label = command ? `convx ${command.name}` : 'convx';
  const others = cli.commands
    .filter((other) => other !== command)
    .map((other) => ({ label: `convx ${other.name}`, options: other.options }));
  const { positionals, flags } = parseFlags(
    args,
    [...cli.globalCommand.options, ...(command?.options ?? [])],
    label,
    others,
    command ? handlers.get(command.name)?.unknownOptionHint : undefined,
  );
  if (flags.version) {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  if (!command) {
    const [name] = positionals;
    if (name === undefined) {
      cli.outputHelp();
      return EXIT.usage;
    }
    throw unknownCommand(name, [...handlers.keys()]);
  }
  const spec = handlers.get(command.name);
  if (!spec) throw new Error(`no handler for ${command.name}`);
  const operands = positionals.slice(1);
  const allowed = spec.arguments ?? 0;
  if (operands.length > allowed) {
    const extra = operands[allowed];
    throw usageError(
      allowed === 0
        ? `Unexpected argument "${extra}": ${label} takes only options (run ${label} --help).`
        : `Unexpected argument "${extra}" for ${label} (run ${label} --help).`,
    );
  }
  return spec.run(flags, io, operands);
}

function unknownCommand(name: string, commands: string[]): Error {
  return usageError(
    `Unknown command "${name}"${didYouMean(name, commands)}; the commands are ${listWords(commands)} (run convx --help).`,
  );
}

/** `a`, `a and b`, `a, b and c`. */
function listWords(words: string[]): string {
  return words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

import { describeError } from '@convx/core';
import { loadConfig } from '../config/index.js';
import { EXIT } from '../errors.js';
import type { CliIO } from '../io.js';
import { booleanFlag, stringFlag } from '../options/flag-values.js';
import { readOutputDefault, resolveReadOutput } from '../options/read-output.js';
import { colorsFor } from '../output/colors.js';
import { writeJson } from '../output/json.js';
import { redactionFromConfig } from '../privacy/index.js';
import { fixFindings, SCANNED_EXTENSIONS, type ScanFinding, scanTree } from '../privacy/scan-files.js';
import type { CommandSpec } from './types.js';

export interface ScanFlags {
  outputPath?: string;
  fix?: boolean;
  json?: boolean;
  noColor?: boolean;
}

/**
 * `convx scan`: looks for secrets in an existing history folder (exported before redaction, with
 * `--no-redact`, or by another tool) with the same rules as a run (the folder's `.convx/config.toml` rules,
 * allow list, disabled ids and sanitize keywords; `enabled = false` does not turn the scan off). Prints file,
 * line, column and rule, never the secret. `--fix` redacts the files in place. Exit 1 while secrets remain.
 */
export async function runScan(flags: ScanFlags, io: CliIO): Promise<number> {
  const { root } = await resolveReadOutput(flags.outputPath, io, 'scan', { anyRepository: true });
  const { redactor } = redactionFromConfig((await loadConfig(root)).config, true);
  if (!redactor) throw new Error('the scan redactor is always built when secrets are on');
  const errors: { path: string; message: string }[] = [];
  const onError = (path: string, error: unknown) => errors.push({ path, message: describeError(error) });

  const scanned = await scanTree(root, redactor, onError);
  const fixed = flags.fix ? await fixFindings(root, scanned.findings, redactor, onError) : [];
  // After a fix, what counts is what is still there.
  const remaining = flags.fix
    ? (await scanTree(root, redactor, onError, [...new Set(scanned.findings.map((f) => f.path))])).findings
    : scanned.findings;
  const exitCode = remaining.length > 0 || errors.length > 0 ? EXIT.failures : EXIT.ok;

  if (flags.json) {
    const report = {
      root,
      filesScanned: scanned.filesScanned,
      findings: scanned.findings,
      ...(flags.fix ? { fixed, remaining } : {}),
      errors,
    };
    writeJson(io.stdout, report);
    return exitCode;
  }

  const colors = colorsFor(io.stdout, io.env, flags.noColor);
  const location = (f: ScanFinding) => `${f.path}:${f.line}:${f.column}`;
  for (const f of scanned.findings) {
    io.stdout.write(
      `${location(f)}  ${colors.yellow(f.ruleId)}${f.preview ? colors.dim(`  ${f.preview}`) : ''}\n`,
    );
  }
  const fileCount = new Set(scanned.findings.map((f) => f.path)).size;
  const files = `${scanned.filesScanned} file${scanned.filesScanned === 1 ? '' : 's'}`;
  if (scanned.findings.length === 0) {
    io.stdout.write(`No secrets found in ${files} under ${root}.\n`);
  } else if (!flags.fix) {
    io.stdout.write(
      `\n${scanned.findings.length} possible secret${scanned.findings.length === 1 ? '' : 's'} in ${fileCount} of ${files} under ${root}.\nRun convx scan --fix to redact them in place (then commit; earlier commits still hold them).\n`,
    );
  } else {
    io.stdout.write('\n');
    for (const result of fixed) {
      io.stdout.write(`fixed ${result.path}: ${result.redactions} redacted (${result.ruleIds.join(', ')})\n`);
    }
    const total = fixed.reduce((n, r) => n + r.redactions, 0);
    io.stdout.write(
      `Redacted ${total} secret${total === 1 ? '' : 's'} in ${fixed.length} file${fixed.length === 1 ? '' : 's'} under ${root}; commit the change (earlier commits still hold them).\n`,
    );
    for (const f of remaining) io.stdout.write(`${colors.red('still there:')} ${location(f)}  ${f.ruleId}\n`);
  }
  for (const e of errors) io.stderr.write(`${colors.red('cannot scan')} ${e.path}: ${e.message}\n`);
  return exitCode;
}

export const scanCommand: CommandSpec = {
  name: 'scan',
  description: 'Look for secrets in an existing history folder (and redact them in place with --fix)',
  define(command) {
    command
      .option(
        '--output-path <dir>',
        `The folder to scan (${readOutputDefault(true)}); reads ${SCANNED_EXTENSIONS.join(' ')} files`,
      )
      .option('--fix', 'Redact what is found in place (atomically), then report what was fixed')
      .option('--json', 'Print the findings as JSON on stdout')
      .example((bin) => `  $ ${bin} scan --output-path ~/ai-history`)
      .example(
        (bin) =>
          `  $ ${bin} scan --output-path ~/ai-history --fix && git -C ~/ai-history commit -am "redact"`,
      );
  },
  async run(flags, io) {
    const outputPath = stringFlag(flags, 'outputPath');
    return runScan(
      {
        ...(outputPath !== undefined ? { outputPath } : {}),
        fix: booleanFlag(flags, 'fix'),
        json: booleanFlag(flags, 'json'),
        noColor: booleanFlag(flags, 'noColor'),
      },
      io,
    );
  },
};

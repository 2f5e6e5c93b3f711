import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError, dropIndex, lockOutput } from '@convx/core';
import type { FixResult, Redactor } from '@convx/redact';
import { loadConfig } from '../config/index.js';
import { EXIT } from '../errors.js';
import type { CliIO } from '../io.js';
import { declareFlags } from '../options/declare.js';
import { resolveReadOutput } from '../options/read-output.js';
import type { CommandValues } from '../options/tables.js';
import { commandValues, mergeValues } from '../options/values.js';
import { colorsFor } from '../output/colors.js';
import { writeJson } from '../output/json.js';
import { redactionFromConfig } from '../privacy/index.js';
import { relinkRenamed } from '../privacy/relink.js';
import { fixFindings, listScannableFiles, type ScanFinding, scanTree } from '../privacy/scan-files.js';
import {
  listEntries,
  maskedPath,
  type NameFinding,
  renameSecretNames,
  secretNames,
} from '../privacy/scan-names.js';
import type { CommandSpec } from './types.js';

export type ScanFlags = CommandValues<'scan'> & { noColor?: boolean };

/** What `--fix` did: renames, relinked transcripts, redacted files, and what is still there after. */
interface FixOutcome {
  renamed: Array<{ from: string; to: string }>;
  relinked: string[];
  fixed: FixResult[];
  remaining: ScanFinding[];
  remainingNames: NameFinding[];
}

/**
 * Fixes names first (renames, then links pointing at them), then contents, holding the output's lock when
 * the folder is a convx output; a renamed or rewritten twin makes the next run rebuild its index.
 */
async function fix(
  root: string,
  names: readonly NameFinding[],
  redactor: Redactor,
  onError: (path: string, error: unknown) => void,
): Promise<FixOutcome> {
  const isOutput = await stat(join(root, '.convx')).then(
    (s) => s.isDirectory(),
    () => false,
  );
  const release = isOutput ? await lockOutput(root) : async () => {};
  try {
    const renames = await renameSecretNames(root, names, redactor, onError);
    const files = await listScannableFiles(root);
    const relinked = await relinkRenamed(root, files, renames, onError);
    const found = await scanTree(root, redactor, onError, files);
    const fixed = await fixFindings(root, found.findings, redactor, onError);
    const twinChanged = fixed.some((f) => /(^|\/)\.[^/]+\.json$/.test(f.path));
    if (isOutput && (renames.size > 0 || twinChanged)) await dropIndex(root);
    const touched = [...new Set(found.findings.map((f) => f.path))];
    return {
      // Where each one is now, after its folders were renamed too.
      renamed: renames.list.map((r) => ({ from: maskedPath(r.from, redactor), to: renames.toNew(r.from) })),
      relinked,
      fixed,
      remaining: (await scanTree(root, redactor, onError, touched)).findings,
      remainingNames: secretNames(await listEntries(root), redactor),
    };
  } finally {
    await release();
  }
}

/**
 * `convx scan`: looks for secrets in an existing history folder (exported before redaction, with
 * `--no-redact`, or by another tool) with the same rules as a run (the folder's `.convx/config.toml` rules,
 * allow list, disabled ids and sanitize keywords; `enabled = false` does not turn the scan off): in the
 * files' contents and in every file and folder name. Prints where, and which rule, never the secret (a
 * name holding one is printed masked). `--fix` renames those files and folders and redacts the contents in
 * place. Exit 1 while secrets remain.
 */
export async function runScan(flags: ScanFlags, io: CliIO): Promise<number> {
  const { root } = await resolveReadOutput(flags.outputPath, io, 'scan', { anyRepository: true });
  const { values } = mergeValues({}, (await loadConfig(root)).config, 'backup', {
    root,
    env: io.env,
  });
  const { redactor } = redactionFromConfig(values, true);
  if (!redactor) throw new Error('the scan redactor is always built when secrets are on');
  const mask = (rel: string) => maskedPath(rel, redactor);
  const errors: { path: string; message: string }[] = [];
  const onError = (path: string, error: unknown) =>
    errors.push({ path: mask(path), message: describeError(error) });

  const names = secretNames(await listEntries(root), redactor);
  const scanned = await scanTree(root, redactor, onError);
  const outcome = flags.fix ? await fix(root, names, redactor, onError) : undefined;
  const found = scanned.findings.map((f) => ({ ...f, path: mask(f.path) }));
  const nameFindings = names.map((n) => ({
    path: mask(n.rel),
    ruleId: n.ruleId,
    kind: n.isDir ? 'folder' : 'file',
  }));
  // After a fix, what counts is what is still there.
  const remaining = outcome
    ? outcome.remaining.length + outcome.remainingNames.length
    : found.length + names.length;
  const exitCode = remaining > 0 || errors.length > 0 ? EXIT.failures : EXIT.ok;

  if (flags.json) {
    const report = {
      root,
      filesScanned: scanned.filesScanned,
      findings: found,
      names: nameFindings,
      ...(outcome
        ? {
            renamed: outcome.renamed,
            relinked: outcome.relinked,
            fixed: outcome.fixed,
            remaining: outcome.remaining.map((f) => ({ ...f, path: mask(f.path) })),
            remainingNames: outcome.remainingNames.map((n) => ({ path: mask(n.rel), ruleId: n.ruleId })),
          }
        : {}),
      errors,
    };
    writeJson(io.stdout, report);
    return exitCode;
  }

  const colors = colorsFor(io.stdout, io.env, flags.noColor);
  const out = (line: string) => io.stdout.write(`${line}\n`);
  const location = (f: ScanFinding) => `${f.path}:${f.line}:${f.column}`;
  for (const n of nameFindings)
    out(
      `${n.path}${n.kind === 'folder' ? '/' : ''}  ${colors.yellow(n.ruleId)}  ${colors.dim('in its name')}`,
    );
  for (const f of found)
    out(`${location(f)}  ${colors.yellow(f.ruleId)}${f.preview ? colors.dim(`  ${f.preview}`) : ''}`);
  const fileCount = new Set(found.map((f) => f.path)).size;
  const files = `${scanned.filesScanned} file${scanned.filesScanned === 1 ? '' : 's'}`;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (found.length === 0 && names.length === 0) {
    out(`No secrets found in ${files} under ${root}.`);
  } else if (!outcome) {
    const parts = [
      found.length ? `${plural(found.length, 'possible secret')} in ${fileCount} of ${files}` : '',
      names.length ? `${plural(names.length, 'file or folder name')} holding one` : '',
    ].filter(Boolean);
    out(`\n${parts.join(', and ')} under ${root}.`);
    out(
      'Run convx scan --fix to rename and redact them in place (then commit; earlier commits still hold them).',
    );
  } else {
    out('');
    for (const r of outcome.renamed) out(`renamed ${r.from} → ${r.to}`);
    for (const f of outcome.fixed)
      out(`fixed ${mask(f.path)}: ${f.redactions} redacted (${f.ruleIds.join(', ')})`);
    const total = outcome.fixed.reduce((n, r) => n + r.redactions, 0);
    const count = outcome.renamed.length;
    const renamed = count
      ? `Renamed ${count === 1 ? '1 file or folder' : `${count} files or folders`}; r`
      : 'R';
    out(
      `${renamed}edacted ${plural(total, 'secret')} in ${plural(outcome.fixed.length, 'file')} under ${root}; commit the change (earlier commits still hold them).`,
    );
    for (const f of outcome.remaining)
      out(`${colors.red('still there:')} ${mask(f.path)}:${f.line}:${f.column}  ${f.ruleId}`);
    for (const n of outcome.remainingNames)
      out(`${colors.red('still there:')} ${mask(n.rel)}  ${n.ruleId}  in its name`);
  }
  for (const e of errors) io.stderr.write(`${colors.red('cannot scan')} ${e.path}: ${e.message}\n`);
  return exitCode;
}

export const scanCommand: CommandSpec = {
  name: 'scan',
  description: 'Look for secrets in an existing history folder (and redact them in place with --fix)',
  define(command) {
    declareFlags(command, 'scan');
    command
      .example((bin) => `  $ ${bin} scan --output-path ~/ai-history`)
      .example(
        (bin) =>
          `  $ ${bin} scan --output-path ~/ai-history --fix && git -C ~/ai-history commit -am "redact"`,
      );
  },
  async run(flags, io) {
    return runScan(
      { ...commandValues(flags, 'scan', io), ...(flags.noColor === true ? { noColor: true } : {}) },
      io,
    );
  },
};

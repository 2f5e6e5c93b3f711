import { describe, expect, it } from 'vitest';
import { closest } from '../src/text/did-you-mean.js';
import { runCli } from './support/cli.js';

/** A typo: exit 2, one sentence on stderr naming what was meant, nothing on stdout. */
async function suggestion(args: string[]): Promise<string> {
  const result = await runCli(args, { env: { CONVX_OUTPUT_PATH: '' } });
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  return result.stderr.trim();
}

describe('closest', () => {
  it('finds the word within two edits, a swapped pair counting as one', () => {
    expect(closest('backpu', ['backup', 'sync', 'stats'])).toBe('backup');
    expect(closest('dryrun', ['dry-run', 'json'])).toBe('dry-run');
    expect(closest('ouput-path', ['output-path', 'init'])).toBe('output-path');
    expect(closest('CODX', ['codex', 'claude'])).toBe('codex');
    expect(closest('frobnicate', ['backup', 'sync'])).toBeUndefined();
    // A word as short as the distance would match anything: no guess.
    expect(closest('x', ['sync', 'all'])).toBeUndefined();
  });
});

describe('typos on the command line', () => {
  it('suggests the command, before complaining about its flags', async () => {
    expect(await suggestion(['backpu', '--output-path', 'X'])).toBe(
      'convx: Unknown command "backpu" (did you mean backup?); the commands are backup, sync, hooks, config, stats, search, scan and explore (run convx --help).',
    );
    expect(await suggestion(['--verbose', 'stast'])).toContain('(did you mean stats?)');
  });

  it('suggests the closest flag of the command', async () => {
    expect(await suggestion(['backup', '--ouput-path', 'X'])).toBe(
      'convx: Unknown option --ouput-path for convx backup (did you mean --output-path?); run convx backup --help to see the options.',
    );
    expect(await suggestion(['backup', '--dryrun'])).toContain(
      'Unknown option --dryrun for convx backup (did you mean --dry-run?)',
    );
    expect(await suggestion(['sync', '--match-nme'])).toContain('(did you mean --match-name?)');
    expect(await suggestion(['stats', '--output-paht=X'])).toContain('(did you mean --output-path?)');
  });

  it('names the commands a flag belongs to when it was given to another one', async () => {
    expect(await suggestion(['stats', '--init'])).toBe(
      'convx: --init is an option of convx backup, not of convx stats; run convx stats --help to see the options.',
    );
  });

  it('suggests the closest source, in --source-system and --input-path', async () => {
    expect(await suggestion(['backup', '--output-path', 'X', '--source-system', 'codx'])).toBe(
      'convx: Unknown source system "codx" (did you mean codex?); valid ones are all, codex, claude, cursor, gemini, opencode, cline, roo, kilo, crush, copilot-cli, copilot-vscode, continue, qwen.',
    );
    expect(await suggestion(['backup', '--output-path', 'X', '--source-system', 'codx,claud,vim'])).toContain(
      'Unknown source systems "codx" (did you mean codex?), "claud" (did you mean claude?), "vim"; valid',
    );
    expect(await suggestion(['backup', '--output-path', 'X', '--input-path', 'gemni=/tmp'])).toContain(
      'Unknown source system "gemni" (did you mean gemini?) in --input-path gemni=/tmp',
    );
  });

  it('suggests the hooks action', async () => {
    expect(await suggestion(['hooks', 'instal'])).toBe(
      'convx: Unknown hooks action "instal" (did you mean install?); use install, uninstall or status.',
    );
  });

  it('gives no guess when nothing is close', async () => {
    expect(await suggestion(['frobnicate'])).not.toContain('did you mean');
    expect(await suggestion(['backup', '--bogus'])).toBe(
      'convx: Unknown option --bogus for convx backup; run convx backup --help to see the options.',
    );
  });
});

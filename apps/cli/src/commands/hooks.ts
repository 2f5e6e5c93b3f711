import { loadConfig } from '../config/index.js';
import { EXIT, usageError } from '../errors.js';
import { showToplevel } from '../git/repo.js';
import { type HookManager, hookStatus, installHook, uninstallHook } from '../hooks/index.js';
import type { CliIO } from '../io.js';
import { declareFlags } from '../options/declare.js';
import type { CommandValues } from '../options/tables.js';
import { commandValues, mergeValues } from '../options/values.js';
import { didYouMean } from '../text/did-you-mean.js';
import type { CommandSpec } from './types.js';

const ACTIONS = ['install', 'uninstall', 'status'] as const;
type Action = (typeof ACTIONS)[number];
const isAction = (word: string | undefined): word is Action => ACTIONS.some((action) => action === word);

export type HooksFlags = CommandValues<'hooks'>;

/** The repository around the current folder and its config (hooks.strict, sync.history_subpath). */
async function repositoryConfig(io: CliIO) {
  const root = await showToplevel(io.cwd);
  if (!root) throw usageError('convx hooks must run inside a git repository; cd into one first.');
  const { config } = await loadConfig(root);
  // What `convx sync` would use, which the hook runs.
  const { values } = mergeValues({}, config, 'sync', { root, env: io.env });
  return { strict: values.hooksStrict === true, historySubpath: values.historySubpath ?? '.ai/history' };
}

function managerLines(managers: HookManager[]): string[] {
  return managers.flatMap((m) => [
    '',
    m.configured
      ? `${m.manager} (${m.found}): ${m.file} already mentions convx; if it is not set up, add:`
      : `${m.manager} (${m.found}): add to ${m.file}:`,
    '',
    ...m.snippet.split('\n').map((line) => `    ${line}`),
  ]);
}

/** `convx hooks install | uninstall | status`; returns the exit code. */
export async function runHooks(action: Action, flags: HooksFlags, io: CliIO): Promise<number> {
  const out = (lines: string[]) => io.stdout.write(`${lines.join('\n')}\n`);
  const { strict, historySubpath } = await repositoryConfig(io);
  const viaSetting = (setting: string | undefined) => (setting ? ` (core.hooksPath = ${setting})` : '');
  switch (action) {
    case 'install': {
      const result = await installHook({
        repo: io.cwd,
        strict,
        historySubpath,
        force: flags.force === true,
        ...(io.self ? { self: io.self } : {}),
      });
      if (result.action === 'use-manager') {
        out([
          `This repository's hooks are managed by ${result.managers.map((m) => m.manager).join(' and ')}, so convx wrote nothing.`,
          'Add convx to its config:',
          ...managerLines(result.managers),
          '',
          'Or install into the git hook anyway: convx hooks install --force',
        ]);
        return EXIT.ok;
      }
      const verb = { installed: 'Installed', updated: 'Updated', unchanged: 'Already installed:' }[
        result.action
      ];
      out([
        `${verb} convx in the pre-commit hook ${result.hookPath}${viaSetting(result.hooksPathSetting)}.`,
        `Each commit runs convx sync and stages ${historySubpath}; ${strict ? 'a failing sync stops the commit (hooks.strict)' : 'a failing sync only warns'}.`,
      ]);
      return EXIT.ok;
    }
    case 'uninstall': {
      const result = await uninstallHook({ repo: io.cwd });
      const said = {
        removed: `Removed convx from ${result.hookPath}; the rest of the hook is unchanged.`,
        deleted: `Removed ${result.hookPath} (convx had created it).`,
        'not-installed': `convx is not installed in ${result.hookPath}; nothing to do.`,
      }[result.action];
      out([said]);
      return EXIT.ok;
    }
    case 'status': {
      const status = await hookStatus({ repo: io.cwd, historySubpath, strict });
      if (flags.json) {
        io.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
        return EXIT.ok;
      }
      const lines = [
        status.installed
          ? `installed in ${status.hookPath}${viaSetting(status.hooksPathSetting)}${status.strict ? ' (strict)' : ''}`
          : `not installed (the hook would be ${status.hookPath}${viaSetting(status.hooksPathSetting)})`,
      ];
      if (status.installed && !status.executable)
        lines.push(
          'warning: the hook file is not executable, so git skips it; run convx hooks install again',
        );
      if (status.sharedWithOtherHooks) lines.push('the hook also runs other commands (kept as they are)');
      if (status.managers.length > 0) {
        lines.push(
          `hook managers found: ${status.managers.map((m) => `${m.manager} (${m.found})`).join(', ')}`,
        );
        lines.push(...managerLines(status.managers.filter((m) => !m.configured)));
      }
      out(lines);
      return EXIT.ok;
    }
  }
}

export const hooksCommand: CommandSpec = {
  name: 'hooks',
  usage: 'hooks <install|uninstall|status>',
  arguments: 1,
  description: 'Install, remove or check the pre-commit hook that runs convx sync on every commit',
  define(command) {
    declareFlags(command, 'hooks');
    command.example((bin) => `  $ ${bin} hooks install`).example((bin) => `  $ ${bin} hooks status`);
  },
  async run(flags, io, args) {
    const [action] = args;
    if (!isAction(action)) {
      throw usageError(
        action === undefined
          ? 'convx hooks needs an action: install, uninstall or status.'
          : `Unknown hooks action "${action}"${didYouMean(action, ['install', 'uninstall', 'status'])}; use install, uninstall or status.`,
      );
    }
    const { force = false, json = false } = commandValues(flags, 'hooks', io);
    // Silently ignoring a flag would let `hooks install --json` print text a script then fails to parse.
    if (force && action !== 'install') throw usageError(`--force only applies to convx hooks install.`);
    if (json && action !== 'status') throw usageError(`--json only applies to convx hooks status.`);
    return runHooks(action, { force, json }, io);
  },
};

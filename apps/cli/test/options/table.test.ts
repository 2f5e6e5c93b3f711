import { userInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { formatEffectiveConfig, parseConfig } from '../../src/config/index.js';
import { flagsIn, flagsOf } from '../../src/options/declare.js';
import { defaultSystemName } from '../../src/options/identity.js';
import { type CommandName, configPathFor, type Option, RUN_COMMANDS } from '../../src/options/option.js';
import { OPTIONS } from '../../src/options/table.js';
import { GLOBAL_OPTIONS, TABLES } from '../../src/options/tables.js';
import { commandValues, mergeValues, readFlags, runtimeDefaults } from '../../src/options/values.js';
import { defineProgram } from '../../src/program.js';

const options = Object.entries(OPTIONS) as Array<[string, Option<unknown, unknown>]>;
const COMMANDS = Object.keys(TABLES) as CommandName[];
const context = { cwd: '/work/app', env: { USER: 'someone' } };

describe('the option tables', () => {
  it('are where every command gets every flag, in their order, and the global flags too', () => {
    const { cli } = defineProgram();
    expect(cli.commands.map((c) => c.name).sort()).toEqual([...COMMANDS].sort());
    for (const command of COMMANDS) {
      const declared = cli.commands.find((c) => c.name === command)?.options.map((o) => o.rawName);
      expect(declared, command).toEqual(flagsOf(command).map(({ flag }) => flag.spec));
    }
    const globals = cli.globalCommand.options.map((o) => o.rawName).filter((name) => name !== '-h, --help');
    expect(globals).toEqual(flagsIn(GLOBAL_OPTIONS).map(({ flag }) => flag.spec));
  });

  it('gives a shared flag each command its own help', () => {
    const { cli } = defineProgram();
    const help = (command: string, name: string) =>
      cli.commands.find((c) => c.name === command)?.options.find((o) => o.rawName.split(' ')[0] === name)
        ?.description;
    expect(help('search', '--json')).toBe('Print the hits as a JSON array (docs/search.md)');
    expect(help('stats', '--json')).toBe('Print the statistics as JSON on stdout');
    expect(help('hooks', '--json')).toBe('status: print the status as JSON');
    expect(help('backup', '--output-path')).toMatch(/^The git repository to write into/);
    for (const command of ['search', 'explore', 'stats'])
      expect(help(command, '--output-path'), command).toMatch(
        /\(default: the repository you are in when it holds a history, else \$CONVX_OUTPUT_PATH or output_path in/,
      );
    expect(help('search', '--source')).toContain('codex, claude, cursor');
  });

  it('gives the config file every key it declares, and convx config prints each', async () => {
    const text = formatEffectiveConfig({ config: {}, path: '/r/.convx/config.toml', exists: false });
    for (const [, option] of options) {
      for (const command of RUN_COMMANDS) {
        const path = configPathFor(option, command);
        if (!path || path === 'renderer_options') continue;
        const key = path.split('.').at(-1) ?? '';
        expect(text, path).toMatch(new RegExp(`^(# )?${key} = `, 'm'));
      }
    }
    // What it prints is a valid config again.
    await expect(parseConfig(text)).resolves.toBeDefined();
    // Only the run commands' options have keys there: a reading command's flag is not a config key.
    await expect(parseConfig('[explore]\nport = 8080\n')).rejects.toThrow(/unknown key explore/);
  });

  it('reads a typed flag through its parser, the config through its schema, and defaults last', async () => {
    const flags = readFlags(
      { maxAttachmentSize: '2MB', noRedact: true, exclude: ['a', 'b'] },
      'backup',
      context,
    );
    expect(flags).toEqual({ maxAttachmentSize: 2 * 1024 ** 2, redact: false, exclude: ['a', 'b'] });
    const config = await parseConfig('[attachments]\nmax_size = "1KB"\n[backup]\nsource_system = "codex"\n');
    const merged = mergeValues(flags, config, 'backup', { root: '/r', env: {} });
    expect(merged.values).toMatchObject({
      maxAttachmentSize: 2 * 1024 ** 2,
      sourceSystem: ['codex'],
      push: false,
    });
    expect(merged.sources).toMatchObject({
      maxAttachmentSize: 'flag',
      sourceSystem: 'config',
      push: 'default',
    });
    expect(mergeValues({}, config, 'backup', { root: '/r', env: {} }).values.maxAttachmentSize).toBe(1024);
  });

  it('refuses both switches of one option in one sentence', () => {
    expect(() => readFlags({ recursive: true, noRecursive: true }, 'sync', context)).toThrow(
      'Give --recursive or --no-recursive, not both.',
    );
    // A flag of the other command is not read.
    expect(readFlags({ recursive: true }, 'backup', context)).toEqual({});
  });
});

describe('runtime defaults', () => {
  const login = (() => {
    try {
      return userInfo().username || 'someone';
    } catch {
      return 'someone';
    }
  })();

  it('fill the user and machine names in the merge, below the config and the flags', async () => {
    const none = mergeValues({}, {}, 'backup', { root: '/r', env: { USER: 'someone' } });
    expect(none.values).toMatchObject({ user: login, systemName: defaultSystemName() });
    expect(none.sources).toMatchObject({ user: 'default', systemName: 'default' });
    const config = await parseConfig(
      '[backup]\nuser = " ana "\nsystem_name = "laptop"\nhistory_subpath = "./h//x/"\n',
    );
    const fromFile = mergeValues({}, config, 'backup', { root: '/r', env: {} });
    // The file's values are checked and normalized as a flag's are.
    expect(fromFile.values).toMatchObject({ user: 'ana', systemName: 'laptop', historySubpath: 'h/x' });
    const typed = readFlags({ user: ' bo ', historySubpath: './a//b/' }, 'backup', context);
    expect(typed).toEqual({ user: 'bo', historySubpath: 'a/b' });
    expect(mergeValues(typed, config, 'backup', { root: '/r', env: {} }).sources.user).toBe('flag');
    expect(runtimeDefaults({ env: {} })).toEqual({ user: login, systemName: defaultSystemName() });
  });

  it('name the default in the sentence that refuses a bad label, and the history folder is checked once', async () => {
    expect(() => readFlags({ user: 'a/b' }, 'sync', context)).toThrow(
      `--user "a/b" cannot be used as a folder name; give a plain name such as ${login}.`,
    );
    expect(() => readFlags({ systemName: '..' }, 'backup', context)).toThrow(
      `--system-name ".." cannot be used as a folder name; give a plain name such as ${defaultSystemName()}.`,
    );
    expect(() => readFlags({ historySubpath: '../x' }, 'sync', context)).toThrow(
      /^--history-subpath \.\.\/x leaves the output folder; give a folder inside the output, such as history\.$/,
    );
    await expect(parseConfig('[backup]\nuser = "a/b"\n')).rejects.toThrow(
      '.convx/config.toml: backup.user cannot be used as a folder name (got "a/b")',
    );
  });
});

describe('the reading commands', () => {
  it('search: every flag read and checked, defaults from the table', () => {
    expect(commandValues({}, 'search', context)).toEqual({ limit: 20, sort: 'relevance', toolOutput: true });
    expect(
      commandValues(
        {
          outputPath: '~/h',
          source: 'Claude, all ,codex',
          project: '../shop',
          since: '2026-01-01',
          until: '2026-02-01',
          limit: '5',
          sort: 'newest',
          noToolOutput: true,
          json: true,
        },
        'search',
        context,
      ),
    ).toEqual({
      outputPath: '~/h',
      source: ['claude', 'codex'],
      project: '/work/shop',
      since: '2026-01-01',
      until: '2026-02-01',
      limit: 5,
      sort: 'newest',
      toolOutput: false,
      json: true,
    });
    // A name (not a path) matches any part of the folder.
    expect(readFlags({ project: 'api' }, 'search', context).project).toBe('api');
    expect(() => readFlags({ limit: '0' }, 'search', context)).toThrow(
      '--limit must be a whole number of sessions, 1 or more (got "0").',
    );
    expect(() => readFlags({ sort: 'best' }, 'search', context)).toThrow(
      '--sort must be relevance or newest (got "best").',
    );
  });

  it('explore: the port, host, token and switches', () => {
    expect(commandValues({}, 'explore', context)).toEqual({ host: '127.0.0.1', open: true, tui: false });
    expect(
      commandValues(
        { port: '8080', host: ' 0.0.0.0 ', token: 'abcdefghijklmnop', noOpen: true, outputPath: 'o' },
        'explore',
        context,
      ),
    ).toEqual({
      port: 8080,
      host: '0.0.0.0',
      token: 'abcdefghijklmnop',
      open: false,
      tui: false,
      outputPath: 'o',
    });
    // An empty address is the default one.
    expect(readFlags({ host: ' ' }, 'explore', context).host).toBe('127.0.0.1');
    expect(() => readFlags({ port: '70000' }, 'explore', context)).toThrow(
      '--port must be a port number from 0 to 65535, not "70000".',
    );
    expect(() => readFlags({ token: 'short' }, 'explore', context)).toThrow(
      '--token must be at least 16 letters, digits or . _ ~ - (or leave it out for a random one).',
    );
    expect(readFlags({ tui: true }, 'explore', context)).toEqual({ tui: true });
  });

  it('stats, scan, hooks and config: their flags only', () => {
    expect(commandValues({ outputPath: 'o', json: true }, 'stats', context)).toEqual({
      outputPath: 'o',
      json: true,
    });
    expect(commandValues({ fix: true, json: true }, 'scan', context)).toEqual({ fix: true, json: true });
    expect(commandValues({ force: true }, 'hooks', context)).toEqual({ force: true });
    expect(commandValues({ outputPath: 'o' }, 'config', context)).toEqual({ outputPath: 'o' });
    // Another command's flag is not read (parseArgs refuses it on the command line first).
    expect(readFlags({ fix: true, limit: '3' }, 'stats', context)).toEqual({});
  });
});

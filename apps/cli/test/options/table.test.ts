import { describe, expect, it } from 'vitest';
import { formatEffectiveConfig, parseConfig } from '../../src/config/index.js';
import { flagsOf } from '../../src/options/declare.js';
import { configPathFor, type Option, RUN_COMMANDS } from '../../src/options/option.js';
import { OPTIONS } from '../../src/options/table.js';
import { mergeValues, readFlags } from '../../src/options/values.js';
import { defineProgram } from '../../src/program.js';

const options = Object.entries(OPTIONS) as Array<[string, Option<unknown, unknown>]>;

describe('the option table', () => {
  it('is where backup and sync get every flag, in its order', () => {
    const { cli } = defineProgram();
    for (const command of RUN_COMMANDS) {
      const declared = cli.commands.find((c) => c.name === command)?.options.map((o) => o.rawName);
      expect(declared).toEqual(flagsOf(command).map(({ flag }) => flag.spec));
    }
  });

  it('gives the config file every key it declares, and convx config prints each', () => {
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
    expect(() => parseConfig(text)).not.toThrow();
  });

  it('reads a typed flag through its parser, the config through its schema, and defaults last', () => {
    const flags = readFlags({ maxAttachmentSize: '2MB', noRedact: true, exclude: ['a', 'b'] }, 'backup');
    expect(flags).toEqual({ maxAttachmentSize: 2 * 1024 ** 2, redact: false, exclude: ['a', 'b'] });
    const config = parseConfig('[attachments]\nmax_size = "1KB"\n[backup]\nsource_system = "codex"\n');
    const merged = mergeValues(flags, config, 'backup', { root: '/r' });
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
    expect(mergeValues({}, config, 'backup', { root: '/r' }).values.maxAttachmentSize).toBe(1024);
  });

  it('refuses both switches of one option in one sentence', () => {
    expect(() => readFlags({ recursive: true, noRecursive: true }, 'sync')).toThrow(
      'Give --recursive or --no-recursive, not both.',
    );
    // A flag of the other command is not read.
    expect(readFlags({ recursive: true }, 'backup')).toEqual({});
  });
});

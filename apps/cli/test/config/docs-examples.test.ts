import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import type { CliIO } from '../../src/io.js';
import { configuredOutput } from '../../src/options/read-output.js';

// Every `.convx/config.toml` example people copy from the docs must be a valid config.
const repoRoot = join(import.meta.dirname, '../../../..');
const documents = [
  'README.md',
  'docs/config.md',
  'docs/redaction.md',
  'docs/sync-and-hooks.md',
  'examples/adapter-aider/README.md',
  'examples/render-html/README.md',
];

// A block that starts with the user config's path is an example of that file, not of `.convx/config.toml`.
const USER_CONFIG = '# ~/.config/convx/config.toml';
const blocks = documents.flatMap((doc) =>
  [...readFileSync(join(repoRoot, doc), 'utf8').matchAll(/```toml\n([\s\S]*?)```/g)].map(
    (match, i) => [`${doc} #${i + 1}`, match[1] ?? ''] as const,
  ),
);
const examples = blocks.filter(([, text]) => !text.startsWith(USER_CONFIG));
const userConfigExamples = blocks.filter(([, text]) => text.startsWith(USER_CONFIG));

describe('config examples in the docs', () => {
  it('are there to check', () => {
    expect(examples.length).toBeGreaterThanOrEqual(6);
  });

  it.each(examples)('%s is a valid .convx/config.toml', async (_name, text) => {
    await expect(parseConfig(text)).resolves.toBeDefined();
  });
});

describe('user config examples in the docs', () => {
  it.each(userConfigExamples)('%s sets output_path, the one key convx reads there', async (_name, text) => {
    const home = mkdtempSync(join(tmpdir(), 'convx-user-config-'));
    mkdirSync(join(home, '.config/convx'), { recursive: true });
    writeFileSync(join(home, '.config/convx/config.toml'), text);
    const io = {
      stdout: process.stdout,
      stderr: process.stderr,
      env: { HOME: home },
      cwd: home,
      platform: process.platform,
    } satisfies CliIO;
    expect((await configuredOutput(io))?.root).toBe(join(homedir(), 'ai-history'));
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';

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

const examples = documents.flatMap((doc) =>
  [...readFileSync(join(repoRoot, doc), 'utf8').matchAll(/```toml\n([\s\S]*?)```/g)].map(
    (match, i) => [`${doc} #${i + 1}`, match[1] ?? ''] as const,
  ),
);

describe('config examples in the docs', () => {
  it('are there to check', () => {
    expect(examples.length).toBeGreaterThanOrEqual(6);
  });

  it.each(examples)('%s is a valid .convx/config.toml', (_name, text) => {
    expect(() => parseConfig(text)).not.toThrow();
  });
});

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const cliPath = join(repoRoot, 'apps/cli/dist/cli.js');
export const fixturesHome = join(repoRoot, 'fixtures/home');

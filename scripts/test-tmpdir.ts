import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

// Each test file gets a temp folder of its own, removed when its tests end: tests (and the CLI processes
// they spawn, which inherit TMPDIR) make folders under os.tmpdir(), and every run would leave hundreds behind.
const root = mkdtempSync(join(tmpdir(), 'convx-test-'));
process.env.TMPDIR = root;
process.env.TMP = root;
process.env.TEMP = root;

afterAll(() => {
  rmSync(root, { recursive: true, force: true, maxRetries: 3 });
});

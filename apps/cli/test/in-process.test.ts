import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBackup } from '../src/commands/backup.js';
import { EXIT } from '../src/errors.js';
import type { CliIO } from '../src/io.js';
import { makeWorkspace, type Workspace } from './support/cli.js';

function memoryIO(cwd: string, tty = false): CliIO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s), isTTY: tty, columns: 100 },
    env: { NO_COLOR: '1' },
    cwd,
    platform: process.platform,
    out: () => out,
    err: () => err,
  };
}

describe('runBackup in-process', () => {
  let ws: Workspace;
  // Named by module, as every run names its plugins (a worker thread would import the same file).
  const deps = {
    registry: {
      fake: { module: new URL('./support/fake-adapter.ts', import.meta.url).href, export: 'fakeAdapter' },
    },
    renderer: { module: '@convx/render-md' },
  };
  beforeAll(async () => {
    ws = await makeWorkspace({ copyFixtures: false });
    const dir = join(ws.home, '.fake');
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, 'good.txt'),
      `${join(ws.home, 'code/app')}\nHello there\nHi, how can I help?\n`,
    );
    await writeFile(join(dir, 'bad.txt'), `${join(ws.home, 'code/app')}\nUNREADABLE\n`);
  });
  afterAll(() => ws.cleanup());

  const flags = () => ({ outputPath: ws.out, home: ws.home, user: 'me', systemName: 'pc' });

  it('exits 1 when a session fails, and lists it with its path', async () => {
    const io = memoryIO(ws.root);
    const { report, exitCode } = await runBackup(flags(), io, deps);
    expect(exitCode).toBe(EXIT.failures);
    expect(report.sources.fake).toMatchObject({ discovered: 2, new: 1, failed: 1 });
    expect(io.out()).toMatch(/fake\s+2\s+1\s+0\s+0\s+0\s+1/);
    expect(io.out()).toContain('1 failure:');
    expect(io.out()).toContain(join(ws.home, '.fake/bad.txt'));
    expect(io.out()).toContain('the file is not a fake session');
    expect(io.err()).toBe('');
  });

  it('--quiet prints only the failures, on stderr', async () => {
    const io = memoryIO(ws.root);
    const { exitCode } = await runBackup({ ...flags(), quiet: true }, io, deps);
    expect(exitCode).toBe(EXIT.failures);
    expect(io.out()).toBe('');
    expect(io.err()).toContain(join(ws.home, '.fake/bad.txt'));
    expect(io.err()).not.toContain('discovered');
  });

  it('draws a progress bar on a terminal stderr only', async () => {
    const io = memoryIO(ws.root, true);
    await runBackup({ ...flags(), force: true }, io, deps);
    expect(io.err()).toContain('█');
    expect(io.err()).toMatch(/fake\s+\S+ 2\/2/);
    expect(io.out()).not.toContain('█');
    const json = memoryIO(ws.root, true);
    await runBackup({ ...flags(), json: true }, json, deps);
    expect(json.err()).toBe('');
    expect(JSON.parse(json.out()).sources.fake.discovered).toBe(2);
  });
});

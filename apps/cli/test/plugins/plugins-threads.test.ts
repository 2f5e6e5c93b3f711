import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTemp, tempDir, tempRepo, writeFileIn } from '../git/temp-repo.js';
import { runCli } from '../support/cli.js';

afterAll(cleanupTemp);

// A community adapter the config names by path: each session's one message says which thread loaded it and
// the adapter's option-free identity, so the test sees that worker threads imported this very module.
const ADAPTER = `
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';

export default {
  name: 'notes',
  defaultLocations: ({ home }) => [join(home, '.notes')],
  async *discover(ctx, locations) {
    for (const root of locations) {
      for (const name of (await readdir(root)).sort()) {
        const info = await stat(join(root, name));
        yield { sessionId: name, fingerprint: String(info.mtimeMs), path: join(root, name), size: info.size };
      }
    }
  },
  async load(ctx, ref) {
    const text = await readFile(ref.path, 'utf8');
    return {
      source: 'notes',
      sessionId: ref.sessionId,
      title: ref.sessionId,
      startedAt: '2026-01-02T03:04:00.000Z',
      cwd: '/work/app',
      sourceLocation: { path: ref.path },
      models: [],
      diagnostics: [],
      messages: [{ kind: 'text', role: 'user', text: text + ' (thread ' + threadId + ')' }],
    };
  },
};
`;

describe('a community adapter in worker threads', () => {
  it('is imported by the threads from the run spec and exports what one thread exports', async () => {
    const home = await tempDir('convx-notes-home-');
    // Big enough (512 KB) that worker threads take them, not only the main thread.
    for (let i = 0; i < 12; i++)
      await writeFileIn(home, `.notes/n${i}`, `note ${i} ${'x'.repeat(512 * 1024)}`);
    const run = async (jobs: string) => {
      const out = await tempRepo();
      await writeFileIn(out, 'tools/notes-adapter.mjs', ADAPTER);
      await writeFileIn(
        out,
        '.convx/config.toml',
        'adapters = ["./tools/notes-adapter.mjs"]\n\n[backup]\nsource_system = "notes"\n',
      );
      const args = ['backup', '--output-path', out, '--home', home, '--user', 'u', '--system-name', 'm'];
      const result = await runCli([...args, '--jobs', jobs, '--verbose']);
      expect(result.code, result.stderr).toBe(0);
      const all = await readdir(join(out, 'history'), { recursive: true });
      const names = all.filter((name) => name.endsWith('.md')).sort();
      const texts = await Promise.all(names.map((name) => readFile(join(out, 'history', name), 'utf8')));
      return { stderr: result.stderr, names, texts };
    };
    const threaded = await run('2');
    expect(threaded.stderr).toContain('exporting in 2 worker thread(s)');
    expect(threaded.names).toHaveLength(12);
    const threads = new Set(threaded.texts.map((text) => /\(thread (\d+)\)/.exec(text)?.[1]));
    // Some sessions were loaded in a worker thread (thread ids from 1), through the adapter the config named.
    expect([...threads].some((id) => id !== undefined && id !== '0')).toBe(true);
    const single = await run('0');
    expect(single.names).toEqual(threaded.names);
    const strip = (texts: string[]) => texts.map((text) => text.replace(/\(thread \d+\)/g, ''));
    expect(strip(threaded.texts)).toEqual(strip(single.texts));
  });
});

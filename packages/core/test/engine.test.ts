import { mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { globby } from 'globby';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readIndex, runSync, type Session, type SyncOptions, validateSession } from '../src/index.js';
import { fakeAdapter } from './support/fake-adapter.js';
import { plainRenderer } from './support/plain-renderer.js';
import { aliceBackup } from './support/sync-options.js';

let home: string;
let out: string;
let src: string;

const header = (id: string, extra: Record<string, string> = {}) =>
  JSON.stringify({ id, start: '2026-01-02T03:04:00Z', cwd: '/home/alice/code/app', ...extra });
const line = (role: string, text: string) => JSON.stringify({ role, text });

async function source(id: string, lines: string[], extra: Record<string, string> = {}) {
  await writeFile(join(src, `${id}.jsonl`), `${[header(id, extra), ...lines].join('\n')}\n`);
}

function options(overrides: Partial<SyncOptions> = {}): SyncOptions {
  return aliceBackup(out, home, overrides);
}

const outputs = () => globby('**/*', { cwd: out, dot: true, ignore: ['.convx/state/**'] });
async function mtimes() {
  const files = await globby('history/**/*', { cwd: out, dot: true });
  return Object.fromEntries(
    await Promise.all(files.map(async (f) => [f, (await stat(join(out, f))).mtimeMs])),
  );
}

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'convx-home-'));
  out = await mkdtemp(join(tmpdir(), 'convx-out-'));
  src = join(home, '.fake');
  await mkdir(src, { recursive: true });
  await source('s1', [
    line('context', 'Always run tests'),
    line('user', 'Fix the login bug'),
    line('assistant', 'Done.'),
  ]);
  await source('s2', [line('user', 'Add dark mode'), line('assistant', 'Added.')], { title: 'Dark mode' });
});

describe('runSync', () => {
  it('finishes every session when the workers give the event loop a turn as the last ones are taken', async () => {
    for (let i = 3; i <= 40; i++) await source(`s${i}`, [line('user', `Task ${i}`)]);
    // Every clock read 20 ms later: each worker yields before every session, the last ones included.
    let clock = Date.now();
    const now = vi.spyOn(Date, 'now').mockImplementation(() => (clock += 20));
    try {
      const report = await runSync(options({ concurrency: 4 }));
      expect(report.failures).toEqual([]);
      expect(report.totals).toMatchObject({ discovered: 40, new: 40, failed: 0 });
    } finally {
      now.mockRestore();
    }
  });

  it('exports each session as Markdown + JSON twin under <user>/<source>/<system>/<project>', async () => {
    const report = await runSync(options());
    expect(report.totals).toMatchObject({ discovered: 2, new: 2, updated: 0, unchanged: 0, failed: 0 });
    const dir = 'history/alice/fake/laptop/code/app';
    expect((await outputs()).sort()).toEqual(
      [
        '.convx/.gitignore',
        `${dir}/2026-01-02-0304-fix-the-login-bug.md`,
        `${dir}/.2026-01-02-0304-fix-the-login-bug.json`,
        `${dir}/2026-01-02-0304-dark-mode.md`,
        `${dir}/.2026-01-02-0304-dark-mode.json`,
      ].sort(),
    );
    const twin = JSON.parse(
      await readFile(join(out, dir, '.2026-01-02-0304-fix-the-login-bug.json'), 'utf8'),
    );
    expect(validateSession(twin).ok).toBe(true);
    expect(twin.key).toBe('fake:s1');
    expect(twin.messages.map((m: { text: string }) => m.text)).toEqual([
      'Always run tests',
      'Fix the login bug',
      'Done.',
    ]);
    expect(twin.convx).toMatchObject({ messageCount: 3, user: 'alice', systemName: 'laptop' });
    expect(await readFile(join(out, '.convx/.gitignore'), 'utf8')).toContain('state/');
  });

  it('writes nothing on a second run, and skips a touched-but-unchanged file by content hash', async () => {
    await runSync(options());
    const before = await mtimes();
    const again = await runSync(options());
    expect(again.totals).toMatchObject({ unchanged: 2, new: 0, updated: 0 });
    expect(again.written).toEqual([]);
    const future = new Date(Date.now() + 60_000);
    await utimes(join(src, 's1.jsonl'), future, future);
    const touched = await runSync(options());
    expect(touched.totals).toMatchObject({ unchanged: 2 });
    expect(await mtimes()).toEqual(before);
  });

  it('re-exports exactly the session whose source changed', async () => {
    await runSync(options());
    await source(
      's2',
      [line('user', 'Add dark mode'), line('assistant', 'Added.'), line('user', 'And a toggle')],
      { title: 'Dark mode' },
    );
    const report = await runSync(options());
    expect(report.totals).toMatchObject({ updated: 1, unchanged: 1 });
    expect(report.written).toEqual([
      'history/alice/fake/laptop/code/app/.2026-01-02-0304-dark-mode.json',
      'history/alice/fake/laptop/code/app/2026-01-02-0304-dark-mode.md',
    ]);
  });

  it('moves a session whose title changed and removes its old files', async () => {
    await runSync(options());
    await source('s2', [line('user', 'Add dark mode')], { title: 'Theme switcher' });
    const report = await runSync(options());
    expect(report.removed).toEqual([
      'history/alice/fake/laptop/code/app/.2026-01-02-0304-dark-mode.json',
      'history/alice/fake/laptop/code/app/2026-01-02-0304-dark-mode.md',
    ]);
    expect((await outputs()).filter((f) => f.includes('theme-switcher'))).toHaveLength(2);
  });

  it('keeps the exported files of a session deleted at its source', async () => {
    await runSync(options());
    await rm(join(src, 's1.jsonl'));
    const report = await runSync(options());
    expect(report.totals.discovered).toBe(1);
    expect(await outputs()).toContain(
      'history/alice/fake/laptop/code/app/2026-01-02-0304-fix-the-login-bug.md',
    );
    expect((await readIndex(out)).sessions['fake:s1']).toBeDefined();
  });

  it('gives a second session with the same basename a short id suffix', async () => {
    await source('s3-twin-abcdef', [line('user', 'Another')], { title: 'Dark mode' });
    await runSync(options());
    const md = (await outputs())
      .filter((f) => f.includes('dark-mode') && f.endsWith('.md'))
      .map((f) => f.split('/').pop());
    // Whichever is exported first keeps the plain name; the other gets the tail of its own id.
    expect([
      ['2026-01-02-0304-dark-mode-abcdef.md', '2026-01-02-0304-dark-mode.md'],
      ['2026-01-02-0304-dark-mode-s2.md', '2026-01-02-0304-dark-mode.md'],
    ]).toContainEqual(md.sort());
  });

  it('moves everything when the history subpath changes, whatever its length, and keeps nothing stale', async () => {
    await runSync(options());
    for (const subpath of ['archive', 'h', 'history-longer']) {
      const report = await runSync(options({ historySubpath: subpath }));
      expect(report.totals.failed).toBe(0);
      const files = await outputs();
      expect(files.filter((f) => f.endsWith('.md')).sort()).toEqual([
        `${subpath}/alice/fake/laptop/code/app/2026-01-02-0304-dark-mode.md`,
        `${subpath}/alice/fake/laptop/code/app/2026-01-02-0304-fix-the-login-bug.md`,
      ]);
      expect(files.every((f) => f.startsWith(`${subpath}/`) || f.startsWith('.convx/'))).toBe(true);
      const index = await readIndex(out);
      for (const entry of Object.values(index.sessions)) {
        for (const output of entry.outputs) expect(files).toContain(output);
      }
    }
  });

  it('never gives a session a name another session already holds, even its disambiguated one', async () => {
    await source('b', [line('user', 'x')], { title: 'Dark mode 000002' });
    await runSync(options());
    await source('c-000002', [line('user', 'y')], { title: 'Dark mode' });
    await runSync(options());
    const index = await readIndex(out);
    const twins = Object.values(index.sessions).map((e) => e.outputs.find((o) => o.endsWith('.json')));
    expect(new Set(twins).size).toBe(twins.length);
    for (const entry of Object.values(index.sessions)) {
      const twin = JSON.parse(
        await readFile(join(out, entry.outputs.find((o) => o.endsWith('.json')) ?? ''), 'utf8'),
      );
      expect(twin.key).toBe(entry.key);
    }
  });

  it('gives the plain name to the session discovered first, however long each takes to load', async () => {
    await source('s0-first', [line('user', 'first')], { title: 'Dark mode' });
    const slowFirst = {
      ...fakeAdapter,
      load: async (
        ctx: Parameters<typeof fakeAdapter.load>[0],
        ref: Parameters<typeof fakeAdapter.load>[1],
      ) => {
        if (ref.sessionId === 's0-first') await new Promise((resolve) => setTimeout(resolve, 150));
        return fakeAdapter.load(ctx, ref);
      },
    };
    await runSync(options({ adapters: [slowFirst] }));
    const index = await readIndex(out);
    expect(index.sessions['fake:s0-first']?.outputs).toContain(
      'history/alice/fake/laptop/code/app/2026-01-02-0304-dark-mode.md',
    );
  });

  it('never writes outside the history folder, whatever the cwd and title say', async () => {
    await source('evil', [line('user', 'x')], {
      cwd: '/home/alice/../../../../tmp/evil',
      title: '../../../escape',
    });
    await runSync(options());
    for (const f of await outputs()) expect(f.startsWith('history/') || f.startsWith('.convx/')).toBe(true);
  });

  it('counts a session that fails to load, reports its path, and exports the rest', async () => {
    await source('bad', [JSON.stringify({ boom: true })]);
    await writeFile(
      join(src, 'garbled.jsonl'),
      `${header('garbled')}\n{oops\n${line('user', 'still here')}\n`,
    );
    const report = await runSync(options());
    expect(report.totals).toMatchObject({ new: 3, failed: 1 });
    expect(report.failures).toEqual([
      {
        source: 'fake',
        path: join(src, 'bad.jsonl'),
        key: 'fake:bad',
        message: 'this session cannot be read',
      },
    ]);
    expect(report.warnings).toEqual([
      {
        source: 'fake',
        key: 'fake:garbled',
        path: join(src, 'garbled.jsonl'),
        message: 'line is not valid JSON; skipped ×1 (first at line 2)',
      },
    ]);
  });

  it('withdraws a session the user does not want kept, removing what earlier runs wrote', async () => {
    await runSync(options());
    const withdraw = {
      id: 'marker',
      test: (s: Session) =>
        s.messages.some((m) => m.kind === 'text' && m.text.includes('login')) ? 'skip marker' : undefined,
    };
    const report = await runSync(options({ withdraw }));
    expect(report.removed).toEqual([
      'history/alice/fake/laptop/code/app/.2026-01-02-0304-fix-the-login-bug.json',
      'history/alice/fake/laptop/code/app/2026-01-02-0304-fix-the-login-bug.md',
    ]);
    // The other session's twin is rewritten: it records the new rule set in its render key.
    expect(report.totals).toMatchObject({ skipped: 1, updated: 1 });
    expect(report.withdrawn).toEqual([
      { source: 'fake', key: 'fake:s1', path: join(src, 's1.jsonl'), reason: 'skip marker' },
    ]);
    expect((await outputs()).some((f) => f.includes('login'))).toBe(false);
    // Unchanged, it stays skipped for the same reason, at the cost of a stat.
    const again = await runSync(options({ withdraw }));
    expect(again.totals).toMatchObject({ unchanged: 1, skipped: 1 });
    expect(again.skipped).toEqual([
      { source: 'fake', key: 'fake:s1', path: join(src, 's1.jsonl'), reason: 'skip marker' },
    ]);
    expect(again.withdrawn).toEqual([]);
    // Dropping the rule brings it back: written again from nothing, so it is new.
    expect((await runSync(options())).totals).toMatchObject({ new: 1, updated: 1 });
    expect((await outputs()).some((f) => f.includes('login'))).toBe(true);
  });

  it('writes nothing in a dry run but says what it would write', async () => {
    const report = await runSync(options({ dryRun: true }));
    expect(report.wouldWrite).toHaveLength(4);
    expect(await outputs()).toEqual([]);
  });

  it('rebuilds a lost index from the JSON twins, and then has nothing to do', async () => {
    await runSync(options());
    await rm(join(out, '.convx/state'), { recursive: true });
    const rebuilt = await readIndex(out);
    expect(Object.keys(rebuilt.sessions).sort()).toEqual(['fake:s1', 'fake:s2']);
    const report = await runSync(options());
    expect(report.totals).toMatchObject({ unchanged: 2 });
  });

  it('rebuilds the outputs of a renderer that writes no Markdown', async () => {
    const html = {
      ...plainRenderer,
      name: 'html',
      render: () => [{ suffix: '.html', content: '<p>hi</p>\n' }],
    };
    await runSync(options({ renderer: html }));
    await rm(join(out, '.convx/state'), { recursive: true });
    const rebuilt = await readIndex(out);
    expect(rebuilt.sessions['fake:s2']?.outputs.sort()).toEqual([
      'history/alice/fake/laptop/code/app/.2026-01-02-0304-dark-mode.json',
      'history/alice/fake/laptop/code/app/2026-01-02-0304-dark-mode.html',
    ]);
  });

  it('re-renders everything when the renderer version changes', async () => {
    await runSync(options());
    const report = await runSync(options({ renderer: { ...plainRenderer, version: '2' } }));
    // Markdown bytes are equal, so only the twins (which record the render key) are rewritten.
    expect(report.totals).toMatchObject({ updated: 2 });
    expect(report.written.every((f) => f.endsWith('.json'))).toBe(true);
    expect(report.written).toHaveLength(2);
  });

  it('re-renders every session when a render option changes, and writes the new bytes', async () => {
    const optionRenderer = {
      ...plainRenderer,
      render: (session: Session, ctx: { basename: string; options: Readonly<Record<string, unknown>> }) =>
        plainRenderer
          .render(session, ctx)
          .map((f) => ({ ...f, content: `${ctx.options.banner ?? ''}${f.content}` })),
    };
    await runSync(options({ renderer: optionRenderer }));
    const report = await runSync(
      options({ renderer: optionRenderer, renderOptions: { banner: '> exported by convx\n' } }),
    );
    expect(report.totals).toMatchObject({ updated: 2, unchanged: 0 });
    expect(report.written.filter((f) => f.endsWith('.md'))).toHaveLength(2);
    const md = await readFile(
      join(out, 'history/alice/fake/laptop/code/app/2026-01-02-0304-dark-mode.md'),
      'utf8',
    );
    expect(md.startsWith('> exported by convx\n# Dark mode')).toBe(true);
  });

  it('refuses to run while another live run holds the lock, and takes over a stale lock', async () => {
    const host = (await import('node:os')).hostname();
    const lock = join(out, '.convx/state/lock');
    await mkdir(join(out, '.convx/state'), { recursive: true });
    // A live process (our parent) holds it.
    await writeFile(lock, JSON.stringify({ pid: process.ppid, host, startedAt: 'now', token: 't' }));
    await expect(runSync(options())).rejects.toMatchObject({ code: 'OUTPUT_LOCKED' });
    // A lock that cannot be read, written just now: someone's, not stolen.
    await writeFile(lock, '');
    await expect(runSync(options())).rejects.toMatchObject({ code: 'OUTPUT_LOCKED' });
    // A dead process, and our own pid reused after a restart: both stale.
    for (const pid of [2 ** 22 + 12345, process.pid]) {
      await writeFile(lock, JSON.stringify({ pid, host, startedAt: 'then', token: 'old' }));
      await expect(runSync(options())).resolves.toMatchObject({ totals: { failed: 0 } });
      await expect(readFile(lock, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
    }
  });

  it('lets only one of two concurrent runs in, and a run never deletes a lock it does not hold', async () => {
    const results = await Promise.allSettled([runSync(options()), runSync(options())]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  it('converges after a run stopped midway, with no temp files left', async () => {
    for (let i = 0; i < 20; i++) await source(`bulk${i}`, [line('user', `Task number ${i}`)]);
    const controller = new AbortController();
    let seen = 0;
    await expect(
      runSync(
        options({
          signal: controller.signal,
          concurrency: 1,
          onProgress: (e) => {
            if (e.type === 'session' && ++seen === 7) controller.abort();
          },
        }),
      ),
    ).rejects.toThrow();
    const report = await runSync(options());
    // The sessions finished before the abort were saved in the index: they are not counted as new again.
    expect(report.totals.unchanged).toBe(7);
    expect(report.totals.new).toBe(15);
    const clean = await mkdtemp(join(tmpdir(), 'convx-clean-'));
    await runSync(options({ outputRoot: clean }));
    const files = (root: string) => globby('history/**/*', { cwd: root, dot: true });
    expect(await files(out)).toEqual(await files(clean));
    expect(await globby('.convx/state/tmp/*', { cwd: out, dot: true })).toEqual([]);
  });
});

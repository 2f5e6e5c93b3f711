import { copyFileSync, mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openIndex } from '../src/index.js';
import { m, TestHistory } from './support/history.js';

let history: TestHistory;
afterEach(() => history.cleanup());

const twinsOf = (report: { written: string[] }) => report.written.filter((p) => /\/\.[^/]+\.json$/.test(p));

describe('update', () => {
  it('builds from scratch, then costs nothing when no twin changed', async () => {
    history = new TestHistory();
    history.write(
      { id: 'one', title: 'First', messages: [m.user('rotate the signing keys')] },
      { id: 'two', title: 'Second', messages: [m.user('rename the billing module')] },
    );
    await history.export();
    const index = await openIndex(history.outputRoot);
    history.indexes.push(index);
    expect(await index.update()).toMatchObject({
      added: 2,
      updated: 0,
      removed: 0,
      unchanged: 0,
      rebuilt: true,
    });
    expect(await index.update()).toMatchObject({
      added: 0,
      updated: 0,
      removed: 0,
      unchanged: 2,
      rebuilt: false,
    });
    const again = await openIndex(history.outputRoot);
    history.indexes.push(again);
    expect(await again.update()).toMatchObject({ unchanged: 2, rebuilt: false });
    expect(again.search('signing').total).toBe(1);
  });

  it("re-indexes a changed session from the run's changed list only", async () => {
    history = new TestHistory();
    history.write(
      { id: 'one', title: 'Keys', messages: [m.user('rotate the signing keys')] },
      { id: 'two', title: 'Billing', messages: [m.user('rename the billing module')] },
    );
    await history.export();
    const index = await history.index();
    history.write({
      id: 'one',
      title: 'Keys',
      messages: [m.user('rotate the signing keys'), m.assistant('Rotated; the old kid is revoked.')],
    });
    const report = await history.export();
    expect(twinsOf(report)).toHaveLength(1);
    const result = await index.update({ changed: [...report.written, ...report.removed] });
    expect(result).toMatchObject({ added: 0, updated: 1, removed: 0, unchanged: 0, rebuilt: false });
    expect(index.search('revoked').hits.map((h) => h.key)).toEqual(['claude:one']);
    expect(index.search('billing').total).toBe(1);
  });

  it('follows a renamed session (a new title moves its files) and drops the old path', async () => {
    history = new TestHistory();
    history.write({ id: 'one', title: 'Old name', messages: [m.user('migrate the orders table')] });
    await history.export();
    const index = await history.index();
    const before = index.search('orders').hits[0]?.path;
    expect(before).toMatch(/old-name\.md$/);
    history.write({ id: 'one', title: 'New name', messages: [m.user('migrate the orders table')] });
    const report = await history.export();
    expect(report.removed.some((p) => p.endsWith('old-name.json'))).toBe(true);
    const result = await index.update({ changed: [...report.written, ...report.removed] });
    expect(result).toMatchObject({ added: 1, removed: 1 });
    const hits = index.search('orders').hits;
    expect(hits).toHaveLength(1);
    expect(hits[0]?.path).toMatch(/new-name\.md$/);
    expect(hits[0]?.title).toBe('New name');
  });

  it('drops a removed twin (with or without a changed list)', async () => {
    history = new TestHistory();
    history.write(
      { id: 'one', title: 'Keys', messages: [m.user('rotate the signing keys')] },
      { id: 'two', title: 'Billing', messages: [m.user('rename the billing module')] },
    );
    const report = await history.export();
    const index = await history.index();
    const [oneTwin] = twinsOf(report).filter((p) => p.includes('keys'));
    rmSync(join(history.outputRoot, oneTwin ?? ''));
    expect(await index.update({ changed: [oneTwin ?? ''] })).toMatchObject({ removed: 1 });
    expect(index.search('signing').total).toBe(0);
    const [twoTwin] = twinsOf(report).filter((p) => p.includes('billing'));
    rmSync(join(history.outputRoot, twoTwin ?? ''));
    expect(await index.update()).toMatchObject({ removed: 1, unchanged: 0 });
    expect(index.search('').total).toBe(0);
  });

  it('finds a twin pulled in by git (written by another machine, no source data here)', async () => {
    history = new TestHistory();
    history.write({ id: 'here', title: 'Local', messages: [m.user('tune the cache eviction')] });
    await history.export();
    const index = await history.index();
    // Another machine's export, copied in as `git pull` would: twin and Markdown, any mtime.
    const other = new TestHistory({ user: 'alice', systemName: 'desktop' });
    other.write({ id: 'there', title: 'From the desktop', messages: [m.user('profile the render loop')] });
    const report = await other.export();
    for (const file of report.written) {
      const target = join(history.outputRoot, file);
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(join(other.outputRoot, file), target);
      utimesSync(target, new Date('2020-01-01'), new Date('2020-01-01'));
    }
    other.cleanup();
    expect(await index.update()).toMatchObject({ added: 1, unchanged: 1 });
    const [hit] = index.search('render loop').hits;
    expect(hit).toMatchObject({ key: 'claude:there', machine: 'desktop', title: 'From the desktop' });
  });

  it('reports a twin it cannot read, indexes the rest, and retries it once fixed', async () => {
    history = new TestHistory();
    history.write(
      { id: 'good', title: 'Good', messages: [m.user('shard the queue')] },
      { id: 'bad', title: 'Bad', messages: [m.user('split the monolith'), m.assistant('first step done')] },
    );
    const report = await history.export();
    const badTwin = twinsOf(report).find((p) => p.includes('bad')) ?? '';
    const path = join(history.outputRoot, badTwin);
    const { readFileSync } = await import('node:fs');
    const original = readFileSync(path, 'utf8');
    writeFileSync(path, original.replace('"first step done"', '"first step done'));
    const index = await openIndex(history.outputRoot);
    history.indexes.push(index);
    const result = await index.update();
    expect(result.added).toBe(1);
    expect(result.failed).toEqual([{ path: badTwin, message: expect.stringMatching(/not valid JSON/) }]);
    expect(index.search('monolith').total).toBe(0);
    expect(index.search('queue').total).toBe(1);
    writeFileSync(path, original);
    expect(await index.update()).toMatchObject({ added: 1, failed: [] });
    expect(index.search('monolith').total).toBe(1);
  });

  it('keeps what it indexed when stopped, and finishes on the next update', async () => {
    history = new TestHistory();
    for (let i = 0; i < 6; i++)
      history.write({ id: `s${i}`, title: `Session ${i}`, messages: [m.user(`topic number${i}`)] });
    await history.export();
    const index = await openIndex(history.outputRoot);
    history.indexes.push(index);
    const controller = new AbortController();
    const first = await index.update({
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 2) controller.abort();
      },
    });
    expect(first.added).toBe(2);
    expect(index.search('topic').total).toBe(2);
    expect(await index.update()).toMatchObject({ added: 4, unchanged: 2 });
    expect(index.search('topic').total).toBe(6);
  });

  it('ignores changed paths that are not twins or leave the output', async () => {
    history = new TestHistory();
    history.write({ id: 'one', title: 'One', messages: [m.user('hello there')] });
    const report = await history.export();
    const index = await history.index();
    const md = report.written.filter((p) => p.endsWith('.md'));
    expect(await index.update({ changed: [...md, '../outside/.x.json', '/etc/.passwd.json'] })).toMatchObject(
      {
        added: 0,
        updated: 0,
        removed: 0,
        failed: [],
      },
    );
    expect(readdirSync(history.outputRoot)).toContain('history');
  });
});

import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { indexPath, openIndex } from '../src/index.js';
import { m, TestHistory } from './support/history.js';

let history: TestHistory;
afterEach(() => history.cleanup());

async function exported() {
  history = new TestHistory();
  history.write({ id: 'one', title: 'One', messages: [m.user('rebuild the widget factory')] });
  await history.export();
}

describe('the index is a cache', () => {
  it('lives in the git-ignored state folder', async () => {
    await exported();
    await history.index();
    expect(existsSync(indexPath(history.outputRoot))).toBe(true);
    expect(indexPath(history.outputRoot)).toBe(join(history.outputRoot, '.convx', 'state', 'search.db'));
    expect(readFileSync(join(history.outputRoot, '.convx', '.gitignore'), 'utf8')).toMatch(/^state\/$/m);
  });

  it('never works through a link inside .convx, and does not follow linked twins', async () => {
    await exported();
    const elsewhere = join(history.root, 'elsewhere');
    mkdirSync(elsewhere);
    renameSync(join(history.outputRoot, '.convx'), join(elsewhere, '.convx'));
    symlinkSync(join(elsewhere, '.convx'), join(history.outputRoot, '.convx'));
    await expect(openIndex(history.outputRoot)).rejects.toMatchObject({ code: 'OUTPUT_SYMLINK' });
    expect(existsSync(join(elsewhere, '.convx', 'state', 'search.db'))).toBe(false);
    rmSync(join(history.outputRoot, '.convx'));
    // A twin that is a link (to a file outside the history) is not indexed.
    const outside = join(elsewhere, '.linked.json');
    const [twin] = readdirSync(join(history.outputRoot, 'history/alice/claude/laptop/code/app')).filter((n) =>
      n.endsWith('.json'),
    );
    copyFileSync(join(history.outputRoot, 'history/alice/claude/laptop/code/app', twin ?? ''), outside);
    symlinkSync(outside, join(history.outputRoot, 'history/alice/claude/laptop/code/app/.linked.json'));
    const index = await history.index();
    expect(index.search('').total).toBe(1);
  });

  it('rebuilds a file that is not a database', async () => {
    await exported();
    writeFileSync(indexPath(history.outputRoot), 'this is not a database, just text that got here somehow');
    const index = await openIndex(history.outputRoot);
    history.indexes.push(index);
    expect(await index.update()).toMatchObject({ added: 1, rebuilt: true });
    expect(index.search('widget').total).toBe(1);
  });

  it('rebuilds a damaged database', async () => {
    await exported();
    (await history.index()).close();
    const path = indexPath(history.outputRoot);
    const bytes = readFileSync(path);
    // Keep the header (so it opens) and overwrite the pages after it.
    bytes.fill(0x5a, 4096, bytes.length);
    writeFileSync(path, bytes);
    const index = await openIndex(history.outputRoot);
    history.indexes.push(index);
    const result = await index.update();
    expect(result.rebuilt).toBe(true);
    expect(index.search('widget').total).toBe(1);
  });

  it('rebuilds an index of another format version', async () => {
    await exported();
    (await history.index()).close();
    const db = new DatabaseSync(indexPath(history.outputRoot));
    db.exec("UPDATE meta SET value = '0' WHERE key = 'schema'");
    db.close();
    const index = await openIndex(history.outputRoot);
    history.indexes.push(index);
    expect(await index.update()).toMatchObject({ added: 1, rebuilt: true });
    expect(index.search('widget').total).toBe(1);
  });

  it('stays small next to the twins it indexes', async () => {
    history = new TestHistory();
    for (let i = 0; i < 40; i++) {
      history.write({
        id: `s${i}`,
        messages: [
          m.user(`task ${i}: ${'make the exporter stream its output '.repeat(20)}`),
          m.output('ok '.repeat(2000)),
        ],
      });
    }
    const report = await history.export();
    (await history.index()).close();
    expect(existsSync(`${indexPath(history.outputRoot)}-wal`)).toBe(false);
    const twinBytes = report.written
      .filter((p) => /\/\.[^/]+\.json$/.test(p))
      .reduce((sum, p) => sum + statSync(join(history.outputRoot, p)).size, 0);
    expect(statSync(indexPath(history.outputRoot)).size).toBeLessThan(twinBytes);
  });
});

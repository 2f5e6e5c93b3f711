import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EachJsonItemOptions } from '../src/index.js';
import { ConvxError, createDiagnostics, eachJsonItem } from '../src/index.js';
import { SessionLineLimit } from '../src/io/line-limit.js';

async function file(content: string | Buffer, name = 'session.json'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'convx-json-items-'));
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

/** Everything `eachJsonItem` hands over, in order, with the diagnostics and its result. */
async function read(
  path: string,
  options: Omit<EachJsonItemOptions, 'diagnostics'> = {},
  limit?: SessionLineLimit,
) {
  const diagnostics = createDiagnostics();
  const items: Array<[number, unknown]> = [];
  const fields: Array<[string, unknown]> = [];
  const result = await eachJsonItem(
    path,
    (value, index) => void items.push([index, value]),
    { onField: (key, value) => void fields.push([key, value]), ...options, diagnostics },
    limit ? { limit } : {},
  );
  return { items, fields, result, diagnostics: diagnostics.list() };
}

describe('eachJsonItem', () => {
  it('streams a top-level array of any values: objects, strings, numbers, null, booleans, arrays', async () => {
    const values = [
      { role: 'user', content: [{ type: 'text', text: 'hi "there"\\' }] },
      'a string',
      -1.5e3,
      0,
      null,
      true,
      false,
      [],
      {},
      [1, [2]],
      '',
    ];
    const path = await file(JSON.stringify(values, null, 2));
    const { items, result, diagnostics } = await read(path);
    expect(items).toEqual(values.map((v, i) => [i, v]));
    expect(result).toEqual({ found: true, items: values.length, complete: true });
    expect(diagnostics).toEqual([]);
  });

  it('hands over the fields before and after the array at `at`, each parsed whole', async () => {
    const doc = `\ufeff{"title":"Fix the \\"parser\\"","meta":{"a":[1,{"b":null}]},"history":[{"n":1},{"n":2}],"workspaceDirectory":"/w","count":3,"flag":null}`;
    const { items, fields, result } = await read(await file(doc), { at: ['history'] });
    expect(items).toEqual([
      [0, { n: 1 }],
      [1, { n: 2 }],
    ]);
    expect(fields).toEqual([
      ['title', 'Fix the "parser"'],
      ['meta', { a: [1, { b: null }] }],
      ['workspaceDirectory', '/w'],
      ['count', 3],
      ['flag', null],
    ]);
    expect(result).toEqual({ found: true, items: 2, complete: true });
  });

  it('with `fields`, hands over only those; a nested path passes the objects on the way over', async () => {
    const doc = JSON.stringify({
      big: 'x'.repeat(1000),
      customTitle: 'T',
      session: { skipped: [1, 2], requests: ['a', 'b'], after: { x: 1 } },
      requesterUsername: 'me',
    });
    const { items, fields } = await read(await file(doc), {
      at: ['session', 'requests'],
      fields: ['customTitle', 'requesterUsername'],
    });
    expect(items).toEqual([
      [0, 'a'],
      [1, 'b'],
    ]);
    expect(fields).toEqual([
      ['customTitle', 'T'],
      ['requesterUsername', 'me'],
    ]);
  });

  it('says when there is no array where asked (missing key, another kind of value, an object document)', async () => {
    expect((await read(await file('{"title":"t","history":null}'), { at: ['history'] })).result).toEqual({
      found: false,
      items: 0,
      complete: true,
    });
    const missing = await read(await file('{"title":"t"}'), { at: ['history'] });
    expect(missing.result.found).toBe(false);
    expect(missing.fields).toEqual([['title', 't']]);
    expect((await read(await file('{"history":[1]}'))).result).toMatchObject({ found: false, items: 0 });
    expect((await read(await file('[1]'), { at: ['history'] })).result).toMatchObject({ found: false });
  });

  it('throws when the file holds no JSON at all', async () => {
    await expect(read(await file(''))).rejects.toThrow('session.json holds no JSON document');
    await expect(read(await file('  \n'))).rejects.toThrow('holds no JSON document');
    await expect(read(await file('<html>'))).rejects.toThrow('holds no JSON document');
  });

  it('keeps the complete elements of a document cut short anywhere, with a diagnostic, never a throw', async () => {
    const values = [{ a: 'x"y\\' }, 'str', 12, null, [{ b: [true] }], { last: '}]' }];
    const doc = JSON.stringify({ title: 't', history: values, after: 1 });
    const arrayStart = doc.indexOf('[');
    for (let cut = arrayStart + 1; cut < doc.length; cut++) {
      const text = doc.slice(0, cut);
      const { items, result, diagnostics } = await read(await file(text), { at: ['history'] });
      // The elements whose JSON ends before the cut (a scalar only once a delimiter follows it).
      const whole = values.filter((v, i) => {
        const last = arrayStart + JSON.stringify(values.slice(0, i + 1)).length - 2;
        const scalar = v === null || typeof v === 'number';
        return (scalar ? last + 1 : last) < cut;
      });
      expect(items.map(([, v]) => v)).toEqual(whole);
      expect(result.complete).toBe(false);
      expect(diagnostics).toEqual([
        expect.objectContaining({ code: 'truncated-json', path: expect.stringContaining('session.json') }),
      ]);
      expect(diagnostics[0]?.message).toContain(`breaks off at byte ${Buffer.byteLength(text)}`);
    }
  });

  it('stops at bytes that are not JSON (a crash leaves zeros behind) and keeps what came before', async () => {
    const { items, result, diagnostics } = await read(
      await file(Buffer.concat([Buffer.from('[1,"two",'), Buffer.alloc(64)])),
    );
    expect(items).toEqual([
      [0, 1],
      [1, 'two'],
    ]);
    expect(result).toEqual({ found: true, items: 2, complete: false });
    expect(diagnostics[0]).toMatchObject({
      code: 'truncated-json',
      message: expect.stringContaining('byte 9 '),
    });
  });

  it('skips an element that is not valid JSON and reads on', async () => {
    const { items, diagnostics } = await read(await file('[1, tru, {"a":1,}, "ok", 5]'));
    expect(items).toEqual([
      [0, 1],
      [3, 'ok'],
      [4, 5],
    ]);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'malformed-item', count: 2 })]);
  });

  it('finds element ends across chunk boundaries, whatever escapes and brackets a string holds', async () => {
    // Small files are read as a 32 KiB head and the rest: slide tricky strings over that boundary.
    const tricky = ['\\', '"', '\\"', '\\\\"', ']}', '{["', 'ü✓😀', '\\\\\\'];
    for (let shift = 0; shift < 12; shift++) {
      const values: unknown[] = ['p'.repeat(32 * 1024 - 30 + shift)];
      for (const t of tricky) values.push(t, { [t]: [t, 1] }, 7);
      const path = await file(JSON.stringify(values));
      const { items, result } = await read(path);
      expect(items.map(([, v]) => v)).toEqual(values);
      expect(result.complete).toBe(true);
    }
  });

  it('reads a file of many 1 MiB chunks the same as JSON.parse does', async () => {
    const values = Array.from({ length: 400 }, (_, i) => ({
      i,
      text: `line "${i}" \\ ${'ab\\"c'.repeat(i * 7)}`,
      list: i % 3 ? [i, null, 'x'] : 'plain',
    }));
    const doc = JSON.stringify({ before: 'b', history: values, after: 'a' }, null, 1);
    expect(doc.length).toBeGreaterThan(3 << 20);
    const { items, fields } = await read(await file(doc), { at: ['history'] });
    expect(items.map(([, v]) => v)).toEqual(values);
    expect(fields).toEqual([
      ['before', 'b'],
      ['after', 'a'],
    ]);
  });

  describe("the run's limits", () => {
    it('fails the session at an element over the line limit, naming it, read across chunks', async () => {
      const path = await file(
        JSON.stringify([{ a: 1 }, { b: 'x'.repeat(3 << 20) }, 3]),
        'api_conversation_history.json',
      );
      const limit = new SessionLineLimit('/tasks/1', 1 << 20);
      const seen: unknown[] = [];
      const reading = eachJsonItem(path, (v) => void seen.push(v), {}, { limit });
      await expect(reading).rejects.toThrow(
        /^item 2 of api_conversation_history\.json is 3(\.0)? MB, over the limit of 1(\.0)? MB for one JSON value$/,
      );
      expect(seen).toEqual([{ a: 1 }]);
      // Remembered, so an adapter that caught the error cannot turn it into a partial export.
      expect(() => limit.check()).toThrow(ConvxError);
    });

    it('skips an element over the reader’s own lower limit with a diagnostic', async () => {
      const path = await file(JSON.stringify(['short', 'y'.repeat(5000), 'after']));
      const { items, diagnostics } = await read(path, { maxItemBytes: 100 });
      expect(items).toEqual([
        [0, 'short'],
        [2, 'after'],
      ]);
      expect(diagnostics).toEqual([expect.objectContaining({ code: 'oversized-item' })]);
    });

    it('fails the session at an element nested deeper than MAX_NESTING, and lets 1,000 levels through', async () => {
      const nest = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
      const ok = await read(await file(`[${nest(1000)}, 1]`));
      expect(ok.items).toHaveLength(2);
      const path = await file(`[1, ${nest(1001)}, 2]`, 'ui_messages.json');
      const limit = new SessionLineLimit('/tasks/1');
      const error = await read(path, {}, limit).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConvxError);
      expect(error).toMatchObject({
        code: 'NESTED_TOO_DEEP',
        message: 'item 2 of ui_messages.json is nested deeper than 1000 levels',
      });
      expect(() => limit.check()).toThrow('nested deeper');
      // Passed over (not kept), a deep field costs nothing and fails nothing.
      const skipped = await read(await file(`{"deep":${nest(5000)},"history":[1]}`), {
        at: ['history'],
        fields: [],
      });
      expect(skipped.items).toEqual([[0, 1]]);
    });
  });

  it('is on the adapter context, with the hash of a file read to its end', async () => {
    const { createAdapterContext } = await import('../src/index.js');
    const { sessionContext } = await import('../src/io/context.js');
    const { ScratchBuffers } = await import('../src/io/scratch-buffers.js');
    const path = await file('{"history":["a"]}');
    const hashes = new Map<string, string>();
    const ctx = sessionContext(
      createAdapterContext({ home: '/h' }),
      new SessionLineLimit(path),
      new ScratchBuffers(),
      hashes,
    );
    const seen: unknown[] = [];
    await ctx.eachJsonItem(path, (v) => void seen.push(v), { at: ['history'] });
    expect(seen).toEqual(['a']);
    expect(hashes.get(path)).toBe(ctx.hash('{"history":["a"]}'));
  });
});

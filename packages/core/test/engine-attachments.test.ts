import { createHash } from 'node:crypto';
import { appendFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { globby } from 'globby';
import { beforeEach, describe, expect, it } from 'vitest';
import { runSync, type Session, type SyncOptions, validateSession } from '../src/index.js';
import { streamingFakeAdapter } from './support/fake-adapter.js';
import { aliceBackup } from './support/sync-options.js';

let home: string;
let out: string;
let src: string;

const DIR = 'history/alice/fake/laptop/code/app';
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(200, 7)]);
const big = Buffer.alloc(3000, 1);
const doc = Buffer.from('deploy with GH_TOKEN=ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8\n', 'utf8');

async function source(id: string, lines: unknown[], title = 'Screenshots'): Promise<void> {
  const header = { id, title, start: '2026-01-02T03:04:00Z', cwd: '/home/alice/code/app' };
  await writeFile(
    join(src, `${id}.jsonl`),
    `${[header, ...lines].map((l) => JSON.stringify(l)).join('\n')}\n`,
  );
}

const payload = (bytes: Buffer, type: string) => ({ data: bytes.toString('base64'), info: { type } });

function options(overrides: Partial<SyncOptions> = {}): SyncOptions {
  return aliceBackup(out, home, { adapters: [streamingFakeAdapter], attachmentMaxBytes: 1024, ...overrides });
}

async function twin(name: string): Promise<Session> {
  return JSON.parse(await readFile(join(out, DIR, `.${name}.json`), 'utf8')) as Session;
}

const files = () => globby('history/**/*', { cwd: out, dot: true });

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'convx-home-'));
  out = await mkdtemp(join(tmpdir(), 'convx-out-'));
  src = join(home, '.fake');
  await mkdir(src, { recursive: true });
  await source('s1', [
    { role: 'user', text: 'Look at these', attach: [payload(png, 'image/png'), payload(big, 'image/png')] },
    { role: 'assistant', text: 'Seen.' },
    {
      role: 'user',
      text: 'Same one again, and the notes',
      attach: [payload(png, 'image/png'), payload(doc, 'text/plain')],
    },
  ]);
});

describe('attachments', () => {
  it('saves each inline payload once, content-addressed, in the session folder; over the limit a note instead', async () => {
    const report = await runSync(options());
    expect(report.failures).toEqual([]);
    const image = `attachments/${sha(png).slice(0, 16)}.png`;
    const notes = `attachments/${sha(doc).slice(0, 16)}.txt`;
    const folder = `${DIR}/2026-01-02-0304-screenshots`;
    expect((await files()).sort()).toEqual(
      [
        `${DIR}/.2026-01-02-0304-screenshots.json`,
        `${folder}.md`,
        `${folder}/${image}`,
        `${folder}/${notes}`,
      ].sort(),
    );
    expect(report.written).toContain(`${folder}/${image}`);
    expect((await readFile(join(out, folder, image))).equals(png)).toBe(true);

    const json = await twin('2026-01-02-0304-screenshots');
    expect(validateSession(json).ok).toBe(true);
    const [first, , last] = json.messages;
    expect(first?.kind === 'text' && first.attachments).toEqual([
      { type: 'image/png', size: png.length, sha256: sha(png), file: image },
      { type: 'image/png', size: 3000, sha256: sha(big), omitted: 'larger than the 1 KiB attachment limit' },
    ]);
    expect(last?.kind === 'text' && last.attachments?.map((a) => a.file)).toEqual([image, notes]);
    // The twin references; it never holds the bytes.
    expect(JSON.stringify(json)).not.toContain(png.toString('base64'));
  });

  it('redacts text payloads with the run transform before saving them', async () => {
    const transform = {
      id: 'mask',
      apply: (s: Session) => s,
      applyText: (text: string) => text.replace(/ghp_\w+/g, '[REDACTED:github-token]'),
    };
    await runSync(options({ transform }));
    const saved = (await files()).find((f) => f.endsWith('.txt'));
    expect(await readFile(join(out, saved ?? ''), 'utf8')).toBe(
      'deploy with GH_TOKEN=[REDACTED:github-token]\n',
    );
  });

  it('writes nothing on a second run, and nothing at all in a dry run', async () => {
    const dry = await runSync(options({ dryRun: true }));
    expect(dry.wouldWrite.filter((f) => f.includes('/attachments/'))).toHaveLength(2);
    expect(await files()).toEqual([]);
    await runSync(options());
    const again = await runSync(options({ force: true }));
    expect(again.written).toEqual([]);
    expect(await globby('.convx/state/tmp/*', { cwd: out, dot: true })).toEqual([]);
  });

  it('moves the attachments with their session when it is renamed, leaving nothing behind', async () => {
    await runSync(options());
    await source('s1', [{ role: 'user', text: 'Look', attach: [payload(png, 'image/png')] }], 'Renamed');
    const report = await runSync(options());
    expect(report.failures).toEqual([]);
    expect((await files()).sort()).toEqual(
      [
        `${DIR}/.2026-01-02-0304-renamed.json`,
        `${DIR}/2026-01-02-0304-renamed.md`,
        `${DIR}/2026-01-02-0304-renamed/attachments/${sha(png).slice(0, 16)}.png`,
      ].sort(),
    );
  });

  it('saves none with a limit of 0, keeping the references', async () => {
    await runSync(options({ attachmentMaxBytes: 0 }));
    expect((await files()).filter((f) => f.includes('/attachments/'))).toEqual([]);
    const [first] = (await twin('2026-01-02-0304-screenshots')).messages;
    expect(first?.kind === 'text' && first.attachments?.[0]).toEqual({
      type: 'image/png',
      size: png.length,
      sha256: sha(png),
    });
  });

  it('saves the attachments of a session too big to hold in memory exactly the same', async () => {
    await runSync(options({ holdChars: 10 }));
    expect(
      (
        await readFile(join(out, DIR, `2026-01-02-0304-screenshots/attachments/${sha(png).slice(0, 16)}.png`))
      ).equals(png),
    ).toBe(true);
    const [first] = (await twin('2026-01-02-0304-screenshots')).messages;
    expect(first?.kind === 'text' && first.attachments?.[0]?.file).toBe(
      `attachments/${sha(png).slice(0, 16)}.png`,
    );
  });
});

describe('saved outputs the source deletes', () => {
  it('keeps the whole output the first export read when a re-export finds the saved file gone', async () => {
    const whole = `${'line of a long build log\n'.repeat(200)}BUILD FAILED at the very end\n`;
    await mkdir(join(src, 'saved'), { recursive: true });
    await writeFile(join(src, 'saved', 'tool_1'), whole);
    await source(
      's2',
      [
        { role: 'user', text: 'Build it' },
        { role: 'tool', callId: 'c1', text: 'line of a long build log\n…truncated', saved: 'tool_1' },
      ],
      'Build',
    );
    await runSync(options());
    const first = await twin('2026-01-02-0304-build');
    expect(first.messages[1]).toMatchObject({ kind: 'tool-result', output: whole });

    // The source's cleanup deletes the saved output; the session goes on (a resumed session re-exports).
    await rm(join(src, 'saved', 'tool_1'));
    await appendFile(join(src, 's2.jsonl'), `${JSON.stringify({ role: 'user', text: 'And now?' })}\n`);
    const report = await runSync(options());
    expect(report.totals).toMatchObject({ updated: 1 });
    const second = await twin('2026-01-02-0304-build');
    expect(second.messages).toHaveLength(3);
    expect(second.messages[1]).toMatchObject({
      kind: 'tool-result',
      output: whole,
      attachments: [{ type: 'text/plain', name: 'tool_1', size: Buffer.byteLength(whole) }],
    });
    expect(JSON.stringify(second.messages[1])).not.toContain('omitted');
  });

  it('keeps the preview, marked, when no earlier export had the whole output', async () => {
    await source('s3', [{ role: 'tool', callId: 'c9', text: 'preview only', saved: 'tool_9' }], 'Gone');
    await runSync(options());
    const json = await twin('2026-01-02-0304-gone');
    expect(json.messages[0]).toMatchObject({
      output: 'preview only',
      attachments: [{ name: 'tool_9', omitted: 'gone' }],
    });
    expect((await stat(join(out, DIR, '2026-01-02-0304-gone.md'))).isFile()).toBe(true);
  });
});

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTwinHeader, twinChunks } from '../src/store/twin.js';
import { sampleSessions } from '../src/testing/sample-sessions.js';

describe('JSON twin', () => {
  const [full] = sampleSessions();
  const info = { fingerprint: '10:20', renderKey: 'abc', messageCount: full?.messages.length ?? 0 };

  it('is valid JSON equal to the session plus the convx export record', () => {
    if (!full) throw new Error('no sample');
    const text = [...twinChunks(full, info)].join('');
    expect(JSON.parse(text)).toEqual({ ...full, convx: info });
    // one message per line, diff-friendly
    expect(text.split('\n').filter((l) => l.startsWith('    {"kind"'))).toHaveLength(full.messages.length);
  });

  it('lets the index read the header without the messages', async () => {
    if (!full) throw new Error('no sample');
    const path = join(await mkdtemp(join(tmpdir(), 'convx-twin-')), '.x.json');
    await writeFile(path, [...twinChunks(full, info)].join(''));
    const header = await readTwinHeader(path);
    expect(header).toMatchObject({ key: full.key, title: full.title, convx: info });
    expect(header).not.toHaveProperty('messages');
  });
});

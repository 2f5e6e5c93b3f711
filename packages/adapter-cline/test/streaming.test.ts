import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdapterContext, discoveredRefs, type Message, type Session } from '@convx/core';
import { describe, expect, it } from 'vitest';
import { clineAdapter } from '../src/index.js';

const TASKS = '.config/Code/User/globalStorage/saoudrizwan.claude-dev/tasks';
const fixtureTask = new URL(`../../../fixtures/home/${TASKS}/1750412400000`, import.meta.url).pathname;

/** A home holding a copy of the fixture task, its history file rewritten by `edit`. */
async function homeWith(edit: (history: string) => string): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), 'convx-cline-stream-'));
  const dir = join(home, TASKS, '1750412400000');
  cpSync(fixtureTask, dir, { recursive: true });
  const path = join(dir, 'api_conversation_history.json');
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
  return home;
}

async function loadOnly(home: string): Promise<{ session: Session; streamed: Message[] }> {
  const ctx = createAdapterContext({ home });
  const locations = clineAdapter.defaultLocations({ home, env: {}, platform: 'linux' });
  const [ref] = await discoveredRefs(clineAdapter.discover(ctx, locations));
  if (!ref || !clineAdapter.stream) throw new Error('no task found');
  const streamed: Message[] = [];
  await clineAdapter.stream(ctx, ref, (m) => void streamed.push(m));
  return { session: await clineAdapter.load(ctx, ref), streamed };
}

describe('task files read as they stream', () => {
  it('streams the same messages load returns', async () => {
    const { session, streamed } = await loadOnly(await homeWith((h) => h));
    expect(streamed).toEqual(session.messages);
    expect(streamed.length).toBeGreaterThan(5);
  });

  it('keeps the entries of a history cut short by a crash, instead of falling back to the UI messages', async () => {
    const whole = await loadOnly(await homeWith((h) => h));
    const entries = JSON.parse(readFileSync(join(fixtureTask, 'api_conversation_history.json'), 'utf8'));
    const kept = JSON.stringify(entries.slice(0, 3));
    const cut = await loadOnly(
      await homeWith(() => `${kept.slice(0, -1)},{"role":"user","content":[{"type":"te`),
    );
    const first3 = (await loadOnly(await homeWith(() => kept))).session.messages;
    expect(cut.session.messages).toEqual(first3);
    expect(whole.session.messages.slice(0, first3.length)).toEqual(first3);
    expect(cut.session.diagnostics).toEqual([
      expect.objectContaining({
        code: 'truncated-json',
        path: expect.stringContaining('api_conversation_history.json'),
      }),
    ]);
    expect(cut.session.meta?.history).toBeUndefined(); // not "exported from the UI messages"
  });

  it('falls back to the UI messages when the history is no array', async () => {
    const { session } = await loadOnly(await homeWith(() => '{"not":"a history"}'));
    expect(session.meta?.history).toBe('missing: exported from the UI messages');
    expect(session.messages.length).toBeGreaterThan(0);
    expect(session.diagnostics).toEqual([
      expect.objectContaining({
        code: 'unreadable-file',
        message: 'api_conversation_history.json is not a JSON array',
      }),
    ]);
  });
});

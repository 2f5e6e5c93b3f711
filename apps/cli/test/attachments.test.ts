import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Session, SyncReport } from '@convx/core';
import { afterAll, describe, expect, it } from 'vitest';
import { backupArgs, listOutputFiles, makeWorkspace, runCli, type Workspace } from './support/cli.js';

// The fixture home's Claude, Gemini and OpenCode sessions carry pasted images (base64 in their logs).
const LOGIN = 'history/tester/claude/box/code/webapp/2026-11-02-0914-login-validation-reject-empty-passwords';
const workspaces: Workspace[] = [];
afterAll(() => Promise.all(workspaces.map((ws) => ws.cleanup())));

async function workspace(): Promise<Workspace> {
  const ws = await makeWorkspace();
  workspaces.push(ws);
  return ws;
}

const twin = async (ws: Workspace, base: string): Promise<Session> => {
  const slash = base.lastIndexOf('/');
  const path = join(ws.out, `${base.slice(0, slash)}/.${base.slice(slash + 1)}.json`);
  return JSON.parse(await readFile(path, 'utf8')) as Session;
};

describe('attachments in convx backup', () => {
  it('saves pasted images of every source beside their transcripts, in worker threads too', async () => {
    const ws = await workspace();
    const result = await runCli(backupArgs(ws, '--jobs', '2', '--json'));
    expect(result.code).toBe(1); // the fixtures' corrupt Cursor database, on purpose
    const report = JSON.parse(result.stdout) as SyncReport;
    const saved = (await listOutputFiles(ws.out)).filter((f) => f.includes('/attachments/'));
    expect(saved.map((f) => f.split('/')[2])).toEqual(
      expect.arrayContaining(['claude', 'gemini', 'opencode']),
    );
    expect(report.written).toEqual(expect.arrayContaining(saved));
    expect(await readFile(join(ws.out, `${LOGIN}.md`), 'utf8')).toMatch(
      /!\[image\/png\]\(2026-11-02-0914-login-validation-reject-empty-passwords\/attachments\/[0-9a-f]{16}\.png\)/,
    );
  });

  it('writes a note instead of a file above --max-attachment-size, and [attachments] max_size in the config', async () => {
    const ws = await workspace();
    const run = await runCli(backupArgs(ws, '--source-system', 'claude', '--max-attachment-size', '64'));
    expect(run.code).toBe(0);
    expect((await listOutputFiles(ws.out)).filter((f) => f.includes('/attachments/'))).toEqual([]);
    const typed = (await twin(ws, LOGIN)).messages.find((m) => m.kind === 'text' && m.attachments);
    expect(typed?.kind === 'text' && typed.attachments?.[0]).toMatchObject({
      type: 'image/png',
      size: 73,
      omitted: 'larger than the 64 B attachment limit',
    });
    expect(await readFile(join(ws.out, `${LOGIN}.md`), 'utf8')).toContain(
      'not saved: larger than the 64 B attachment limit',
    );

    // The config's limit takes over once the flag is gone: the session re-renders with its image saved.
    await mkdir(join(ws.out, '.convx'), { recursive: true });
    await writeFile(join(ws.out, '.convx/config.toml'), '[attachments]\nmax_size = "1KB"\n');
    const again = await runCli(backupArgs(ws, '--source-system', 'claude'));
    expect(again.code).toBe(0);
    expect((await listOutputFiles(ws.out)).filter((f) => f.includes('/attachments/'))).toHaveLength(1);
  });

  it('rejects a size it cannot read, naming the flag or the key', async () => {
    const ws = await workspace();
    const flag = await runCli(backupArgs(ws, '--max-attachment-size', 'lots'));
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('--max-attachment-size takes a number of bytes or a size such as 500KB');
    await mkdir(join(ws.out, '.convx'), { recursive: true });
    await writeFile(join(ws.out, '.convx/config.toml'), '[attachments]\nmax_size = "ten"\n');
    const config = await runCli(backupArgs(ws));
    expect(config.code).toBe(2);
    expect(config.stderr).toContain('attachments.max_size must be a number of bytes or a size such as 500KB');
  });
});

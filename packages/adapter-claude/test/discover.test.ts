import { appendFileSync, cpSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AdapterContext, createAdapterContext, memoryCache } from '@convx/core';
import { describe, expect, it } from 'vitest';
import { claudeAdapter } from '../src/index.js';
import { discoverAll, home, ID, projects, WEB } from './helpers.js';

const allIds = Object.values(ID)
  .filter((id) => id !== ID.continuation)
  .sort();

function tempCopy(): string {
  const root = mkdtempSync(join(tmpdir(), 'convx-claude-'));
  cpSync(projects, join(root, 'projects'), { recursive: true });
  return join(root, 'projects');
}

/** A context that counts how often file contents are read. */
function countingContext(cache = memoryCache()): { ctx: AdapterContext; reads: () => number } {
  const base = createAdapterContext({ home, cache });
  let reads = 0;
  const ctx: AdapterContext = {
    ...base,
    readLines: (...args) => {
      reads++;
      return base.readLines(...args);
    },
    readJsonl: (...args) => {
      reads++;
      return base.readJsonl(...args);
    },
    eachJsonl: (...args) => {
      reads++;
      return base.eachJsonl(...args);
    },
  };
  return { ctx, reads: () => reads };
}

describe('discovery', () => {
  it('lists folders instead of trusting sessions-index.json', async () => {
    const refs = await discoverAll([projects]);
    const ids = refs.map((r) => r.sessionId).sort();
    expect(ids).toEqual(allIds);
    expect(ids).not.toContain('deadbeef-0000-4000-8000-000000000001'); // indexed, file gone
    expect(ids).toContain(ID.slash); // on disk, not indexed
    expect(ids).not.toContain(ID.continuation); // merged into the session it continues
  });

  it('lists the session file, its subagents, their meta files and saved tool outputs, and fingerprints them all', async () => {
    const ref = (await discoverAll([projects])).find((r) => r.sessionId === ID.login);
    expect(ref?.path).toBe(`${WEB}/${ID.login}.jsonl`);
    expect(ref?.files).toEqual([
      `${WEB}/${ID.login}.jsonl`,
      `${WEB}/${ID.login}/subagents/agent-a7e3c91.jsonl`,
      `${WEB}/${ID.login}/subagents/agent-a7e3c91.meta.json`,
      `${WEB}/${ID.login}/subagents/agent-aprompt_suggestion-3b5d7f.jsonl`,
      `${WEB}/${ID.login}/tool-results/toolu_01LintBig6.txt`,
    ]);
    const resumed = (await discoverAll([projects])).find((r) => r.sessionId === ID.resumed);
    expect(resumed?.files).toEqual([`${WEB}/${ID.resumed}.jsonl`, `${WEB}/${ID.continuation}.jsonl`]);
  });

  it('re-fingerprints the session when a saved tool output changes, and never yields outputs alone', async () => {
    const copy = tempCopy();
    const before = (await discoverAll([copy])).find((r) => r.sessionId === ID.login)?.fingerprint;
    const saved = join(copy, '-home-alice-code-webapp', ID.login, 'tool-results', 'toolu_01LintBig6.txt');
    appendFileSync(saved, 'one more line\n');
    const after = await discoverAll([copy]);
    expect(after.find((r) => r.sessionId === ID.login)?.fingerprint).not.toBe(before);
    // A folder of saved outputs whose transcript is gone is not a conversation.
    const lone = join(
      copy,
      '-home-alice-code-webapp',
      'c0ffee00-0000-4000-8000-000000000000',
      'tool-results',
    );
    mkdirSync(lone, { recursive: true });
    writeFileSync(join(lone, 'toolu_gone.txt'), 'output\n');
    const ids = (await discoverAll([copy])).map((r) => r.sessionId);
    expect(ids).not.toContain('c0ffee00-0000-4000-8000-000000000000');
    expect(ids).toHaveLength(after.length);
  });

  it('re-fingerprints the parent when only a subagent file changes', async () => {
    const copy = tempCopy();
    const before = (await discoverAll([copy])).find((r) => r.sessionId === ID.login)?.fingerprint;
    const agent = join(copy, '-home-alice-code-webapp', ID.login, 'subagents', 'agent-a7e3c91.jsonl');
    appendFileSync(agent, '{"type":"summary","summary":"late line"}\n');
    const after = await discoverAll([copy]);
    expect(after.find((r) => r.sessionId === ID.login)?.fingerprint).not.toBe(before);
    const untouched = await discoverAll([copy]);
    expect(untouched.map((r) => r.fingerprint)).toEqual(after.map((r) => r.fingerprint));
  });

  it('reads file heads once: a warm run with the cache costs only stats', async () => {
    const cache = memoryCache();
    const cold = countingContext(cache);
    await discoverAll([projects], cold.ctx);
    expect(cold.reads()).toBeGreaterThan(0);
    const warm = countingContext(cache);
    const refs = await discoverAll([projects], warm.ctx);
    expect(warm.reads()).toBe(0);
    expect(refs.map((r) => r.sessionId).sort()).toEqual(allIds);
  });

  it('re-reads the head of a file whose size or mtime changed', async () => {
    const copy = tempCopy();
    const cache = memoryCache();
    await discoverAll([copy], countingContext(cache).ctx);
    const file = join(copy, '-home-alice-code-webapp', `${ID.apiError}.jsonl`);
    utimesSync(file, new Date('2026-11-11T00:00:00Z'), new Date('2026-11-11T00:00:00Z'));
    const warm = countingContext(cache);
    await discoverAll([copy], warm.ctx);
    expect(warm.reads()).toBe(1);
  });

  it('accepts ~/.claude itself, one project folder, or one transcript file as a location', async () => {
    const viaConfigDir = await discoverAll([join(home, '.claude')]);
    expect(viaConfigDir.map((r) => r.sessionId).sort()).toEqual(allIds);
    const oneProject = await discoverAll([join(projects, '-home-alice-code-api')]);
    expect(oneProject.map((r) => r.sessionId).sort()).toEqual([ID.rateLimit, ID.review].sort());
    const oneFile = await discoverAll([`${WEB}/${ID.slash}.jsonl`]);
    expect(oneFile.map((r) => r.sessionId)).toEqual([ID.slash]);
  });

  it('falls back to the project folder name for the cwd only when no record has one', async () => {
    const root = mkdtempSync(join(tmpdir(), 'convx-claude-nocwd-'));
    const dir = join(root, 'projects', '-home-bob-notes');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, '11111111-2222-4333-8444-555555555555.jsonl'),
      `${JSON.stringify({ type: 'user', sessionId: '11111111-2222-4333-8444-555555555555', uuid: 'n1', timestamp: '2026-01-02T03:04:05.000Z', message: { role: 'user', content: 'Summarize my notes.' } })}\n`,
    );
    const [ref] = await discoverAll([join(root, 'projects')]);
    expect(ref?.sessionId).toBe('11111111-2222-4333-8444-555555555555');
    const s = ref && (await claudeAdapter.load(createAdapterContext({ home }), ref));
    expect(s?.cwd).toBe('/home/bob/notes');
    expect(s?.messages).toEqual([
      {
        id: 'n1',
        timestamp: '2026-01-02T03:04:05.000Z',
        kind: 'text',
        role: 'user',
        text: 'Summarize my notes.',
      },
    ]);
  });
});

describe('default locations', () => {
  it('covers ~/.claude, ~/.config/claude, XDG_CONFIG_HOME and every CLAUDE_CONFIG_DIR entry, once each', () => {
    const found = claudeAdapter.defaultLocations({
      home: '/home/alice',
      env: {
        CLAUDE_CONFIG_DIR: '/opt/claude-a, ~/.claude ,~/work-claude,,/opt/claude-a',
        XDG_CONFIG_HOME: '/home/alice/.config',
      },
      platform: 'linux',
    });
    expect(found).toEqual([
      '/home/alice/.claude/projects',
      '/home/alice/.config/claude/projects',
      '/opt/claude-a/projects',
      '/home/alice/work-claude/projects',
    ]);
  });
});

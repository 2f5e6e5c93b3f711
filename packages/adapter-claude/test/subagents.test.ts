import { describe, expect, it } from 'vitest';
import { API, ID, outline, session, WEB } from './helpers.js';

describe('subagents', () => {
  it('nests subagents from <session>/subagents with their meta.json type and description', async () => {
    const s = await session(ID.login);
    expect(s.children?.map((c) => [c.sessionId, c.agent])).toEqual([
      [
        `${ID.login}/agent-a7e3c91`,
        { id: 'a7e3c91', type: 'Explore', description: 'Find other forms with the same check' },
      ],
      [
        `${ID.login}/agent-aprompt_suggestion-3b5d7f`,
        { id: 'aprompt_suggestion-3b5d7f', type: 'prompt_suggestion' },
      ],
    ]);
    const explore = s.children?.[0];
    expect(explore?.meta).toEqual({ callId: 'toolu_01AgentScan5' });
    expect(explore?.models).toEqual(['claude-haiku-4-5-20251001']);
    expect(outline(explore?.messages ?? [])).toEqual([
      'text/user: Search src/forms for password checks that only compare against undefined. Report file and line.',
      'call Grep toolu_01GrepForms1',
      'result Grep toolu_01GrepForms1',
      'text/assistant: Found two more forms with the same check:\n- src/forms/signup.ts:14\n- src/forms/reset.ts:9',
    ]);
    expect(explore?.sourceLocation.path).toBe(`${WEB}/${ID.login}/subagents/agent-a7e3c91.jsonl`);
  });

  it('attaches an older root-level agent-*.jsonl to its parent by sessionId, typed from the Task call', async () => {
    const s = await session(ID.review);
    expect(s.children).toHaveLength(1);
    const child = s.children?.[0];
    expect(child?.agent).toEqual({
      id: '4e5f6a7b',
      type: 'code-reviewer',
      description: 'Review async error handling',
    });
    expect(child?.sourceLocation.path).toBe(`${API}/agent-4e5f6a7b.jsonl`);
    expect(outline(child?.messages ?? [])).toEqual([
      'text/user: Look through src/handlers for awaited calls without try/catch and report them.',
      'call Grep toolu_01GrepAwait1',
      'result Grep toolu_01GrepAwait1',
      'text/assistant: Two handlers await without try/catch: src/handlers/search.ts:22 and src/handlers/export.ts:40.',
    ]);
  });

  it('moves sidechain lines written inside an old main transcript into a child', async () => {
    const s = await session(ID.rateLimit);
    const parentTexts = outline(s.messages).join('\n');
    expect(parentTexts).not.toContain('List the routes in src/routes');
    expect(s.children?.map((c) => c.agent)).toEqual([
      { id: 'sidechain-1', description: 'Find unthrottled routes' },
    ]);
    expect(outline(s.children?.[0]?.messages ?? [])).toEqual([
      'text/user: List the routes in src/routes that do not use rateLimit.',
      'text/assistant: Only /v1/export lacks the limiter.',
    ]);
  });

  it('exports an orphaned subagent folder as a session keyed by the parent id, holding only children', async () => {
    const s = await session(ID.orphan);
    expect(s.messages).toEqual([]);
    expect(s).toMatchObject({
      title: 'Subagents of a deleted session: Audit npm dependencies',
      cwd: '/home/alice/code/webapp',
      gitBranch: 'chore/deps',
      meta: { orphaned: true },
      startedAt: '2026-10-28T11:00:00.000Z',
      endedAt: '2026-10-28T11:00:15.000Z',
    });
    expect(s.children?.map((c) => c.agent)).toEqual([
      { id: 'a0f1e2d', type: 'general-purpose', description: 'Audit npm dependencies' },
    ]);
    expect(s.children?.[0]?.messages.at(-1)).toMatchObject({
      kind: 'text',
      text: 'Only react is outdated; 19.x has breaking changes to ref handling.',
    });
  });
});

describe('a session resumed in a second file', () => {
  it('is one conversation: both files in order, duplicates dropped', async () => {
    const s = await session(ID.resumed);
    expect(outline(s.messages)).toEqual([
      'text/user: Add a dark mode toggle to the settings page.',
      'text/assistant: I will add a toggle backed by a `dark` class on the html element.',
      'call Edit toolu_03EditSet01',
      'result Edit toolu_03EditSet01',
      'text/assistant: Done. The toggle is in SettingsPage.tsx.',
      'text/user: Also remember the choice in localStorage.',
      'text/assistant: Stored under `theme` in localStorage and read on startup.',
    ]);
    expect(s.sourceLocation).toEqual({
      path: `${WEB}/${ID.resumed}.jsonl`,
      extraPaths: [`${WEB}/${ID.continuation}.jsonl`],
    });
    expect(s.endedAt).toBe('2026-10-06T10:15:05.000Z');
  });
});

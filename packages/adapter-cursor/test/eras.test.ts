import type { Session } from '@convx/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSpec, get, loadAll, outline, tempHome } from './helpers.js';

const LOGIN = '0b9e7f6a-2c4d-4e8f-a1b3-c5d7e9f1a2b4';
const PRICE = '3c5e7a9b-1d2f-4a6c-8e0b-2d4f6a8c0e1f';
const NOTES = '7e1a3c5d-9f2b-4d6e-8a0c-4e6a8c0e2f4b';
const RENAME = '4b6d8f0a-2c4e-4f6a-9b1d-3f5a7c9e1b3d';
const PAGINATION = '5d1e8c0a-3b7f-4e2a-9c61-0f4b2a7d9e13';
const REBASE = '6f2a9d1b-4c8e-4f3b-8d72-1a5c3b8e0f24';
const BILLING = 'd15ea5e0-4321-4cba-9fed-ba9876543210';

let sessions: Map<string, Session>;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const home = await tempHome(demoSpec());
  cleanup = home.cleanup;
  ({ sessions } = await loadAll(home.home, home.user));
});
afterAll(() => cleanup());

describe('era 1: legacy chat tabs', () => {
  it('reads user text and ai rawText with separate code blocks, titled by chatTitle', () => {
    const tab = get(sessions, PAGINATION);
    expect(tab.title).toBe('Pagination for /orders');
    expect(outline(tab)).toEqual([
      'text/user: How do I add cursor-based pagination to the /orders endpoint?',
      "text/assistant: Use an opaque cursor built from the last row's `(created_at, id)` and query rows after it.\n\n```ts\nconst next = encodeCursor(rows.at(-1));\n```",
      'text/user: And how does the client pass it back?',
      'text/assistant: As a query parameter: `GET /orders?after=<cursor>&limit=50`.',
    ]);
    expect(tab.models).toEqual(['gpt-4']);
    expect(tab.startedAt).toBe('2024-06-10T10:00:00.000Z');
    expect(tab.sourceLocation.locator).toBe(
      `ItemTable:workbench.panel.aichat.view.aichat.chatdata#${PAGINATION}`,
    );
  });

  it('leaves the title to core when the tab has none, and skips empty tabs', () => {
    expect(get(sessions, REBASE).title).toBeUndefined();
    expect(sessions.has('00000000-empty-tab')).toBe(false);
  });
});

describe('era 2: inline composers in a workspace database (values stored as BLOBs)', () => {
  it('reads the inline conversation', () => {
    const composer = get(sessions, RENAME);
    expect(composer.meta?.era).toBe('workspace-inline');
    expect(composer.title).toBe('Rename the notes folder');
    expect(outline(composer)).toEqual([
      'text/user: Rename the folder drafts/ to inbox/ and fix the links.',
      'text/assistant: Renamed it and updated 4 links.\n\n```shellscript\ngit mv drafts inbox\n```',
    ]);
    expect([composer.startedAt, composer.endedAt]).toEqual([
      '2025-01-15T10:00:00.000Z',
      '2025-01-15T10:05:00.000Z',
    ]);
  });
});

describe('era 3: inline composers in the global database', () => {
  it('reads the conversation and takes the times from the composer', () => {
    const composer = get(sessions, NOTES);
    expect(composer.meta?.era).toBe('global-inline');
    expect(composer.meta?.composerVersion).toBeUndefined();
    expect(outline(composer)[0]).toBe('text/user: Summarise notes/2025-03-03.md as five bullet points.');
    expect(outline(composer)[1]).toMatch(/^text\/assistant: - Launch moved to April 14\n- Pricing page/);
    expect(composer.startedAt).toBe('2025-03-03T11:06:40.000Z');
  });
});

describe('era 4: bubble-per-row composers', () => {
  it('reads prompts, thinking, tool calls paired with results (error status kept) and answers, in header order', () => {
    const composer = get(sessions, LOGIN);
    expect(composer.title).toBe('Fix flaky login test');
    expect(composer.meta).toMatchObject({ era: 'global-bubbles', composerVersion: 10, mode: 'agent' });
    expect(composer.models).toEqual(['claude-4.5-sonnet']);
    expect(outline(composer)).toEqual([
      'text/user: The login test fails about one run in five on CI. Can you find out why?',
      'thinking: A one-in-five failure smells like a race between the click and the navigation. Read the spec before guessing.',
      'text/assistant: Let me look at the test first.',
      'tool-call read_file: {"targetFile":"tests/login.spec.ts","shouldReadEntireFile":true}',
      "tool-result: test('logs in', async ({ page }) => {\n  await page.fill('#email', 'demo@example.com');\n  await page.click('#submit');\n  expect(page.url()).toContain('/dashboard');\n});",
      'tool-call run_terminal_cmd: {"command":"pnpm test tests/login.spec.ts","isBackground":false}',
      'tool-result (error): Error: expect(received).toContain(expected)\nExpected substring: "/dashboard"\nReceived string:    "http://localhost:3000/login"\n\nexitCode: 1',
      // The code block is already in the text, so it is not repeated.
      'text/assistant: The assertion runs before the navigation finishes. Wait for the URL instead:\n\n```ts\nawait expect(page).toHaveURL(/dashboard/);\n```',
    ]);
    const calls = composer.messages.filter((m) => m.kind === 'tool-call' || m.kind === 'tool-result');
    expect(calls.map((m) => [m.kind, m.callId])).toEqual([
      ['tool-call', 'toolu_01ReadLoginSpec'],
      ['tool-result', 'toolu_01ReadLoginSpec'],
      ['tool-call', 'toolu_02RunLoginSpec'],
      ['tool-result', 'toolu_02RunLoginSpec'],
    ]);
  });

  it('takes message times from the bubbles and session times from them', () => {
    const composer = get(sessions, LOGIN);
    expect(composer.messages[0]?.timestamp).toBe('2025-11-12T09:33:21.000Z');
    expect([composer.startedAt, composer.endedAt]).toEqual([
      '2025-11-12T09:33:21.000Z',
      '2025-11-12T09:34:02.000Z',
    ]);
  });

  it('flattens richText when text is empty and appends code blocks missing from the text (_v 3)', () => {
    const composer = get(sessions, PRICE);
    expect(outline(composer)).toEqual([
      'text/user: Move formatPrice from the frontend into shared-lib\nso the API can use it too.',
      "text/assistant: I'll move it into shared-lib and re-export it from the frontend so existing imports keep working.\n\n```typescript\nexport function formatPrice(cents: number, currency = 'EUR'): string {\n  return new Intl.NumberFormat('de-DE', { style: 'currency', currency }).format(cents / 100);\n}\n```",
      'tool-call edit_file: {"target_file":"../shared-lib/src/price.ts","instructions":"Add formatPrice"}',
      "tool-result: +export function formatPrice(cents: number, currency = 'EUR'): string {",
      'text/user: Looks good, thanks!',
    ]);
    // No bubble has a time in _v 3: the composer's own times bound the session.
    expect([composer.startedAt, composer.endedAt]).toEqual([
      '2025-06-06T08:53:20.000Z',
      '2025-06-06T08:57:20.000Z',
    ]);
  });

  it('pairs a completed tool call with its result', () => {
    const composer = get(sessions, BILLING);
    const result = composer.messages.find((m) => m.kind === 'tool-result');
    expect(result).toMatchObject({ name: 'run_terminal_cmd', callId: 'toolu_03Journal' });
    expect(result && 'isError' in result ? result.isError : undefined).toBeUndefined();
  });
});

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { claudeAdapter } from '@convx/adapter-claude';
import { codexAdapter } from '@convx/adapter-codex';
import { cursorAdapter } from '@convx/adapter-cursor';
import { geminiAdapter } from '@convx/adapter-gemini';
import { opencodeAdapter } from '@convx/adapter-opencode';
import { backupLayout, runSync, type SyncReport } from '@convx/core';
import { markdownRenderer } from '@convx/render-md';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openIndex, type SearchIndex } from '../src/index.js';

// The repository's fake home: sessions of every source, in every format generation, exported as `convx
// backup` does. The index is built from the export alone.
const home = fileURLToPath(new URL('../../../fixtures/home', import.meta.url));
const outputRoot = mkdtempSync(join(tmpdir(), 'convx-search-fixtures-'));
let report: SyncReport;
let index: SearchIndex;

beforeAll(async () => {
  report = await runSync({
    adapters: [codexAdapter, claudeAdapter, cursorAdapter, geminiAdapter, opencodeAdapter],
    renderer: markdownRenderer,
    outputRoot,
    historySubpath: 'history',
    layout: backupLayout({ user: 'alice', systemName: 'laptop', home }),
    locationEnv: { home, env: {}, platform: process.platform },
    labels: { user: 'alice', systemName: 'laptop' },
  });
  index = await openIndex(outputRoot);
  await index.update();
}, 60_000);
afterAll(() => {
  index?.close();
  rmSync(outputRoot, { recursive: true, force: true });
});

const twins = () => report.written.filter((p) => /\/\.[^/]+\.json$/.test(p));

describe('an export of the fixture home', () => {
  it('indexes every twin of every source', async () => {
    expect(index.search('').total).toBe(twins().length);
    expect(
      index
        .facets()
        .source.map((f) => f.value)
        .sort(),
    ).toEqual(['claude', 'codex', 'cursor', 'gemini', 'opencode']);
    expect(await index.update()).toMatchObject({
      added: 0,
      updated: 0,
      removed: 0,
      failed: [],
      unchanged: twins().length,
    });
  });

  it('finds each session by a word of its first typed prompt, pointing at a real Markdown file', () => {
    let checked = 0;
    for (const twinPath of twins()) {
      const twin = JSON.parse(readFileSync(join(outputRoot, twinPath), 'utf8'));
      const prompt = twin.messages.find(
        (m: { kind: string; role: string }) => m.kind === 'text' && m.role === 'user',
      );
      const word = (prompt?.text.match(/[A-Za-z]{6,}/g) ?? []).at(-1);
      if (!word) continue;
      const hits = index.search(`"${word}"`, { limit: 100, role: 'user' }).hits;
      const hit = hits.find((h) => h.key === twin.key);
      expect(hit, `${twin.key} by "${word}"`).toBeDefined();
      if (!hit) continue;
      expect(existsSync(join(outputRoot, hit.path))).toBe(true);
      expect(hit.snippet.toLowerCase()).toContain(`<mark>${word.toLowerCase()}</mark>`);
      expect(twin.messages[hit.messageIndex]?.text ?? '').toContain(word);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });

  it("knows each session's tools", () => {
    const tools = index.facets().tool.map((t) => t.value);
    expect(tools.length).toBeGreaterThan(3);
    const [tool] = tools;
    const sessions = index.listSessions({ tool: [tool ?? ''] });
    expect(sessions.total).toBeGreaterThan(0);
    expect(sessions.sessions.every((s) => s.toolCount > 0)).toBe(true);
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAdapterContext, discoveredRefs, type Session, type SessionRef } from '@convx/core';
import { type CopilotVscodeAdapterOptions, createCopilotVscodeAdapter } from '../src/index.js';
import type { CopilotVscodeRefData } from '../src/types.js';

/** The repository's fixture home. */
export const FIXTURES_HOME = fileURLToPath(new URL('../../../fixtures/home', import.meta.url));
/** The fixtures' VS Code and VS Code Insiders user folders (laid out the Linux way). */
export const CODE_USER = join(FIXTURES_HOME, '.config', 'Code', 'User');
export const INSIDERS_USER = join(FIXTURES_HOME, '.config', 'Code - Insiders', 'User');

/** A fresh temp folder for one test. */
export function tempDir(prefix = 'convx-copilot-vscode-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Writes files (relative path → text) below a root. */
export function writeTree(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** Discovers and loads everything under `locations`, in discovery order. */
export async function loadAll(
  locations: string[],
  options: CopilotVscodeAdapterOptions = {},
  home = FIXTURES_HOME,
): Promise<{ refs: SessionRef<CopilotVscodeRefData>[]; sessions: Session[]; problems: string[] }> {
  const adapter = createCopilotVscodeAdapter(options);
  const problems: string[] = [];
  const ctx = createAdapterContext({
    home,
    onProblem: (problem) => problems.push(`${problem.path}: ${problem.message}`),
  });
  const refs = await discoveredRefs(adapter.discover(ctx, locations));
  const sessions = await Promise.all(refs.map((ref) => adapter.load(ctx, ref)));
  return { refs, sessions, problems };
}

/** A minimal gen-2 session object with the given requests. */
export function chat(sessionId: string, requests: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    version: 3,
    sessionId,
    creationDate: Date.UTC(2026, 0, 5, 9),
    responderUsername: 'GitHub Copilot',
    initialLocation: 'panel',
    requests,
    ...extra,
  });
}

/** A request as Copilot records it; `response` parts and other fields override the defaults. */
export function request(text: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    requestId: `request_${text.length}`,
    timestamp: Date.UTC(2026, 0, 5, 9, 1),
    agent: { extensionId: { value: 'GitHub.copilot-chat' }, id: 'github.copilot.editsAgent' },
    message: { text, parts: [] },
    variableData: { variables: [] },
    response: [],
    modelId: 'copilot/gpt-4.1',
    ...fields,
  };
}

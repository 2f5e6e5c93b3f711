import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createSession,
  defineAdapter,
  defineRenderer,
  flatLayout,
  runSync,
  type Session,
  type SyncOptions,
  validateSession,
} from '@convx/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedactor, redactionTransform } from '../src/index.js';
import { allSecrets, plantedSession } from './support/planted.js';

// The whole path the lead wires up: adapter → transform → renderer + JSON twin + subagent files on disk.

const plantedAdapter = defineAdapter({
  name: 'planted',
  defaultLocations: ({ home }) => [home],
  async *discover(_ctx, locations) {
    yield { sessionId: 'parent-1', fingerprint: 'v1', path: join(locations[0] ?? '', 'parent-1.jsonl') };
  },
  async load() {
    const session = plantedSession();
    return createSession({ ...session, source: 'planted', children: session.children ?? [] });
  },
});

/** Writes every piece of content, the way a Markdown renderer would, plus one file per subagent. */
const everythingRenderer = defineRenderer({
  name: 'everything',
  version: '1',
  render(session) {
    const body = (s: Session) =>
      [
        `# ${s.title ?? s.sessionId}`,
        ...s.messages.map((m) => {
          switch (m.kind) {
            case 'tool-call':
              return `tool ${m.name}: ${JSON.stringify(m.input)}`;
            case 'tool-result':
              return m.output;
            case 'context':
              return `${m.label}: ${m.text}`;
            case 'event':
              return m.text ?? m.event;
            default:
              return m.text;
          }
        }),
      ].join('\n\n');
    return [
      { suffix: '.md', content: body(session) },
      ...(session.children ?? []).map((child) => ({
        suffix: `/agent-${child.agent?.id ?? child.sessionId}.md`,
        content: `${child.agent?.description ?? ''}\n\n${body(child)}`,
      })),
    ];
  },
});

let out: string;
let home: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'convx-redact-out-'));
  home = await mkdtemp(join(tmpdir(), 'convx-redact-home-'));
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
  await rm(home, { recursive: true, force: true });
});

function options(transform: SyncOptions['transform']): SyncOptions {
  return {
    adapters: [plantedAdapter],
    renderer: everythingRenderer,
    outputRoot: out,
    historySubpath: 'history',
    layout: flatLayout({ user: 'dev' }),
    locationEnv: { home, env: {}, platform: 'linux' },
    ...(transform ? { transform } : {}),
  };
}

async function filesUnder(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: Record<string, string> = {};
  for (const e of entries) {
    if (!e.isFile()) continue;
    const path = join(e.parentPath, e.name);
    files[path.slice(out.length + 1)] = await readFile(path, 'utf8');
  }
  return files;
}

const leaks = (text: string) =>
  allSecrets.filter((s) => text.includes(s) || text.includes(JSON.stringify(s).slice(1, -1)));

describe('redaction in the sync engine', () => {
  it('keeps every planted secret out of the Markdown, the JSON twin and the subagent file', async () => {
    const report = await runSync(options(redactionTransform(createRedactor())));
    expect(report.failures).toEqual([]);
    const files = await filesUnder(join(out, 'history'));
    const names = Object.keys(files);
    expect(names.filter((n) => n.endsWith('.md') && !n.includes('/agent-'))).toHaveLength(1);
    expect(names.filter((n) => n.includes('/agent-agent-1.md'))).toHaveLength(1);
    expect(names.filter((n) => n.endsWith('.json'))).toHaveLength(1);
    for (const [name, content] of Object.entries(files)) {
      expect(leaks(content), name).toEqual([]);
      expect(content, name).toContain('[REDACTED:');
    }
    // Nor in the engine's own state (index entries carry titles).
    const state = await filesUnder(join(out, '.convx'));
    expect(Object.keys(state).length).toBeGreaterThan(0);
    expect(leaks(Object.values(state).join('\n'))).toEqual([]);
    const twinName = names.find((n) => n.endsWith('.json')) ?? '';
    const twin = JSON.parse(files[twinName] ?? '{}');
    const validation = validateSession(twin);
    expect(validation.ok ? [] : validation.issues).toEqual([]);
  });

  it('without the transform the secrets are written (the control for the test above)', async () => {
    await runSync(options(undefined));
    const files = await filesUnder(join(out, 'history'));
    expect(leaks(Object.values(files).join('\n')).length).toBe(allSecrets.length);
  });

  it('re-renders unchanged sessions when the redaction options change', async () => {
    const first = await runSync(options(redactionTransform(createRedactor())));
    expect(first.totals.new).toBe(1);
    const same = await runSync(options(redactionTransform(createRedactor())));
    expect(same.totals.unchanged).toBe(1);
    const changed = await runSync(
      options(redactionTransform(createRedactor({ sanitizeKeywords: ['deploy'] }))),
    );
    expect(changed.totals.updated).toBe(1);
    const md = Object.entries(await filesUnder(join(out, 'history'))).find(([n]) => n.endsWith('.md'))?.[1];
    expect(md).toContain('[REDACTED:keyword]');
  });
});

import {
  composeTransform,
  composeWithdraw,
  createSession,
  flatLayout,
  type Message,
  resolveRunSpec,
  type Session,
} from '@convx/core';
import { describe, expect, it } from 'vitest';
import {
  labelRedaction,
  madeTransforms,
  privacySpec,
  redactionFromConfig,
  runRedaction,
  skipMarkerWithdraw,
} from '../../src/privacy/index.js';

const session = (messages: Message[], children?: Session[]) =>
  createSession({
    source: 'codex',
    sessionId: 's1',
    cwd: '/home/ana/code/app',
    sourceLocation: { path: '/tmp/s1.jsonl' },
    models: [],
    messages,
    diagnostics: [],
    ...(children ? { children } : {}),
  });
const user = (text: string): Message => ({ kind: 'text', role: 'user', text });
const token = `ghp_${'aB3dE5fG7h'.repeat(3)}123456`;

describe('skip marker', () => {
  const rule = skipMarkerWithdraw('CONVX_NO_SYNC');

  it('withdraws on a typed prompt only', () => {
    expect(rule.test(session([user('keep this out CONVX_NO_SYNC')]))).toEqual({
      reason: 'skip marker',
      detail: 'a prompt contains the skip marker CONVX_NO_SYNC',
    });
    const elsewhere = session(
      [
        { kind: 'context', role: 'user', label: 'AGENTS.md', text: 'CONVX_NO_SYNC' },
        { kind: 'text', role: 'assistant', text: 'CONVX_NO_SYNC' },
        { kind: 'tool-result', role: 'tool', output: 'CONVX_NO_SYNC' },
        user('hello'),
      ],
      [session([user('CONVX_NO_SYNC from the parent agent')])],
    );
    expect(rule.test(elsewhere)).toBeUndefined();
  });

  it('has an id that changes with the marker', () => {
    expect(rule.id).not.toBe(skipMarkerWithdraw('#private').id);
    expect(rule.id).toBe(skipMarkerWithdraw('CONVX_NO_SYNC').id);
  });
});

describe('composition', () => {
  it('one withdraw: the first reason wins, the id combines both', () => {
    const a = { id: 'a', test: (s: Session) => (s.cwd?.includes('app') ? 'excluded' : undefined) };
    const b = { id: 'b', test: () => 'marked' };
    const both = composeWithdraw([a, b]);
    expect(both?.id).toBe('a+b');
    expect(both?.test(session([]))).toBe('excluded');
    expect(composeWithdraw([b])).toBe(b);
    expect(composeWithdraw([])).toBeUndefined();
  });

  it('transforms run in order', () => {
    const shout = { id: 'x', apply: (s: Session) => ({ ...s, title: `${s.title ?? ''}!` }) };
    const twice = composeTransform([shout, { ...shout, id: 'y' }]);
    expect(twice?.id).toBe('x+y');
    expect(twice?.apply(session([])).title).toBe('!!');
  });

  it('transform messages one by one, in order, only when every part can', () => {
    const suffix = (id: string) => ({
      id,
      apply: (s: Session) => s,
      applyMessage: (m: Message) => (m.kind === 'text' ? { ...m, text: `${m.text}${id}` } : m),
    });
    const both = composeTransform([suffix('a'), suffix('b')]);
    expect(both?.applyMessage?.({ kind: 'text', role: 'user', text: 'hi' })).toEqual({
      kind: 'text',
      role: 'user',
      text: 'hiab',
    });
    const partial = composeTransform([suffix('a'), { id: 'c', apply: (s: Session) => s }]);
    expect(partial?.applyMessage).toBeUndefined();
  });
});

describe('redaction from the config', () => {
  it('with secrets off keeps only the sanitize keywords', () => {
    const { redactor } = redactionFromConfig({ sanitizeKeywords: ['globex'] }, false);
    expect(redactor?.redactText(`Globex ${token}`).text).toBe(`[REDACTED:keyword] ${token}`);
    expect(redactionFromConfig({}, false).redactor).toBeUndefined();
  });

  it('its id changes with every redaction setting', () => {
    const id = (config: Parameters<typeof redactionFromConfig>[0]) =>
      redactionFromConfig(config, true).redactor?.id;
    const ids = new Set([
      id({}),
      id({ redactionAllow: ['x'] }),
      id({ redactionDisable: ['jwt'] }),
      id({ redactionRules: [{ id: 'acme', pattern: 'acme_[a-z]{8}' }] }),
      id({ sanitizeKeywords: ['globex'] }),
      redactionFromConfig({ sanitizeKeywords: ['globex'] }, false).redactor?.id,
    ]);
    expect(ids.size).toBe(6);
  });

  it('privacySpec names the rules and the redaction, which core resolves and composes; it warns when off', async () => {
    const written: string[] = [];
    const io = { stderr: { write: (s: string) => written.push(s) }, env: { NO_COLOR: '1' } };
    // Resolved from the CLI's location, as a run resolves it (the CLI's own rules from its built module).
    const resolve = (spec: ReturnType<typeof privacySpec>) =>
      resolveRunSpec({
        resolveFrom: [new URL('../../src/cli.ts', import.meta.url).href],
        adapters: [],
        renderer: { module: '@convx/render-md' },
        layout: { module: '@convx/core', export: 'flatLayout', options: { user: 'ana' } },
        ...spec,
      });
    const spec = privacySpec({ config: { exclude: ['~/scratch'] }, flags: {} }, '/home/ana', io);
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
    const options = await resolve(spec);
    expect(options.transform?.id).toMatch(/^redact-[0-9a-f]{16}$/);
    expect(options.withdraw?.id).toMatch(/^exclude:[0-9a-f]{16}\+skip:[0-9a-f]{16}$/);
    expect(options.withdraw?.test({ ...session([]), cwd: '/home/ana/scratch/x' })).toMatchObject({
      reason: 'excluded',
    });
    expect(options.layout(session([]))).toEqual(flatLayout({ user: 'ana' })(session([])));
    const out = options.transform?.apply(session([user(`GH_TOKEN=${token}`)]));
    expect(out?.messages[0]).toMatchObject({ text: 'GH_TOKEN=[REDACTED:github-token]' });
    expect(written).toEqual([]);

    const off = await resolve(privacySpec({ config: {}, flags: { redact: false } }, '/home/ana', io));
    expect(off.transform).toBeUndefined();
    expect(off.withdraw?.id).toMatch(/^skip:[0-9a-f]{16}$/);
    expect(written.join('')).toContain('warning: secret redaction is off (--no-redact)');
  });

  it('makes the transform from the redactor the labels used: the same id and output as core would make', async () => {
    const io = { stderr: { write: () => true }, env: { NO_COLOR: '1' } };
    const privacy = { config: { sanitizeKeywords: ['globex'] }, flags: {} };
    const redaction = runRedaction(privacy);
    expect(labelRedaction(redaction)('globex-team')).toBe('redacted-keyword');
    expect(labelRedaction(redaction)('ana')).toBe('ana');
    const spec = privacySpec(privacy, '/home/ana', io);
    const made = madeTransforms(spec, redaction);
    expect(made.size).toBe(1);
    const resolve = (options?: { made: Map<unknown, unknown> }) =>
      resolveRunSpec(
        {
          resolveFrom: [new URL('../../src/cli.ts', import.meta.url).href],
          adapters: [],
          renderer: { module: '@convx/render-md' },
          layout: { module: '@convx/core', export: 'flatLayout', options: { user: 'ana' } },
          ...spec,
        },
        options as never,
      );
    const [fromRedactor, imported] = await Promise.all([resolve({ made }), resolve()]);
    expect(fromRedactor.transform?.id).toBe(imported.transform?.id);
    expect(fromRedactor.transform?.id).toBe(redaction.redactor?.id);
    const input = session([user(`globex GH_TOKEN=${token}`)]);
    expect(fromRedactor.transform?.apply(input)).toEqual(imported.transform?.apply(input));
    // Nothing to redact (secrets off, no keywords): no transform, nothing made.
    const off = { config: {}, flags: { redact: false as const } };
    expect(madeTransforms(privacySpec(off, '/home/ana', io), runRedaction(off)).size).toBe(0);
  });
});

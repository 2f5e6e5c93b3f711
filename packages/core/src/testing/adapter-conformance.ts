import assert from 'node:assert/strict';
import { isAbsolute } from 'node:path';
import type { Adapter, SessionRef } from '../contract/adapter.js';
import type { AdapterContext } from '../contract/context.js';
import { assertAdapter } from '../contract/define.js';
import { discoveredRefs } from '../contract/discovery.js';
import { createAdapterContext } from '../io/context.js';
import { RunMemo } from '../io/memo.js';
import { ATTACHMENTS_DIR, extensionFor } from '../model/media.js';
import { validateSession } from '../model/session.js';
import type { Attachment, Message, Session } from '../model/types.js';

/** The two functions of the host test runner the kit needs (vitest, node:test, jest, mocha all fit). */
export interface TestApi {
  describe: (name: string, fn: () => void) => void;
  it: (name: string, fn: () => Promise<void> | void, timeout?: number) => void;
}

export interface ConformanceOptions {
  adapter: Adapter;
  /** A fixture home directory shaped like a real one (e.g. `fixtures/home`). */
  home: string;
  /** Locations to discover from. Default: the adapter's default locations under `home`. */
  locations?: string[];
  /** Environment passed to `defaultLocations`. Default: empty. */
  env?: Record<string, string | undefined>;
  /** At least this many sessions must be discovered from the fixtures (default 1). */
  minSessions?: number;
  /** Extra, adapter-specific tests run inside the same `describe` block. */
  additionalTests?: (helpers: { context: () => AdapterContext; loadAll: () => Promise<Session[]> }) => void;
}

const BASE64_RUN = /[A-Za-z0-9+/]{2000,}={0,2}/;

/**
 * Runs the conformance tests every adapter must pass: contract shape, default locations, discovery
 * (unique ids, stable cheap fingerprints, tolerance of missing locations), loading (valid sessions,
 * deterministic, JSON-safe, no inline base64, payloads handed to `ctx.attachment`, children well-formed) and,
 * for an adapter with `stream`,
 * that streaming gives exactly what `load` does.
 */
export function runAdapterConformance(test: TestApi, options: ConformanceOptions): void {
  const { adapter, home } = options;
  const env = options.env ?? {};
  const context = () => createAdapterContext({ home });
  const locations = () =>
    options.locations ?? adapter.defaultLocations({ home, env, platform: process.platform });
  const discoverAll = (where = locations()) => discoveredRefs(adapter.discover(context(), where));
  let loaded: Promise<Session[]> | undefined;
  const loadAll = () => {
    loaded ??= discoverAll().then((refs) => Promise.all(refs.map((ref) => adapter.load(context(), ref))));
    return loaded;
  };

  test.describe(`adapter conformance: ${adapter.name}`, () => {
    test.it('implements the Adapter contract', () => {
      assertAdapter(adapter);
      assert.match(adapter.name, /^[a-z][a-z0-9-]*$/);
    });

    test.it('derives absolute default locations from the home directory', () => {
      const fakeHome = process.platform === 'win32' ? 'C:\\Users\\conformance' : '/home/conformance';
      const found = adapter.defaultLocations({ home: fakeHome, env: {}, platform: process.platform });
      assert.ok(Array.isArray(found) && found.length > 0, 'defaultLocations returned no location');
      for (const location of found) {
        assert.equal(typeof location, 'string');
        assert.ok(isAbsolute(location), `default location is not absolute: ${location}`);
      }
    });

    test.it('discovers nothing, without throwing, in a missing location', async () => {
      const refs = await discoverAll([`${home}/does-not-exist-${Date.now()}`]);
      assert.deepEqual(refs, []);
    });

    test.it(
      `discovers at least ${options.minSessions ?? 1} session(s) with unique ids and fingerprints`,
      async () => {
        const refs = await discoverAll();
        assert.ok(refs.length >= (options.minSessions ?? 1), `discovered only ${refs.length} session(s)`);
        const ids = new Set<string>();
        for (const ref of refs) {
          assert.equal(typeof ref.sessionId, 'string');
          assert.ok(ref.sessionId.length > 0, 'empty sessionId');
          assert.ok(!ids.has(ref.sessionId), `sessionId discovered twice: ${ref.sessionId}`);
          ids.add(ref.sessionId);
          assert.ok(
            typeof ref.fingerprint === 'string' && ref.fingerprint.length > 0,
            `no fingerprint for ${ref.sessionId}`,
          );
          assert.ok(typeof ref.path === 'string' && ref.path.length > 0, `no path for ${ref.sessionId}`);
          // Reports group skips by reason and show it: a skip must say why.
          if (ref.skip !== undefined)
            assert.ok(
              typeof ref.skip === 'string' && ref.skip.trim() !== '',
              `empty skip reason for ${ref.sessionId}`,
            );
          if (ref.cwd !== undefined) assert.equal(typeof ref.cwd, 'string', `cwd of ${ref.sessionId}`);
        }
      },
    );

    test.it('discovers the same sessions with the same fingerprints twice in a row', async () => {
      const summary = (refs: SessionRef[]) =>
        refs.map((r) => `${r.sessionId} ${r.fingerprint}`).sort((a, b) => (a < b ? -1 : 1));
      assert.deepEqual(summary(await discoverAll()), summary(await discoverAll()));
    });

    test.it(
      'loads every discovered session into a valid session with the id it was discovered under',
      async () => {
        const refs = await discoverAll();
        const sessions = await loadAll();
        sessions.forEach((session, i) => {
          checkSession(session, adapter.name);
          assert.equal(
            session.sessionId,
            refs[i]?.sessionId,
            `load() changed the session id of ${refs[i]?.path}`,
          );
        });
      },
    );

    test.it(
      'discovers refs a worker thread can take: structured-cloneable, loading the same session',
      async () => {
        // The engine may prepare a session in a worker thread, which gets a structured clone of its ref.
        for (const ref of await discoverAll()) {
          let copy: SessionRef;
          try {
            copy = structuredClone(ref);
          } catch (error) {
            assert.fail(`the ref of ${ref.sessionId} cannot be cloned for a worker thread: ${String(error)}`);
          }
          assert.deepEqual(await adapter.load(context(), copy), await adapter.load(context(), ref));
          if (ref.size !== undefined)
            assert.ok(
              Number.isFinite(ref.size) && ref.size >= 0,
              `size of ${ref.sessionId} is not a byte count`,
            );
        }
      },
    );

    test.it('loads deterministically and JSON-safely', async () => {
      const refs = await discoverAll();
      for (const ref of refs) {
        const a = await adapter.load(context(), ref);
        const b = await adapter.load(context(), ref);
        assert.deepEqual(a, b, `loading ${ref.sessionId} twice gave different sessions`);
        assert.deepEqual(
          JSON.parse(JSON.stringify(a)),
          a,
          `${ref.sessionId} does not survive a JSON round trip`,
        );
      }
    });

    test.it('hands every inline payload to ctx.attachment, so the engine can save it', async () => {
      for (const ref of await discoverAll()) {
        const base = context();
        // What the engine's context does during an export: the reference, with the saved copy's path.
        const saving: AdapterContext = {
          ...base,
          attachment: (bytes, info) => {
            const reference = base.attachment(bytes, info);
            return {
              ...reference,
              file: `${ATTACHMENTS_DIR}/${reference.sha256?.slice(0, 16)}.${extensionFor(info)}`,
            };
          },
        };
        for (const attachment of attachmentsOf(await adapter.load(saving, ref))) {
          assert.ok(
            attachment.sha256 === undefined || attachment.file !== undefined,
            `${ref.sessionId}: an attachment was hashed without ctx.attachment, so its bytes cannot be saved`,
          );
        }
      }
    });

    test.it('loads the same with a run-scoped ctx.memo, and again after the run disposed it', async () => {
      // What the engine does: one memo shared by every discovery and load of the run, disposed at its end.
      const memo = new RunMemo();
      const shared = () => createAdapterContext({ home, memo });
      const run = async () => {
        const refs = await discoveredRefs(adapter.discover(shared(), locations()));
        const sessions: Session[] = [];
        for (const ref of refs) sessions.push(await adapter.load(shared(), ref));
        return sessions;
      };
      const first = await run();
      assert.deepEqual(first, await loadAll(), 'sessions loaded with a shared ctx.memo differ');
      memo.dispose();
      // A value disposed at the end of a run must not be used by the next one (a closed database).
      assert.deepEqual(await run(), first, 'loading after the memo was disposed gave other sessions');
      memo.dispose();
    });

    if (adapter.stream) {
      const stream = adapter.stream.bind(adapter);
      test.it(
        'streams every session as load reads it: same messages, in order, unchanged after emit, same header',
        async () => {
          for (const ref of await discoverAll()) {
            const emitted: Message[] = [];
            // Copied at emit time: the engine may serialize a message the moment it arrives, so an adapter
            // must not change a message after handing it over.
            const header = await stream(context(), ref, (message) => {
              emitted.push(structuredClone(message));
            });
            assert.deepEqual(
              header.messages,
              [],
              `stream() of ${ref.sessionId} kept messages in the session`,
            );
            assert.deepEqual(
              { ...header, messages: emitted },
              await adapter.load(context(), ref),
              `stream() and load() disagree on ${ref.sessionId}`,
            );
          }
        },
      );
    }

    options.additionalTests?.({ context, loadAll });
  });
}

function* attachmentsOf(session: Session): Generator<Attachment> {
  for (const message of session.messages) {
    if (message.kind === 'text' || message.kind === 'tool-result') yield* message.attachments ?? [];
  }
  for (const child of session.children ?? []) yield* attachmentsOf(child);
}

function checkSession(session: Session, source: string, parent?: Session): void {
  const result = validateSession(session);
  assert.ok(result.ok, `${session.key} is not a valid session: ${result.ok ? '' : result.issues.join('; ')}`);
  assert.equal(session.source, source, `${session.key}: source must be the adapter name`);
  assert.equal(
    session.key,
    `${source}:${session.sessionId}`,
    `${session.key}: key must be <source>:<sessionId>`,
  );
  if (parent) assert.ok(session.agent, `child ${session.key} of ${parent.key} has no agent info`);
  const seenCalls = new Set<string>();
  for (const message of session.messages) {
    const text = 'text' in message ? message.text : message.kind === 'tool-result' ? message.output : '';
    assert.ok(
      !BASE64_RUN.test(text ?? ''),
      `${session.key}: a message holds inline base64; use an attachment`,
    );
    if (message.kind === 'tool-call' && message.callId) seenCalls.add(message.callId);
  }
  for (const child of session.children ?? []) checkSession(child, source, session);
}

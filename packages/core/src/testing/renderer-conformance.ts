import assert from 'node:assert/strict';
import { assertRenderer } from '../contract/define.js';
import type { Renderer } from '../contract/renderer.js';
import type { Session } from '../model/types.js';
import type { TestApi } from './adapter-conformance.js';
import { sampleSessions } from './sample-sessions.js';

export interface RendererConformanceOptions {
  renderer: Renderer;
  /** Sessions to render; defaults to the kit's own samples (every message kind, a subagent, odd text). */
  sessions?: Session[];
  options?: Record<string, unknown>;
}

const text = (content: string | Iterable<string>) =>
  typeof content === 'string' ? content : [...content].join('');

/**
 * Tests every renderer must pass: contract shape, deterministic output, safe relative suffixes, and for a
 * renderer with `renderStream`, the same files from it as from `render`.
 */
export function runRendererConformance(test: TestApi, config: RendererConformanceOptions): void {
  const { renderer } = config;
  const sessions = config.sessions ?? sampleSessions();
  const render = (session: Session) =>
    renderer
      .render(session, { basename: 'base', options: config.options ?? {} })
      .map((f) => ({ suffix: f.suffix, content: text(f.content) }));

  test.describe(`renderer conformance: ${renderer.name}`, () => {
    test.it('implements the Renderer contract', () => assertRenderer(renderer));

    test.it('renders every sample session to at least one file with safe suffixes', () => {
      for (const session of sessions) {
        const files = render(session);
        assert.ok(files.length > 0, `${session.key}: no output file`);
        const seen = new Set<string>();
        for (const file of files) {
          assert.ok(!file.suffix.includes('..'), `${session.key}: suffix escapes its folder: ${file.suffix}`);
          assert.ok(
            !file.suffix.includes('\\'),
            `${session.key}: suffix must use / separators: ${file.suffix}`,
          );
          assert.ok(
            file.suffix.startsWith('.') || file.suffix.startsWith('/'),
            `${session.key}: bad suffix ${file.suffix}`,
          );
          assert.ok(!seen.has(file.suffix), `${session.key}: suffix rendered twice: ${file.suffix}`);
          seen.add(file.suffix);
        }
      }
    });

    test.it('is deterministic: the same session renders byte-identical output', () => {
      for (const session of sessions) {
        const again = structuredClone(session);
        assert.deepEqual(
          render(session),
          render(again),
          `${session.key}: output differs between two renders`,
        );
      }
    });

    const { renderStream } = renderer;
    if (renderStream) {
      test.it('renderStream writes exactly the files render writes', () => {
        for (const session of sessions) {
          let passes = 0;
          // As the engine calls it: no messages in place, a fresh iterable on every call.
          const streamed: Array<{ suffix: string; content: string }> = renderStream
            .call(
              renderer,
              { ...session, messages: [] },
              () => {
                passes++;
                return session.messages.values();
              },
              { basename: 'base', options: config.options ?? {} },
            )
            .map((f) => ({ suffix: f.suffix, content: text(f.content) }));
          assert.deepEqual(streamed, render(session), `${session.key}: renderStream differs from render`);
          if (session.messages.length) {
            assert.ok(passes > 0, `${session.key}: renderStream never read messages()`);
          }
        }
      });
    }
  });
}

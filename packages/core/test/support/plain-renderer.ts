import { defineRenderer, type Message, type RenderContext, type Session } from '../../src/index.js';

function* lines(session: Session, messages: Iterable<Message>): Generator<string> {
  yield `# ${session.title ?? session.sessionId}\n`;
  for (const m of messages) yield `- ${m.kind}: ${'text' in m ? m.text : ''}\n`;
}

/** A minimal deterministic renderer: one Markdown line per message. */
export const plainRenderer = defineRenderer({
  name: 'plain',
  version: '1',
  render(session: Session, _context?: RenderContext) {
    return [{ suffix: '.md', content: [...lines(session, session.messages)].join('') }];
  },
});

/** The same output, with `renderStream`; counts how often each path ran. */
export function streamingPlainRenderer() {
  const calls = { render: 0, renderStream: 0 };
  const renderer = defineRenderer({
    ...plainRenderer,
    render(session: Session, context?: RenderContext) {
      calls.render++;
      return plainRenderer.render(session, context);
    },
    renderStream(session: Session, messages: () => Iterable<Message>) {
      calls.renderStream++;
      return [{ suffix: '.md', content: { [Symbol.iterator]: () => lines(session, messages()) } }];
    },
  });
  return { renderer, calls };
}

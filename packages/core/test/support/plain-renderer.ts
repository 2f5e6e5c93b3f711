import { defineRenderer, type RenderContext, type Session } from '../../src/index.js';

/** A minimal deterministic renderer: one Markdown line per message. */
export const plainRenderer = defineRenderer({
  name: 'plain',
  version: '1',
  render(session: Session, _context?: RenderContext) {
    const lines = [
      `# ${session.title ?? session.sessionId}`,
      ...session.messages.map((m) => `- ${m.kind}: ${'text' in m ? m.text : ''}`),
    ];
    return [{ suffix: '.md', content: `${lines.join('\n')}\n` }];
  },
});

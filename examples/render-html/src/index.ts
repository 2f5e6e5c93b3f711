import { defineRenderer, idTail, type RenderedFile, type Session } from '@convx/core';
import { parseOptions } from './options.js';
import { renderPage, sessionTitle } from './page.js';

export { escapeHtml } from './escape.js';
export type { HtmlOptions } from './options.js';

/** A subagent's file id: its agent id, else its session id's tail; safe for a file name. */
const agentId = (child: Session) =>
  (child.agent?.id ?? idTail(child.sessionId)).replace(/[^A-Za-z0-9_-]/g, '_');

/**
 * Renders each session as one standalone HTML page (`<basename>.html`, no external assets, no scripts),
 * and each subagent as `<basename>/agent-<id>.html`, linked both ways. All session text is escaped.
 */
export const htmlRenderer = defineRenderer(
  {
    name: 'html',
    version: '1',
    render(session, context): RenderedFile[] {
      const options = parseOptions(context.options);
      const children = session.children ?? [];
      const files: RenderedFile[] = [
        {
          suffix: '.html',
          content: renderPage(session, options, {
            children: children.map((child) => ({
              href: `${context.basename}/agent-${agentId(child)}.html`,
              label: sessionTitle(child),
            })),
          }),
        },
      ];
      const used = new Set<string>();
      for (const child of children) {
        let id = agentId(child);
        for (let n = 2; used.has(id); n++) id = `${agentId(child)}-${n}`;
        used.add(id);
        files.push({
          suffix: `/agent-${id}.html`,
          content: renderPage(child, options, { children: [], parent: `../${context.basename}.html` }),
        });
      }
      return files;
    },
  },
  'convx-render-html',
);

export default htmlRenderer;

import type { RenderContext, RenderedFile, Session } from '@convx/core';
import { renderDocument } from './document.js';
import { displayTitle, type ParentInfo } from './header.js';
import { type MarkdownOptions, resolveOptions } from './options.js';
import { childFiles } from './subagents.js';

/** Content that can be iterated more than once (each pass re-renders lazily), so huge sessions stream. */
function lazy(make: () => Iterable<string>): Iterable<string> {
  return { [Symbol.iterator]: () => make()[Symbol.iterator]() };
}

interface Node {
  session: Session;
  /** The file's suffix relative to the engine's base path (`.md`, `/agent-x.md`, `/agent-x/agent-y.md`). */
  suffix: string;
  /** The folder suffix holding this file's children (``, `/agent-x`). */
  dirSuffix: string;
  /** The file name without `.md`, as seen from its own folder (`<basename>`, `agent-x`). */
  stem: string;
  parent?: ParentInfo | undefined;
}

/**
 * Renders a session and, recursively, its subagents. Layout (nested): the parent `<basename>.md` has its
 * children at `<basename>/agent-<id>.md`; a child `agent-<id>.md` has its own children at
 * `agent-<id>/agent-<id2>.md` next to it. Every link is relative, so the tree can be moved as a whole.
 */
export function renderSession(session: Session, context: RenderContext): RenderedFile[] {
  const options: MarkdownOptions = resolveOptions(context.options);
  const files: RenderedFile[] = [];
  const visit = (node: Node) => {
    const children = childFiles(node.session.children ?? []);
    files.push({
      suffix: node.suffix,
      content: lazy(() =>
        renderDocument({
          session: node.session,
          options,
          children,
          childDir: node.stem,
          parent: node.parent,
        }),
      ),
    });
    const parent: ParentInfo = {
      key: node.session.key,
      title: displayTitle(node.session),
      href: `../${node.stem}.md`,
    };
    for (const child of children) {
      visit({
        session: child.session,
        suffix: `${node.dirSuffix}/${child.stem}.md`,
        dirSuffix: `${node.dirSuffix}/${child.stem}`,
        stem: child.stem,
        parent,
      });
    }
  };
  visit({ session, suffix: '.md', dirSuffix: '', stem: context.basename });
  return files;
}

import type { Message, RenderContext, RenderedFile, Session } from '@convx/core';
import { renderDocument } from './document.js';
import { sessionFacts } from './facts.js';
import { displayTitle, type ParentInfo } from './header.js';
import { DEFAULT_WINDOW, type WindowLimits } from './lookahead.js';
import { DEFAULT_OPTIONS, type MarkdownOptions } from './options.js';
import { childFiles } from './subagents.js';

/**
 * The way from a file to the session folder holding saved attachments (`<basename>/attachments/…`): the
 * transcript `.md` sits beside that folder, a subagent `/agent-x.md` inside it, a nested one deeper.
 */
function attachmentDirOf(suffix: string, basename: string): string {
  const depth = suffix.split('/').length - 2;
  return depth < 0 ? basename : Array.from({ length: depth }, () => '..').join('/');
}

/** Content that can be iterated more than once (each pass re-renders lazily), so huge sessions stream. */
function lazy(make: () => Iterable<string>): Iterable<string> {
  return { [Symbol.iterator]: () => make()[Symbol.iterator]() };
}

interface Node {
  /** The session's header; its messages come from `messages()`. */
  session: Session;
  messages: () => Iterable<Message>;
  /** The file's suffix relative to the engine's base path (`.md`, `/agent-x.md`, `/agent-x/agent-y.md`). */
  suffix: string;
  /** The folder suffix holding this file's children (``, `/agent-x`). */
  dirSuffix: string;
  /** The file name without `.md`, as seen from its own folder (`<basename>`, `agent-x`). */
  stem: string;
  parent?: (() => ParentInfo) | undefined;
}

/**
 * Renders a session and, recursively, its subagents, reading the top-level messages only through
 * `messages()` (the session's own `messages` are ignored, so they may be empty); children are complete
 * sessions and render from their own messages the same way. Layout (nested): the parent `<basename>.md` has
 * its children at `<basename>/agent-<id>.md`; a child `agent-<id>.md` has its own children at
 * `agent-<id>/agent-<id2>.md` next to it. Every link is relative, so the tree can be moved as a whole.
 * `options` are already resolved (see `resolveOptions`).
 */
export function renderSessionStream(
  session: Session,
  messages: () => Iterable<Message>,
  context: Pick<RenderContext, 'basename'>,
  options: MarkdownOptions = DEFAULT_OPTIONS,
  window: WindowLimits = DEFAULT_WINDOW,
): RenderedFile[] {
  const files: RenderedFile[] = [];
  const visit = (node: Node) => {
    const children = childFiles(node.session.children ?? []);
    const facts = sessionFacts(
      node.messages,
      children.map((c) => c.session),
    );
    files.push({
      suffix: node.suffix,
      content: lazy(() =>
        renderDocument({
          session: node.session,
          messages: node.messages,
          facts,
          options,
          children,
          childDir: node.stem,
          attachmentDir: attachmentDirOf(node.suffix, context.basename),
          parent: node.parent,
          window,
        }),
      ),
    });
    // Asked only while a child's file is written: a parent without a title may need a pass for its prompt.
    const parent = (): ParentInfo => ({
      key: node.session.key,
      title: displayTitle(node.session, facts.firstPrompt),
      href: `../${node.stem}.md`,
    });
    for (const child of children) {
      visit({
        session: child.session,
        messages: () => child.session.messages,
        suffix: `${node.dirSuffix}/${child.stem}.md`,
        dirSuffix: `${node.dirSuffix}/${child.stem}`,
        stem: child.stem,
        parent,
      });
    }
  };
  visit({ session, messages, suffix: '.md', dirSuffix: '', stem: context.basename });
  return files;
}

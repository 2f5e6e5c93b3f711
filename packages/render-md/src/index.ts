// @convx/render-md: readable Markdown transcripts (see README.md for the options and the output shape).
import { defineRenderer, type Renderer } from '@convx/core';
import { type MarkdownOptions, resolveOptions } from './options.js';
import { renderSessionStream } from './render.js';

export { DEFAULT_OPTIONS, isValidTimeZone, type MarkdownOptions, resolveOptions } from './options.js';
export { childStems } from './subagents.js';

/**
 * Output-format version. Bump it (1 → 2 …) in the same change as anything that alters output bytes for the
 * same session and options: the engine puts it into every fingerprint, so an upgrade re-renders once.
 */
export const MARKDOWN_RENDERER_VERSION = '6';

/**
 * A Markdown renderer with defaults baked in; options the engine passes in `context.options` override them.
 * Invalid options throw a `ConvxError` (`INVALID_OPTION`) right away, naming the option.
 */
export function createMarkdownRenderer(defaults: Partial<MarkdownOptions> = {}): Renderer {
  const base = resolveOptions(defaults);
  // Options a run passes are checked per session (a named zone's formatter is built once per process,
  // zone.ts); a run without any (the CLI's default) renders every session with the defaults checked here.
  const renderStream: NonNullable<Renderer['renderStream']> = (session, messages, context) => {
    const options = Object.keys(context.options).length
      ? resolveOptions({ ...base, ...context.options })
      : base;
    return renderSessionStream(session, messages, context, options);
  };
  return defineRenderer(
    {
      name: 'markdown',
      version: MARKDOWN_RENDERER_VERSION,
      // One path: a session in memory renders exactly as the same session streamed.
      render: (session, context) => renderStream(session, () => session.messages, context),
      renderStream,
    },
    '@convx/render-md',
  );
}

/** The Markdown renderer with default options. */
export const markdownRenderer: Renderer = createMarkdownRenderer();

export default markdownRenderer;

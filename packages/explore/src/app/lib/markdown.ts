import MarkdownIt from 'markdown-it';
import { highlight } from './highlight.js';

/**
 * Markdown as the assistant wrote it, made safe: `html: false` makes markdown-it escape every tag in the
 * text (so `<script>` or `<img onerror>` show as text), its link check refuses `javascript:`/`vbscript:`/
 * `file:`/`data:` URLs, and code goes through highlight.js, which escapes too.
 */
const md = new MarkdownIt({
  html: false,
  linkify: true,
  breaks: false,
  highlight: (code, language) => highlight(code, language || undefined),
});

// Links leave the explorer in a new tab, without a referrer or a handle back to it.
const defaultLinkOpen =
  md.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  token?.attrSet('target', '_blank');
  token?.attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};
// Remote images would be fetched (and are blocked by the CSP anyway): show them as links instead.
md.renderer.rules.image = (tokens, idx) => {
  const token = tokens[idx];
  const src = String(token?.attrGet('src') ?? '');
  const alt = token?.content || src;
  return `<a href="${md.utils.escapeHtml(src)}" target="_blank" rel="noopener noreferrer">[image: ${md.utils.escapeHtml(alt)}]</a>`;
};

/** Longer text is shown as plain preformatted text: parsing megabytes as Markdown would freeze the page. */
const MAX_MARKDOWN = 300_000;

export function renderMarkdown(text: string): string {
  if (text.length > MAX_MARKDOWN) return `<pre>${md.utils.escapeHtml(text)}</pre>`;
  return md.render(text);
}

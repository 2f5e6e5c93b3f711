import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import type { SessionSummary } from '@convx/search';
import type { OutlineCache } from '../twin/cache.js';
import { messageTexts } from '../twin/messages.js';
import type { TwinNode } from '../twin/outline.js';
import { transcriptPage } from '../twin/transcript.js';

/** The standalone viewer's script and styles, inlined into every exported file. */
export interface ViewerAssets {
  script: string;
  style: string;
}

/** Text safe inside `<script type="application/json">`: no `<` can close the element early. */
const scriptSafe = (json: string) => json.replaceAll('<', '\\u003c');

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The file name a downloaded conversation gets: its Markdown basename with `.html`. */
export function exportFileName(session: SessionSummary): string {
  return `${basename(session.path).replace(/\.md$/, '')}.html`;
}

/**
 * One conversation as a single HTML file that needs no network: the transcript viewer's script and styles
 * inline (allowed by their hashes in the file's own Content-Security-Policy, nothing else may run), and the
 * session with every subagent as JSON data in the page. Streamed: messages are copied from the twin one
 * after another, so a session of any size is never held whole.
 */
export async function* exportHtml(
  outputRoot: string,
  session: SessionSummary,
  outlines: OutlineCache,
  viewer: ViewerAssets,
): AsyncGenerator<string> {
  const twinPath = join(outputRoot, session.twinPath);
  const outline = await outlines.get(twinPath);
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(viewer.script)}`,
    `style-src ${sha256(viewer.style)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  yield '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n';
  yield `<meta http-equiv="Content-Security-Policy" content="${csp}">\n`;
  yield '<meta name="viewport" content="width=device-width, initial-scale=1">\n';
  yield `<meta name="generator" content="convx explore">\n<title>${escapeHtml(session.title)}</title>\n`;
  yield `<style>${viewer.style}</style>\n</head>\n<body>\n<div id="app"></div>\n`;
  yield '<script type="application/json" id="convx-data">{"exportedAt":';
  yield JSON.stringify(new Date().toISOString());
  yield ',"pages":{';
  let first = true;
  for (const [agent, node] of walk(outline.root, '')) {
    const page = await transcriptPage(outputRoot, session, outlines, { agent, offset: 0, limit: 0 });
    // The page's own fields, then its messages streamed in place of the empty list.
    const head = JSON.stringify({ ...page, messages: [], clipped: {} });
    yield `${first ? '' : ','}${JSON.stringify(agent)}:`;
    yield scriptSafe(head.slice(0, head.indexOf('"messages":[]') + '"messages":['.length));
    let firstMessage = true;
    for await (const text of messageTexts(twinPath, node)) {
      yield (firstMessage ? '' : ',') + scriptSafe(text);
      firstMessage = false;
    }
    yield scriptSafe(head.slice(head.indexOf('"messages":[]') + '"messages":['.length));
    first = false;
  }
  yield '}}</script>\n';
  yield `<script>${viewer.script}</script>\n</body>\n</html>\n`;
}

/** Every node of a twin with its subagent address, parents first. */
function* walk(node: TwinNode, agent: string): Generator<[string, TwinNode]> {
  yield [agent, node];
  for (const [index, child] of node.children.entries()) {
    yield* walk(child, agent === '' ? String(index) : `${agent}.${index}`);
  }
}

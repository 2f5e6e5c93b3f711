import { createReadStream } from 'node:fs';
import { lstat, realpath } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join, sep } from 'node:path';
import type { SearchIndex } from '@convx/search';
import { SECURITY_HEADERS } from './security.js';

/** `/api/sessions/<key>/attachments/<name>`: a file convx saved beside a transcript. */
export const ATTACHMENT_ROUTE = /^\/api\/sessions\/([^/]+)\/attachments\/([0-9a-f]{16}\.[a-z0-9]{1,10})$/;

/**
 * Raster images the browser may show inline. Anything else (SVG, which can hold script; HTML; PDF; text) is
 * sent as a download of opaque bytes, so no saved file is ever run or rendered as a document by this origin.
 */
const INLINE_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

/**
 * Sends one saved attachment of a session. The name is content-addressed (16 hex digits and an extension,
 * checked by the route), the folder is the session's own `<basename>/attachments/` in the index, and the
 * file must be a regular file whose real path stays inside the output: a link planted there is refused.
 */
export async function sendAttachment(
  index: SearchIndex,
  response: ServerResponse,
  key: string,
  name: string,
  head: boolean,
): Promise<void> {
  const notFound = () => {
    response.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('No such attachment.');
  };
  const session = index.getSession(key);
  if (!session?.path.endsWith('.md')) return notFound();
  const file = join(index.outputRoot, session.path.slice(0, -'.md'.length), 'attachments', name);
  const info = await lstat(file).catch(() => undefined);
  if (!info?.isFile()) return notFound();
  const [root, real] = await Promise.all([realpath(index.outputRoot), realpath(file).catch(() => '')]);
  if (!real.startsWith(root + sep)) return notFound();
  const inline = INLINE_TYPES[name.slice(name.lastIndexOf('.') + 1)];
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': inline ?? 'application/octet-stream',
    'Content-Length': String(info.size),
    ...(inline ? {} : { 'Content-Disposition': `attachment; filename="${name}"` }),
    // Content-addressed: the same name always holds the same bytes.
    'Cache-Control': 'private, max-age=86400, immutable',
  });
  if (head) return void response.end();
  createReadStream(real)
    .on('error', () => response.destroy())
    .pipe(response);
}

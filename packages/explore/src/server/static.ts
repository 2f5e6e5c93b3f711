import { readdir, readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SECURITY_HEADERS } from './security.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

interface Asset {
  type: string;
  body: Buffer;
  gzipped: Buffer;
}

/**
 * The prebuilt app (dist/app), held in memory and gzipped once at start: a few hundred kilobytes, served
 * without touching the disk. Only the files the build wrote are served; nothing else is reachable.
 */
export class AppAssets {
  private constructor(readonly files: ReadonlyMap<string, Asset>) {}

  static async load(dir: string): Promise<AppAssets> {
    const files = new Map<string, Asset>();
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      throw new Error(`The explorer's app is missing (${dir}); build @convx/explore first.`);
    }
    for (const name of names) {
      const type = TYPES[extname(name)];
      if (!type) continue;
      const body = await readFile(join(dir, name));
      files.set(name, { type, body, gzipped: gzipSync(body, { level: 9 }) });
    }
    if (!files.has('index.html'))
      throw new Error(`The explorer's app is incomplete: no index.html in ${dir}.`);
    return new AppAssets(files);
  }

  /** The text of a built file (the HTML export inlines the standalone viewer). */
  text(name: string): string {
    const asset = this.files.get(name);
    if (!asset) throw new Error(`The explorer's app has no ${name}; rebuild @convx/explore.`);
    return asset.body.toString('utf8');
  }

  /** Sends a built file; false when there is none of that name. */
  send(request: IncomingMessage, response: ServerResponse, name: string): boolean {
    const asset = this.files.get(name);
    if (!asset) return false;
    const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    const body = gzip ? asset.gzipped : asset.body;
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': asset.type,
      'Content-Length': body.length,
      // The shell is tiny and must always be current; assets are revalidated too (they are not hashed).
      'Cache-Control': 'no-cache',
      Vary: 'Accept-Encoding',
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    });
    response.end(request.method === 'HEAD' ? undefined : body);
    return true;
  }
}

import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { SearchIndex } from '@convx/search';
import { OutlineCache } from '../twin/cache.js';
import { AnswerCache } from './answer-cache.js';
import { answerApi, sendJson } from './api.js';
import { ATTACHMENT_ROUTE, sendAttachment } from './attachments.js';
import { exportFileName, exportHtml } from './export.js';
import { LiveUpdates } from './live.js';
import {
  type AccessPolicy,
  allowedHosts,
  checkRequest,
  hostHeader,
  isLoopback,
  SECURITY_HEADERS,
  tokenRedirect,
} from './security.js';
import { AppAssets } from './static.js';

/** The port tried first; when taken (and no port was asked for), the next free one. */
export const DEFAULT_PORT = 7117;
const PORT_TRIES = 20;

export interface ExplorerOptions {
  /** An open index of the output (the explorer keeps it current and closes it on close()). */
  index: SearchIndex;
  /** Default 127.0.0.1. A non-loopback address requires a token. */
  host?: string;
  /** A fixed port (an error when taken); default DEFAULT_PORT or the next free one. 0: any free port. */
  port?: number;
  /** Required with a non-loopback host; generated when not given. */
  token?: string;
  /** The built app (default: the `app` folder beside this module in dist). */
  appDir?: string;
  /** Live updates: how often the twins are re-checked without a signal (ms). */
  pollMs?: number;
  onError?: (error: unknown) => void;
}

export interface Explorer {
  /** The URL to open (with `?token=` when a token is required). */
  url: string;
  host: string;
  port: number;
  token: string | undefined;
  server: Server;
  /** Brings the index up to date now and tells open pages (what the live watcher does on a change). */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the explorer's HTTP server. The index should be up to date; the server keeps it so. */
export async function startExplorer(options: ExplorerOptions): Promise<Explorer> {
  const host = options.host ?? '127.0.0.1';
  const token = isLoopback(host) ? options.token : (options.token ?? randomBytes(18).toString('base64url'));
  const assets = await AppAssets.load(options.appDir ?? fileURLToPath(new URL('./app/', import.meta.url)));
  const viewer = { script: assets.text('standalone.js'), style: assets.text('app.css') };
  const outlines = new OutlineCache();
  const aggregates = new AnswerCache();
  const live = new LiveUpdates(options.index, {
    onChange: () => aggregates.clear(),
    ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  });
  let policy: AccessPolicy = { hosts: new Set() };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.onError?.(error);
      if (!response.headersSent) sendText(response, 500, 'The explorer failed to answer; see its terminal.');
      else response.destroy();
    });
  });
  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://explorer.invalid');
    const refusal = checkRequest(request, policy, url);
    if (refusal) return sendText(response, refusal.status, refusal.message);
    if (policy.token !== undefined && tokenRedirect(response, url, policy.token)) return;
    const head = request.method === 'HEAD';
    const path = url.pathname;
    if (path === '/api/events') return live.subscribe(response);
    const exported = /^\/api\/sessions\/([^/]+)\/export\.html$/.exec(path);
    if (exported) return sendExport(response, decodeURIComponent(exported[1] ?? ''), head);
    const attachment = ATTACHMENT_ROUTE.exec(path);
    if (attachment) {
      const [, key = '', name = ''] = attachment;
      return sendAttachment(options.index, response, decodeURIComponent(key), name, head);
    }
    if (path.startsWith('/api/')) {
      return sendJson(
        response,
        await answerApi({ index: options.index, outlines, aggregates }, path.slice(4), url.searchParams),
        head,
      );
    }
    if (path.startsWith('/assets/') && assets.send(request, response, path.slice('/assets/'.length))) return;
    // Every app route (`/`, `/s/<key>`, `/stats`) gets the shell; the app reads the URL.
    if (path === '/' || path === '/stats' || path.startsWith('/s/')) {
      assets.send(request, response, 'index.html');
      return;
    }
    sendText(response, 404, 'Not found.');
  }

  async function sendExport(response: ServerResponse, key: string, head: boolean): Promise<void> {
    const session = options.index.getSession(key);
    if (!session) return sendText(response, 404, `No session ${key} in the index.`);
    const chunks = exportHtml(options.index.outputRoot, session, outlines, viewer);
    const first = await chunks.next();
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Disposition': `attachment; filename="${exportFileName(session).replace(/["\\]/g, '_')}"`,
      'Cache-Control': 'no-store',
    });
    if (head) return void response.end();
    if (!first.done) response.write(first.value);
    for await (const chunk of chunks) {
      if (!response.write(chunk)) await new Promise((resolve) => response.once('drain', resolve));
    }
    response.end();
  }

  const port = await listen(server, host, options.port);
  policy = { hosts: allowedHosts(host, port), ...(token !== undefined ? { token } : {}) };
  live.start();
  const shown = hostHeader(host === '0.0.0.0' || host === '::' ? 'localhost' : host, port);
  return {
    url: `http://${shown}/${token !== undefined ? `?token=${encodeURIComponent(token)}` : ''}`,
    host,
    port,
    token,
    server,
    refresh: () => live.refresh(),
    async close() {
      live.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      options.index.close();
    },
  };
}

function sendText(response: ServerResponse, status: number, message: string): void {
  const body = Buffer.from(`${message}\n`);
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
  });
  response.end(body);
}

/** Listens on the port asked for, else DEFAULT_PORT or the next free one of a few. */
async function listen(server: Server, host: string, port: number | undefined): Promise<number> {
  const candidates =
    port !== undefined ? [port] : Array.from({ length: PORT_TRIES }, (_, i) => DEFAULT_PORT + i);
  for (const candidate of candidates) {
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(candidate, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      return (server.address() as AddressInfo).port;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE' || port !== undefined) throw error;
    }
  }
  throw new PortsTakenError(
    `Ports ${DEFAULT_PORT}–${DEFAULT_PORT + PORT_TRIES - 1} are all taken; pass --port N.`,
  );
}

export class PortsTakenError extends Error {}

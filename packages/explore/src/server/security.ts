import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostname, networkInterfaces } from 'node:os';

/** The Content-Security-Policy of every response: scripts and styles from this server only, nothing inline. */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers every response carries. No CORS header, ever: other origins must not read anything. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export const TOKEN_COOKIE = 'convx_explore_token';

export interface AccessPolicy {
  /** `Host` header values accepted (lower-case `host:port`). */
  hosts: ReadonlySet<string>;
  /** Required on every request when set (non-loopback hosts). */
  token?: string;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/i;

/** True for an address that only this machine can reach. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host.replace(/^\[|\]$/g, ''));
}

/** `host:port` as a Host header spells it (IPv6 in brackets), lower-case. */
export function hostHeader(host: string, port: number): string {
  const bare = host.replace(/^\[|\]$/g, '');
  return `${bare.includes(':') ? `[${bare}]` : bare}:${port}`.toLowerCase();
}

/**
 * The Host headers a request may carry: the bound address and `localhost`, with the port. A wildcard bind
 * (`0.0.0.0`, `::`) accepts this machine's own addresses and name. Anything else is a DNS-rebinding attempt
 * (a foreign name resolving to this machine) and is refused.
 */
export function allowedHosts(bound: string, port: number): Set<string> {
  const names = new Set([bound, 'localhost']);
  if (bound === '0.0.0.0' || bound === '::') {
    names.add(hostname());
    for (const list of Object.values(networkInterfaces())) {
      for (const entry of list ?? []) names.add(entry.address);
    }
  }
  if (bound === '127.0.0.1' || bound === 'localhost') names.add('127.0.0.1');
  return new Set([...names].map((name) => hostHeader(name, port)));
}

export type Refusal = { status: number; message: string } | undefined;

/**
 * Whether a request may be served: only GET/HEAD (the API is read-only), a known Host, not cross-site
 * (`Sec-Fetch-Site`, `Origin`), and the token when one is required.
 */
export function checkRequest(request: IncomingMessage, policy: AccessPolicy, url: URL): Refusal {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return { status: 405, message: 'The explorer is read-only: only GET requests are served.' };
  }
  const host = (request.headers.host ?? '').toLowerCase();
  if (!policy.hosts.has(host)) {
    return { status: 403, message: `Refused: unexpected Host header "${host}".` };
  }
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { status: 403, message: 'Refused: cross-site request.' };
  }
  const origin = request.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${host}`) {
    return { status: 403, message: 'Refused: request from another origin.' };
  }
  if (policy.token !== undefined && !hasToken(request, policy.token, url)) {
    return {
      status: 401,
      message: 'This explorer needs its token: open the URL it printed (with ?token=…).',
    };
  }
  return undefined;
}

function hasToken(request: IncomingMessage, token: string, url: URL): boolean {
  const offered = [
    url.searchParams.get('token'),
    /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1],
    cookieValue(request.headers.cookie, TOKEN_COOKIE),
  ];
  return offered.some((value) => value !== undefined && value !== null && sameSecret(value, token));
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** After a `?token=` navigation: keep the token in a strict cookie and drop it from the address bar. */
export function tokenRedirect(response: ServerResponse, url: URL, token: string): boolean {
  if (url.searchParams.get('token') === null || url.pathname.startsWith('/api/')) return false;
  url.searchParams.delete('token');
  response.writeHead(303, {
    ...SECURITY_HEADERS,
    'Set-Cookie': `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
    Location: `${url.pathname}${url.search}${url.hash}`,
    'Cache-Control': 'no-store',
  });
  response.end();
  return true;
}

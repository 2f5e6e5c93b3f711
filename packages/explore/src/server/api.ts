import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { isQueryError, type SearchIndex } from '@convx/search';
import type { OutlineCache } from '../twin/cache.js';
import { findInMessages, readOneMessage } from '../twin/messages.js';
import { nodeAt, transcriptPage, UnknownAgentError } from '../twin/transcript.js';
import type { AnswerCache } from './answer-cache.js';
import {
  BadRequest,
  filterOptions,
  listOptions,
  pageOptions,
  searchOptions,
  statsOptions,
} from './params.js';
import { SECURITY_HEADERS } from './security.js';

export interface ApiContext {
  index: SearchIndex;
  outlines: OutlineCache;
  aggregates: AnswerCache;
}

/** An answer of the API: a status and a JSON body. */
interface Answer {
  status: number;
  body: unknown;
}

const ok = (body: unknown): Answer => ({ status: 200, body });
const problem = (status: number, message: string, code?: string): Answer => ({
  status,
  body: { error: message, ...(code ? { code } : {}) },
});

/**
 * The read-only JSON API (docs/explore.md). `path` is the URL path after `/api`. Returns undefined for a
 * path it does not know. Streaming endpoints (events, the HTML export) are handled by the server itself.
 */
export async function answerApi(context: ApiContext, path: string, params: URLSearchParams): Promise<Answer> {
  try {
    return await route(context, path, params);
  } catch (error) {
    if (error instanceof BadRequest) return problem(400, error.message);
    if (isQueryError(error)) return problem(400, error.message, error.code);
    if (error instanceof UnknownAgentError) return problem(404, 'That session has no such subagent.');
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return problem(404, 'The session is in the index but its JSON twin is gone; it was probably deleted.');
    }
    throw error;
  }
}

async function route(context: ApiContext, path: string, params: URLSearchParams): Promise<Answer> {
  const { index } = context;
  switch (path) {
    case '/search': {
      const { query, options } = searchOptions(params);
      const result = index.search(query, options);
      return ok(result);
    }
    case '/sessions':
      return ok(index.listSessions(listOptions(params)));
    case '/facets': {
      const options = filterOptions(params);
      return ok(context.aggregates.get(`facets ${JSON.stringify(options)}`, () => index.facets(options)));
    }
    case '/stats': {
      const options = statsOptions(params);
      return ok(context.aggregates.get(`stats ${JSON.stringify(options)}`, () => index.stats(options)));
    }
    case '/info':
      return ok({ outputRoot: index.outputRoot });
  }
  const match = /^\/sessions\/([^/]+)(?:\/(find|messages\/(\d+)))?$/.exec(path);
  if (!match) return problem(404, `No API endpoint ${path}.`);
  const key = decodeURIComponent(match[1] ?? '');
  const session = index.getSession(key);
  if (!session) return problem(404, `No session ${key} in the index.`);
  const twinPath = join(index.outputRoot, session.twinPath);
  if (match[2] === undefined) {
    return ok(await transcriptPage(index.outputRoot, session, context.outlines, pageOptions(params)));
  }
  const { agent } = pageOptions(params);
  const { node } = nodeAt((await context.outlines.get(twinPath)).root, agent);
  if (match[2] === 'find') {
    const text = params.get('q') ?? '';
    if (text.trim() === '') throw new BadRequest('q must hold the text to find.');
    return ok(await findInMessages(twinPath, node, text, 5000));
  }
  const message = await readOneMessage(twinPath, node, Number(match[3]));
  return message === undefined ? problem(404, 'That session has no such message.') : ok(message);
}

/** Writes an answer as JSON (never cached: the history changes under the explorer). */
export function sendJson(response: ServerResponse, answer: Answer, head: boolean): void {
  const body = Buffer.from(JSON.stringify(answer.body));
  response.writeHead(answer.status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
  });
  response.end(head ? undefined : body);
}

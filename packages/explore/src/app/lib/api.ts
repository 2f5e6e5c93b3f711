import type { Facets, IndexStats, SearchResult, SessionPage } from '@convx/search';
import type { FindResult, TranscriptPage } from '../../shared/api.js';

/** An error the API answered with (its `error` sentence), or a network failure. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function getJson<T>(path: string, params?: URLSearchParams, signal?: AbortSignal): Promise<T> {
  const query = params?.toString();
  let response: Response;
  try {
    response = await fetch(query ? `${path}?${query}` : path, {
      signal,
      headers: { Accept: 'application/json' },
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError('The explorer is not answering; is `convx explore` still running?', 0);
  }
  const body: unknown = await response.json().catch(() => ({}));
  if (!response.ok) {
    const message =
      typeof body === 'object' && body !== null && 'error' in body ? String(body.error) : response.statusText;
    throw new ApiError(message, response.status);
  }
  return body as T;
}

export const api = {
  search: (params: URLSearchParams, signal?: AbortSignal) =>
    getJson<SearchResult>('/api/search', params, signal),
  sessions: (params: URLSearchParams, signal?: AbortSignal) =>
    getJson<SessionPage>('/api/sessions', params, signal),
  facets: (params: URLSearchParams, signal?: AbortSignal) => getJson<Facets>('/api/facets', params, signal),
  stats: (params: URLSearchParams, signal?: AbortSignal) => getJson<IndexStats>('/api/stats', params, signal),
  info: () => getJson<{ outputRoot: string }>('/api/info'),
};

/** Where a transcript's pages come from: the server, or the data inside an exported HTML file. */
export interface TranscriptSource {
  page(agent: string, offset: number, limit: number): Promise<TranscriptPage>;
  find(agent: string, text: string): Promise<FindResult>;
  message(agent: string, index: number): Promise<unknown>;
  /** The download link of the self-contained HTML file (absent inside such a file). */
  exportUrl?: string;
  /** The app's link to a subagent's own view (absent inside an exported file). */
  agentHref?: (agent: string) => string;
}

export function serverTranscript(key: string): TranscriptSource {
  const base = `/api/sessions/${encodeURIComponent(key)}`;
  return {
    page: (agent, offset, limit) =>
      getJson<TranscriptPage>(base, new URLSearchParams({ agent, offset: `${offset}`, limit: `${limit}` })),
    find: (agent, text) => getJson<FindResult>(`${base}/find`, new URLSearchParams({ agent, q: text })),
    message: (agent, index) => getJson<unknown>(`${base}/messages/${index}`, new URLSearchParams({ agent })),
    exportUrl: `${base}/export.html`,
    agentHref: (agent) => `/s/${encodeURIComponent(key)}${agent ? `/a/${agent}` : ''}`,
  };
}

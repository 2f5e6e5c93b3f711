import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { TranscriptPage } from '../../shared/api.js';
import type { TranscriptSource } from './api.js';

const PAGE = 200;
/** Messages kept above a jump target, so the reader sees what led to it. */
const LEAD = 10;

export interface TranscriptWindow {
  page: TranscriptPage | null;
  error: string | null;
  /** Index of messages[0] in the session. */
  start: number;
  messages: unknown[];
  clipped: Record<number, number>;
  loading: boolean;
  loadMore(): void;
  loadEarlier(): void;
  /** Makes message `index` part of the window (loading around it when needed); resolves when it is. */
  reveal(index: number): Promise<void>;
  /** Replaces a clipped message with its whole text. */
  expand(index: number): Promise<void>;
  /** Re-reads the session after a live change: new messages at the end are appended. */
  refresh(): void;
}

/**
 * A window of consecutive messages of one transcript, paged from its source: never the whole session, which
 * may hold a hundred thousand messages.
 */
export function useTranscript(
  source: TranscriptSource,
  agent: string,
  target: number | null,
): TranscriptWindow {
  const [page, setPage] = useState<TranscriptPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [start, setStart] = useState(0);
  const [messages, setMessages] = useState<unknown[]>([]);
  const [clipped, setClipped] = useState<Record<number, number>>({});
  const [loading, setLoading] = useState(false);
  const state = useRef({ start, messages, busy: false });
  state.current.start = start;
  state.current.messages = messages;

  const load = useCallback(
    async (offset: number, mode: 'replace' | 'append' | 'prepend') => {
      if (state.current.busy) return;
      state.current.busy = true;
      setLoading(true);
      try {
        const limit = mode === 'prepend' ? Math.min(PAGE, state.current.start - offset) : PAGE;
        const next = await source.page(agent, offset, limit);
        setPage(next);
        setError(null);
        setClipped((old) => (mode === 'replace' ? next.clipped : { ...old, ...next.clipped }));
        if (mode === 'replace') {
          setStart(next.offset);
          setMessages(next.messages);
        } else if (mode === 'append') setMessages((old) => [...old, ...next.messages]);
        else {
          setStart(next.offset);
          setMessages((old) => [...next.messages, ...old]);
        }
      } catch (failure) {
        setError((failure as Error).message);
      } finally {
        state.current.busy = false;
        setLoading(false);
      }
    },
    [source, agent],
  );

  useEffect(() => {
    setPage(null);
    setMessages([]);
    void load(target === null ? 0 : Math.max(0, target - LEAD), 'replace');
    // A new target within the loaded window needs no load (see reveal).
  }, [load]);

  const end = start + messages.length;
  return {
    page,
    error,
    start,
    messages,
    clipped,
    loading,
    loadMore: () => {
      if (page && end < page.total) void load(end, 'append');
    },
    loadEarlier: () => {
      if (start > 0) void load(Math.max(0, start - PAGE), 'prepend');
    },
    async reveal(index) {
      const { start: from, messages: held } = state.current;
      if (index >= from && index < from + held.length) return;
      state.current.busy = false;
      await load(Math.max(0, index - LEAD), 'replace');
    },
    async expand(index) {
      const whole = await source.message(agent, index);
      setMessages((old) => old.map((m, i) => (i === index - state.current.start ? whole : m)));
      setClipped((old) => {
        const { [index]: _gone, ...rest } = old;
        return rest;
      });
    },
    refresh() {
      if (page && end >= page.total) void load(end, 'append');
      else void source.page(agent, 0, 1).then(setPage, () => undefined);
    },
  };
}

/**
 * What parsing a twin produces, in order: its session row, its full-text chunks, then the rest. A plain
 * data stream, so the parsing can run in a worker thread while the database is written on the main one.
 */
export interface SessionStart {
  key: string;
  source: string;
  sessionId: string;
  project: string | null;
  machine: string | null;
  user: string | null;
  /** JSON array. */
  models: string;
  branch: string | null;
  startedAt: string | null;
  endedAt: string | null;
  /** Markdown path, relative to the output root. */
  path: string;
}

export interface SessionEnd {
  title: string;
  messageCount: number;
  toolCount: number;
  /** uint32 first message number per chunk. */
  chunkStarts: Uint8Array;
  /** float64 pairs (offset, length) per message. */
  spans: Uint8Array;
  tools: [name: string, calls: number][];
  /** Candidate words for the fallback vocabulary (distinct). */
  words: string[];
}

/** Receives one twin's records; `chunk` values are the full-text columns in COLUMNS order. */
export interface SessionSink {
  start(session: SessionStart): void;
  chunk(number: number, values: (string | null)[]): void;
  end(session: SessionEnd): void;
  /** Called between reads of the twin; a promise it returns is awaited first (back-pressure). */
  pause?(): Promise<void> | undefined;
}

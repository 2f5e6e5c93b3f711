// What discovery finds in a history file and carries to `load`.

export interface Header {
  /** `20250601-100000`, used in the session id. */
  stamp: string;
  /** ISO time. Aider writes local time without a zone, so it is read in the machine's zone. */
  startedAt: string;
}

export type LineKind = 'user' | 'info' | 'text';

/** One `# aider chat started at` block: a session. Lines are 1-based and inclusive. */
export interface ChatBlock {
  stamp: string;
  startedAt: string;
  startLine: number;
  endLine: number;
  /** SHA-256 of the block's lines, so appending to the file changes only the last block's fingerprint. */
  hash: string;
}

/** Carried from discover to load. */
export interface AiderRefData {
  block: ChatBlock;
}

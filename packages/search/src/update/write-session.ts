import { SESSION_SHIFT } from '../db/schema.js';
import type { WriteStatements } from '../db/statements.js';
import type { TwinFile } from '../twins/find.js';
import type { SessionEnd, SessionSink, SessionStart } from './records.js';
import type { Vocabulary } from './vocabulary.js';

/**
 * Writes one twin's records into the database (on the thread that owns the connection). `abandon` removes
 * what was written when the twin fails half-way — no savepoint: FTS5 writes out its pending postings at
 * every savepoint, which made a bulk build twice as slow.
 */
export class SessionWriter implements SessionSink {
  private id = -1;
  private base = 0;

  constructor(
    private readonly st: WriteStatements,
    private readonly vocabulary: Vocabulary,
    private readonly twin: TwinFile,
  ) {}

  start(s: SessionStart): void {
    const result = this.st.insertSession.run(
      s.key,
      s.source,
      s.sessionId,
      s.project,
      s.machine,
      s.user,
      s.models,
      s.branch,
      s.startedAt,
      s.endedAt,
      s.path,
      this.twin.rel,
      this.twin.size,
      this.twin.mtimeMs,
    );
    this.id = Number(result.lastInsertRowid);
    this.base = this.id * 2 ** SESSION_SHIFT;
  }

  chunk(number: number, values: (string | null)[]): void {
    if (this.id < 0) return;
    this.st.insertChunk.run(this.base + number, ...values);
  }

  end(s: SessionEnd): void {
    if (this.id < 0) return;
    this.st.finishSession.run(s.title, s.messageCount, s.toolCount, s.chunkStarts.length / 4, this.id);
    this.st.insertSpans.run(this.id, s.chunkStarts, s.spans);
    this.st.insertTitle.run(this.id, s.title);
    for (const [name, calls] of s.tools) this.st.insertTool.run(this.id, name, calls);
    this.vocabulary.add(s.words);
  }

  abandon(): void {
    if (this.id >= 0) this.st.deleteSession(this.id);
    this.id = -1;
  }
}

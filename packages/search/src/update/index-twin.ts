import type { TwinHeader } from '@convx/core';
import { idTail } from '@convx/core';
import { MAX_MESSAGES, SESSION_SHIFT } from '../db/schema.js';
import type { WriteStatements } from '../db/statements.js';
import { messageText } from '../text/extract.js';
import type { TwinFile } from '../twins/find.js';
import { markdownPathOf } from '../twins/find.js';
import { streamTwin, TwinError } from '../twins/read.js';
import { ChunkWriter } from './chunks.js';
import type { Vocabulary } from './vocabulary.js';

const TITLE_LENGTH = 120;

/**
 * Indexes one twin as a session: its row, its messages' text in chunks (each kind in its column), where each
 * message sits in the twin, its tools, its title (full-text and trigram) and its words for the fallback. A
 * twin that fails half-way is removed again (no savepoint: FTS5 writes out its pending postings at every
 * savepoint, which made a bulk build twice as slow), so it leaves nothing behind.
 */
export async function indexTwin(st: WriteStatements, vocabulary: Vocabulary, twin: TwinFile): Promise<void> {
  const state = { id: -1 };
  try {
    await indexTwinRows(st, vocabulary, twin, state);
  } catch (error) {
    if (state.id >= 0) st.deleteSession(state.id);
    throw error;
  }
}

async function indexTwinRows(
  st: WriteStatements,
  vocabulary: Vocabulary,
  twin: TwinFile,
  state: { id: number },
): Promise<void> {
  let chunks: ChunkWriter | undefined;
  let header: TwinHeader | undefined;
  let topCount = 0;
  let childCount = 0;
  let toolCalls = 0;
  let firstPrompt: string | undefined;
  const tools = new Map<string, number>();
  await streamTwin(twin.abs, {
    header(value) {
      header = value;
      const convx = value.convx;
      const result = st.insertSession.run(
        value.key,
        value.source,
        String(value.sessionId ?? value.key.slice(value.source.length + 1)),
        value.cwd ?? null,
        convx?.systemName ?? null,
        convx?.user ?? null,
        JSON.stringify(Array.isArray(value.models) ? value.models.filter((m) => typeof m === 'string') : []),
        value.gitBranch ?? null,
        isoOrNull(value.startedAt),
        isoOrNull(value.endedAt),
        markdownPathOf(twin.rel),
        twin.rel,
        twin.size,
        twin.mtimeMs,
      );
      state.id = Number(result.lastInsertRowid);
      chunks = new ChunkWriter(st.insertChunk, state.id * 2 ** SESSION_SHIFT, value.title);
    },
    message(value, topLevel, span) {
      const number = topLevel ? topCount++ : topCount + childCount++;
      if (number > MAX_MESSAGES) throw new TwinError(`more than ${MAX_MESSAGES} messages`);
      const found = messageText(value);
      if (found?.tool !== undefined) {
        toolCalls++;
        tools.set(found.tool, (tools.get(found.tool) ?? 0) + 1);
      }
      if (found?.column === 'prompt' || found?.column === 'reply') {
        if (found.column === 'prompt' && topLevel && firstPrompt === undefined) firstPrompt = found.text;
        vocabulary.add(found.text);
      }
      chunks?.add(number, span, found?.column, found?.text ?? '');
    },
  });
  if (!header || !chunks) throw new TwinError('no session header');
  chunks.flush();
  const title = displayTitle(header, firstPrompt);
  st.finishSession.run(title, topCount, toolCalls, chunks.chunkCount, state.id);
  st.insertSpans.run(state.id, chunks.chunkStarts(), chunks.messageSpans());
  st.insertTitle.run(state.id, title);
  if (header.title?.trim()) vocabulary.add(header.title);
  for (const [name, calls] of tools) st.insertTool.run(state.id, name, calls);
}

/** The title a person sees: the session's, else its first typed prompt (shortened), else its id's tail. */
function displayTitle(header: TwinHeader, firstPrompt: string | undefined): string {
  const title = header.title?.replace(/\s+/g, ' ').trim();
  if (title) return title;
  const prompt = firstPrompt?.replace(/\s+/g, ' ').trim();
  if (prompt) {
    if (prompt.length <= TITLE_LENGTH) return prompt;
    const cut = prompt.slice(0, TITLE_LENGTH);
    const space = cut.lastIndexOf(' ');
    return `${space > TITLE_LENGTH / 2 ? cut.slice(0, space) : cut}…`;
  }
  return idTail(String(header.sessionId ?? header.key));
}

/** An ISO instant in canonical form (so strings compare as times), or null. */
function isoOrNull(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? null : time.toISOString();
}

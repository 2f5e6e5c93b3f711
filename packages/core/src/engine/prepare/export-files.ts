import { rmSync } from 'node:fs';
import type { SessionRef } from '../../contract/adapter.js';
import { ATTACHMENTS_DIR } from '../../model/media.js';
import type { Session } from '../../model/types.js';
import { type Chunks, sameFileBytes, writeTemp } from '../../store/atomic.js';
import { resolveInside } from '../../store/output.js';
import { twinChunks } from '../../store/twin.js';
import type { SavedAttachment } from './attachments.js';
import { renderFiles } from './load-session.js';
import type { MessageBody } from './message-body.js';
import type { PreparedFile, PrepareEnv } from './types.js';

// One object for every session of a run, so a renderer can check its options once.
const NO_RENDER_OPTIONS: Readonly<Record<string, unknown>> = Object.freeze({});

const SUFFIX = /^(\.[A-Za-z0-9]+|(\/[A-Za-z0-9][A-Za-z0-9._-]*)+)$/;

/** What the files of one session are written from. */
export interface SessionFiles {
  session: Session;
  body: MessageBody | undefined;
  /** Below the history folder, `/`-separated. */
  dir: string;
  basename: string;
  messageCount: number;
  ref: SessionRef;
  contentHash: string | undefined;
  /** Saved inline payloads, already in temp files (see AttachmentStore). */
  attachments: SavedAttachment[];
  /** The index has never seen the session, so it has no files yet: nothing to compare with. */
  fresh: boolean;
}

/**
 * Renders the session (and its twin) into temp files beside its saved attachments, checking every path
 * stays inside the history folder. Attachments come first and the twin last, so committing them in this
 * order never leaves a transcript linking to a file not yet there.
 */
export async function writeSessionFiles(env: PrepareEnv, input: SessionFiles): Promise<PreparedFile[]> {
  const { options } = env;
  const { session, body, dir, basename } = input;
  const files: PreparedFile[] = [];
  try {
    for (const saved of input.attachments) {
      const rel = `${dir}/${basename}/${saved.rel}`;
      const target = resolveInside(env.historyDir, rel);
      // Content-addressed: the same name holding the same bytes is left as it is.
      if (saved.temp && !input.fresh && (await sameFileBytes(saved.temp, target))) {
        rmSync(saved.temp, { force: true });
        delete saved.temp;
      }
      files.push(saved.temp ? { rel, temp: saved.temp } : { rel });
    }
    const rendered: Array<{ rel: string; content: Chunks }> = [];
    for (const file of renderFiles(options.renderer, session, body, {
      basename,
      options: options.renderOptions ?? NO_RENDER_OPTIONS,
    })) {
      if (!SUFFIX.test(file.suffix) || file.suffix.split('/').includes('..')) {
        throw new Error(`renderer ${options.renderer.name} produced an unsafe file suffix: ${file.suffix}`);
      }
      if (file.suffix.startsWith(`/${ATTACHMENTS_DIR}/`)) {
        throw new Error(
          `renderer ${options.renderer.name} wrote ${file.suffix} into the folder reserved for saved attachments`,
        );
      }
      rendered.push({ rel: `${dir}/${basename}${file.suffix}`, content: file.content });
    }
    const twinInfo = {
      fingerprint: input.ref.fingerprint,
      ...(input.contentHash ? { contentHash: input.contentHash } : {}),
      renderKey: env.renderKey,
      messageCount: input.messageCount,
      ...options.labels,
    };
    rendered.push({
      rel: `${dir}/.${basename}.json`,
      content: body
        ? { [Symbol.iterator]: () => twinChunks(session, twinInfo, '', body.body()) }
        : twinChunks(session, twinInfo),
    });
    for (const file of rendered) {
      const target = resolveInside(env.historyDir, file.rel);
      if (env.dryRun) {
        files.push({ rel: file.rel });
        continue;
      }
      const temp = await writeTemp(target, file.content, env.tmpDir, {
        compare: !input.fresh,
        buffers: env.buffers,
      });
      files.push(temp === 'unchanged' ? { rel: file.rel } : { rel: file.rel, temp });
    }
  } catch (error) {
    for (const file of [...files, ...input.attachments]) if (file.temp) rmSync(file.temp, { force: true });
    throw error;
  }
  return files;
}

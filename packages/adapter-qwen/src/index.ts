import { type Adapter, defineAdapter, loadFromStream } from '@convx/core';
import { discoverSessions } from './discover.js';
import { streamSession } from './load.js';
import { defaultLocations } from './paths.js';
import type { QwenRefData } from './types.js';

/** Options of {@link createQwenAdapter}. */
export interface QwenAdapterOptions {
  /**
   * The source name: keys, output folders and `--source-system` use it.
   * @default 'qwen'
   */
  name?: string;
  /**
   * The human name in reports.
   * @default 'Qwen Code'
   */
  displayName?: string;
}

/**
 * Reads Qwen Code transcripts, `projects/<encoded-cwd>/chats/<sessionId>.jsonl` under `~/.qwen`,
 * `$QWEN_HOME` or `$QWEN_RUNTIME_DIR`, streaming each file; subagents in the same file become children.
 */
export function createQwenAdapter(options: QwenAdapterOptions = {}) {
  const name = options.name ?? 'qwen';
  const stream: NonNullable<Adapter<QwenRefData>['stream']> = (ctx, ref, emit) =>
    streamSession(ctx, ref, emit, name);
  return defineAdapter<QwenRefData>(
    {
      name,
      displayName: options.displayName ?? 'Qwen Code',
      defaultLocations,
      discover: discoverSessions,
      stream,
      load: (ctx, ref) => loadFromStream(stream, ctx, ref),
    },
    '@convx/adapter-qwen',
  );
}

export const qwenAdapter = createQwenAdapter();
export default qwenAdapter;
export type { QwenRefData, TokenTotals } from './types.js';

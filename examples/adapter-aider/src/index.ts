import { dirname } from 'node:path';
import { type Adapter, createSession, defineAdapter, type SessionRef } from '@convx/core';
import { type AiderRefData, discoverChats } from './discover.js';
import { ChatBuilder } from './parse.js';

export { HISTORY_FILE } from './format.js';

export interface AiderAdapterOptions {
  /**
   * How many folder levels below each location to search for `.aider.chat.history.md` (default 4: enough
   * for `~/code/org/project`). Dependency, VCS, cache and OS folders are never searched.
   */
  depth?: number;
}

function refData(ref: SessionRef): AiderRefData {
  const data = ref.data as AiderRefData | undefined;
  if (!data?.block) throw new Error(`${ref.path}: no chat block for ${ref.sessionId}; discover it again`);
  return data;
}

/** An Aider adapter with options (the default export uses the defaults). */
export function createAiderAdapter(options: AiderAdapterOptions = {}): Adapter {
  const depth = options.depth ?? 4;
  return defineAdapter(
    {
      name: 'aider',
      displayName: 'Aider',
      // Aider writes the history into each project; `AIDER_PROJECTS` (path-separated) narrows the search.
      defaultLocations: ({ home, env, platform }) =>
        env.AIDER_PROJECTS
          ? env.AIDER_PROJECTS.split(platform === 'win32' ? ';' : ':').filter(Boolean)
          : [home],
      discover: (ctx, locations) => discoverChats(ctx, locations, depth),
      async load(ctx, ref) {
        const { block } = refData(ref);
        const builder = new ChatBuilder();
        const diagnostics = ctx.diagnostics();
        for await (const line of ctx.readLines(ref.path, diagnostics)) {
          if (line.line > block.endLine) break;
          if (line.line > block.startLine) builder.add(line);
        }
        builder.flush();
        return createSession({
          source: 'aider',
          sessionId: ref.sessionId,
          cwd: dirname(ref.path),
          startedAt: block.startedAt,
          models: builder.models,
          sourceLocation: { path: ref.path, locator: `lines ${block.startLine}-${block.endLine}` },
          messages: builder.messages,
          diagnostics: diagnostics.list(),
        });
      },
    },
    'convx-adapter-aider',
  );
}

/** The Aider adapter: reads `.aider.chat.history.md` files, one session per `# aider chat started at` block. */
export const aiderAdapter = createAiderAdapter();
export default aiderAdapter;

import {
  type AdapterContext,
  ConvxError,
  defineAdapter,
  type MessageSink,
  type SessionRef,
} from '@convx/core';
import { discoverSessions } from './discover.js';
import { loadSession, streamSession } from './load.js';
import { defaultLocations } from './paths.js';
import type { CopilotCliRefData } from './types.js';

export interface CopilotCliAdapterOptions {
  /**
   * Mark the places where the model reasoned but Copilot CLI kept only an opaque form of it
   * (`reasoningOpaque`, `encryptedContent`), as a redacted thinking message.
   * @default true
   */
  redactedThinking?: boolean;
}

/**
 * A GitHub Copilot CLI adapter with options (the default export uses the defaults). It reads every
 * generation below `$COPILOT_HOME` or `~/.copilot`: `history-session-state/*.json`, bare
 * `session-state/<id>.jsonl` event logs and `session-state/<id>/` folders (`events.jsonl` +
 * `workspace.yaml`). `stream` hands the messages on event by event, so a session of any size is read in
 * bounded memory.
 */
export function createCopilotCliAdapter(options: CopilotCliAdapterOptions = {}) {
  const { redactedThinking = true } = options;
  // Options arrive as plain data from a config file or a run spec: a wrong type is the user's mistake.
  if (typeof redactedThinking !== 'boolean')
    throw new ConvxError(
      'INVALID_OPTION',
      `the copilot-cli adapter's redactedThinking option must be true or false (got ${JSON.stringify(redactedThinking)})`,
      'copilot-cli',
    );
  const settings = { redactedThinking };
  const stream = (ctx: AdapterContext, ref: SessionRef<CopilotCliRefData>, emit: MessageSink) =>
    streamSession(ctx, ref, emit, settings);
  return defineAdapter<CopilotCliRefData>(
    {
      name: 'copilot-cli',
      displayName: 'GitHub Copilot CLI',
      defaultLocations,
      discover: discoverSessions,
      load: (ctx, ref) => loadSession(ctx, ref, settings),
      stream,
    },
    '@convx/adapter-copilot-cli',
  );
}

/** The Copilot CLI adapter with its default options. */
export const copilotCliAdapter = createCopilotCliAdapter();
export default copilotCliAdapter;
export { typedText } from './parse-text.js';
export { copilotRoots, defaultLocations } from './paths.js';
export type { CopilotCliRefData, CopilotFormat } from './types.js';

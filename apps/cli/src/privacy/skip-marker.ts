import type { Session, SkipReason } from '@convx/core';
import { sha256 } from '@convx/core';

/** The default skip marker: a person types it into a prompt to keep that conversation out of the history. */
export const DEFAULT_SKIP_MARKER = 'CONVX_NO_SYNC';

/**
 * Withdraws a session whose typed prompts contain the marker. Only `text` messages with role `user` of the
 * session itself count: injected context, assistant text, tool output and subagent prompts may quote the
 * marker (this very documentation, say) without hiding the conversation.
 */
export function skipMarkerWithdraw(marker: string): {
  id: string;
  test(session: Session): SkipReason | undefined;
} {
  return {
    id: `skip:${sha256(marker).slice(0, 16)}`,
    test(session) {
      const typed = session.messages.some(
        (m) => m.kind === 'text' && m.role === 'user' && m.text.includes(marker),
      );
      return typed
        ? { reason: 'skip marker', detail: `a prompt contains the skip marker ${marker}` }
        : undefined;
    },
  };
}

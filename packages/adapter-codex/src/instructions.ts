import type { Transcript } from './transcript.js';
import type { SessionFacts } from './types.js';

const INSTRUCTION_LABELS = ['AGENTS.md', 'User instructions', 'Instructions'];

/**
 * Older headers carry the user's instructions (AGENTS.md text) in `instructions`. Show them once, as context
 * at the start, unless the conversation already carries them as an injected message.
 */
export function addInstructions(t: Transcript, facts: SessionFacts): void {
  if (!facts.instructions || t.hasContext(INSTRUCTION_LABELS)) return;
  t.prependContext('User instructions', facts.instructions);
}

import type { Message } from '@convx/core';
import type { SessionFacts } from './types.js';

const INSTRUCTION_LABELS = ['AGENTS.md', 'User instructions', 'Instructions'];

/**
 * Older headers carry the user's instructions (AGENTS.md text) in `instructions`. Show them once, as context
 * at the start, unless the first turn already carries them as an injected message. The header is the first
 * line, so the facts are known when the first turn ends.
 */
export function instructionsPreamble(
  facts: SessionFacts,
  firstTurn: readonly Message[],
): Message | undefined {
  if (!facts.instructions) return undefined;
  const present = firstTurn.some((m) => m.kind === 'context' && INSTRUCTION_LABELS.includes(m.label));
  return present
    ? undefined
    : { kind: 'context', role: 'user', label: 'User instructions', text: facts.instructions };
}

import { ConvxError } from '../errors.js';
import type { Message, Session } from './types.js';

/**
 * How deep a value of a session (a tool call's input, the session's `meta`) may nest. Serializing, redacting
 * and rendering walk values recursively: 10,000 levels overflow the stack, and a pretty-printed twin of
 * them is quadratic in size (each level indents the next). Real sessions stay under a few dozen levels;
 * 1,000 leaves every recursive step, on the main thread's smaller stack too, a wide margin.
 */
export const MAX_NESTING = 1000;

/** Whether a JSON-like value nests deeper than `limit` (a scalar is depth 0). Walks without recursion. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  const stack: Array<{ value: object; depth: number }> = [{ value, depth: 1 }];
  for (let top = stack.pop(); top; top = stack.pop()) {
    if (top.depth > limit) return true;
    const items = Array.isArray(top.value) ? top.value : Object.values(top.value);
    for (const item of items)
      if (item !== null && typeof item === 'object') stack.push({ value: item, depth: top.depth + 1 });
  }
  return false;
}

const tooDeep = (what: string) =>
  new ConvxError('NESTED_TOO_DEEP', `${what} is nested deeper than ${MAX_NESTING} levels`);

/** Throws when a message's free-form value (a tool call's input) nests too deep; `position` is 1-based. */
export function assertMessageNesting(message: Message, position: number): void {
  if (message.kind === 'tool-call' && nestsDeeperThan(message.input, MAX_NESTING))
    throw tooDeep(`the input of tool call ${JSON.stringify(message.name)} (message ${position})`);
}

/** Throws when the session's `meta`, or with `messages` any message, nests too deep; children included. */
export function assertSessionNesting(session: Session, messages = true): void {
  if (nestsDeeperThan(session.meta, MAX_NESTING)) throw tooDeep('the session metadata');
  if (messages) for (const [i, message] of session.messages.entries()) assertMessageNesting(message, i + 1);
  for (const child of session.children ?? []) {
    try {
      assertSessionNesting(child);
    } catch (error) {
      if (error instanceof ConvxError) error.message = `subagent ${child.sessionId}: ${error.message}`;
      throw error;
    }
  }
}

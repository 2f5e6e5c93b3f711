import { sessionBasename } from '@convx/core';
import type { CodexSessionSpec } from './codex-fixture.js';

/** The basename core gives a Codex session with no title: start time + slug of the first typed prompt. */
export function expectedBasename(spec: CodexSessionSpec): string {
  const prompt = spec.turns[0]?.prompt ?? '';
  return sessionBasename({
    sessionId: spec.id,
    startedAt: spec.startedAt,
    messages: [{ kind: 'text', role: 'user', text: prompt }],
  });
}

import { createHash } from 'node:crypto';
import type { Message } from '@convx/core';
import { sampleSessions } from '@convx/core/testing';
import { describe, expect, it } from 'vitest';
import { MARKDOWN_RENDERER_VERSION, markdownRenderer } from '../src/index.js';
import { generatedSession } from './generated-session.js';
import { session } from './helpers.js';

// The engine re-renders every session once when the renderer's version changes (it is part of the render
// key). This pins the version to the bytes it writes: a change to the output fails here until the hash is
// updated, and the version beside it says whether it was bumped too.
const corpus = () => [
  ...sampleSessions(),
  generatedSession(240),
  generatedSession(120, { title: true }),
  session(
    [
      { kind: 'thinking', role: 'assistant', text: '', redacted: true },
      {
        kind: 'tool-call',
        role: 'assistant',
        name: 'exec_command',
        input: { cmd: 'ls', yield_time_ms: 10 },
        callId: 'a',
      },
      {
        kind: 'tool-result',
        role: 'tool',
        callId: 'a',
        output: 'Chunk ID: 1\nWall time: 0.1 seconds\nProcess exited with code 0\nOutput:\nREADME.md\n',
      },
    ] satisfies Message[],
    { title: 'Tune yield_time_ms', meta: { utcOffset: '+01:00' }, startedAt: '2026-03-01T10:00:00.000Z' },
  ),
];

describe('the renderer version', () => {
  it('moves with the output bytes', () => {
    const hash = createHash('sha256');
    for (const options of [{}, { timeFormat: 'iso', timezone: 'Europe/Berlin', showContext: true }]) {
      for (const s of corpus()) {
        for (const file of markdownRenderer.render(s, { basename: 'b', options })) {
          hash.update(file.suffix);
          for (const chunk of typeof file.content === 'string' ? [file.content] : file.content)
            hash.update(chunk);
        }
      }
    }
    expect({ version: MARKDOWN_RENDERER_VERSION, output: hash.digest('hex').slice(0, 16) }).toEqual({
      version: '5',
      output: '62223fa1b5371cc4',
    });
  });
});

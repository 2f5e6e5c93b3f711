import { ConvxError } from '@convx/core';
import { describe, expect, it } from 'vitest';
import { EXIT, errorLines, exitCodeOf, usageError } from '../src/errors.js';

describe('top-level error handling', () => {
  it('maps errors to the documented exit codes', () => {
    expect(exitCodeOf(usageError('bad flag'))).toBe(EXIT.usage);
    expect(exitCodeOf(new ConvxError('OUTPUT_NOT_A_REPO', 'x'))).toBe(EXIT.usage);
    expect(exitCodeOf(new ConvxError('UNKNOWN_SOURCE', 'x'))).toBe(EXIT.usage);
    expect(exitCodeOf(new ConvxError('OUTPUT_LOCKED', 'x'))).toBe(EXIT.locked);
    // A broken community plugin is the user's setup to fix, not a convx bug.
    expect(exitCodeOf(new ConvxError('INVALID_ADAPTER', 'x', 'convx-adapter-foo'))).toBe(EXIT.usage);
    expect(exitCodeOf(new ConvxError('INVALID_RENDERER', 'x', './render.js'))).toBe(EXIT.usage);
    expect(exitCodeOf(new ConvxError('INVALID_SESSION', 'x'))).toBe(EXIT.internal);
    expect(exitCodeOf(new DOMException('received SIGINT', 'AbortError'))).toBe(EXIT.interrupted);
    expect(exitCodeOf(new TypeError('x is undefined'))).toBe(EXIT.internal);
  });

  it('prints user mistakes as one sentence and unexpected errors with a hint, stack only when verbose', () => {
    expect(errorLines(usageError('Missing --output-path.'), false)).toEqual(['Missing --output-path.']);
    const bug = new TypeError('cannot read properties of undefined');
    expect(errorLines(bug, false)).toEqual([
      'Unexpected error: cannot read properties of undefined',
      'Run with --verbose for details.',
    ]);
    const verbose = errorLines(bug, true);
    expect(verbose[0]).toBe('Unexpected error: cannot read properties of undefined');
    expect(verbose[1]).toContain('at ');
  });
});

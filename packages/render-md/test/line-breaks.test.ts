import { describe, expect, it } from 'vitest';
import { renderMain, session } from './helpers.js';

describe('line breaks in what a person typed', () => {
  it('keeps the newlines of a typed prompt, but not inside code, lists or before a new paragraph', () => {
    const typed = [
      'Fix the login bug.',
      'It only fails on Safari,',
      'and only after a redirect.',
      '',
      'Steps:',
      '- open /login',
      '- submit',
      '```',
      'npm test',
      'npm run e2e',
      '```',
    ].join('\n');
    const text = renderMain(session([{ kind: 'text', role: 'user', text: typed }]));
    expect(text).toContain(
      [
        'Fix the login bug.\\',
        'It only fails on Safari,\\',
        'and only after a redirect.',
        '',
        'Steps:',
        '- open /login',
        '- submit',
        '```',
        'npm test',
        'npm run e2e',
        '```',
      ].join('\n'),
    );
  });

  it('leaves assistant Markdown as written: its single newlines are soft', () => {
    const text = renderMain(
      session([{ kind: 'text', role: 'assistant', text: 'One sentence\ncontinues here.' }]),
    );
    expect(text).toContain('One sentence\ncontinues here.');
    expect(text).not.toContain('sentence\\');
  });
});

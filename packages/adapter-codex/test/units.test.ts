import { describe, expect, it } from 'vitest';
import { keepLine } from '../src/load-jsonl.js';
import { userContextLabel } from '../src/parse-context-labels.js';
import { parsePythonLiteral } from '../src/parse-python-repr.js';

describe('parsePythonLiteral', () => {
  it('reads lists of dicts with either quote style and escapes', () => {
    expect(
      parsePythonLiteral(`[{'type': 'text', 'text': 'it\\'s "quoted"\\n'}, {"a": (1, -2.5e3, True, None)}]`),
    ).toEqual([{ type: 'text', text: `it's "quoted"\n` }, { a: [1, -2500, true, null] }]);
  });

  it('decodes \\x, \\u and \\U escapes and keeps unknown escapes as written', () => {
    expect(parsePythonLiteral(String.raw`['caf\xe9 \u2192 \U0001f600 C:\path']`)).toEqual([
      'café → 😀 C:\\path',
    ]);
  });

  it('reads raw and triple-quoted strings', () => {
    expect(parsePythonLiteral(String.raw`[r'\d+', '''a 'b' c''']`)).toEqual(['\\d+', "a 'b' c"]);
  });

  it('answers undefined for anything that is not a whole literal', () => {
    expect(parsePythonLiteral('[1, 2')).toBeUndefined();
    expect(parsePythonLiteral('[x]')).toBeUndefined();
    expect(parsePythonLiteral('[1] trailing')).toBeUndefined();
    expect(parsePythonLiteral("['unterminated]")).toBeUndefined();
  });
});

describe('userContextLabel', () => {
  it('labels injected context and leaves typed prompts alone', () => {
    expect(userContextLabel('# AGENTS.md instructions for /home/alice/x\n\n<INSTRUCTIONS>')).toBe(
      'AGENTS.md',
    );
    expect(userContextLabel('\n<environment_context>\n</environment_context>')).toBe('Environment');
    expect(userContextLabel('<user_instructions>\nx\n</user_instructions>')).toBe('User instructions');
    expect(userContextLabel('<turn_aborted>\n</turn_aborted>')).toBe('Turn aborted');
    expect(userContextLabel('<user_shell_command>\nls\n</user_shell_command>')).toBe('Shell command');
    expect(userContextLabel('please read AGENTS.md and the <environment_context> docs')).toBeUndefined();
    expect(userContextLabel('fix the bug in <App /> rendering')).toBeUndefined();
  });
});

describe('keepLine (the pre-parse filter)', () => {
  const envelope = (type: string) =>
    `{"timestamp":"2026-01-01T00:00:00.000Z","type":"event_msg","payload":{"type":"${type}","x":1}}`;

  it('skips bookkeeping events and state lines without parsing them', () => {
    expect(keepLine(envelope('token_count'))).toBe(false);
    expect(keepLine(envelope('exec_command_end'))).toBe(false);
    expect(keepLine(envelope('turn_diff'))).toBe(false);
    expect(keepLine('{"record_type":"state"}')).toBe(false);
  });

  it('keeps events a transcript needs, every other record, and anything it cannot recognize', () => {
    for (const type of [
      'user_message',
      'agent_message',
      'agent_reasoning',
      'turn_aborted',
      'error',
      'context_compacted',
    ])
      expect(keepLine(envelope(type))).toBe(true);
    expect(keepLine('{"timestamp":"t","type":"response_item","payload":{"type":"token_count"}}')).toBe(true);
    expect(keepLine('{"type":"event_msg","timestamp":"t","payload":{"type":"token_count"}}')).toBe(true);
    expect(
      keepLine('{"timestamp":"2026-01-01T00:00:00.000Z","type":"event_msg","payload":{"type":"token_'),
    ).toBe(true);
  });
});

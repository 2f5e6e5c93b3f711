// Writes a long envelope rollout shaped like a 0.98+ session: every turn carries both copies Codex writes
// (transcript items and UI events), so reading it exercises the turn-scoped resolution.

export const SESSION_ID = '019c4a10-5e6f-7a8b-9c0d-1e2f3a4b5c6d';
const CWD = '/home/alice/work/inventory';
const MODEL = 'gpt-5.1-codex';

/** Every Nth turn has a `user` item nobody typed (no `user_message` event): an injected message. */
export const INJECTED_EVERY = 25;
/** Every Nth turn has an `agent_message` the transcript lacks: shown once, from the event. */
export const LONE_ECHO_EVERY = 40;
/** Every Nth turn is queued while the previous one ran: a `user_message` event with no `user` item. */
export const EVENT_ONLY_EVERY = 100;

export interface GeneratedRollout {
  text: string;
  lines: number;
  /** The 1-based line of each record, by its (unique) timestamp. */
  lineOf: Map<string, number>;
  prompt: (turn: number) => string;
  answer: (turn: number) => string;
  injected: (turn: number) => string;
  lone: (turn: number) => string;
}

export function generateRollout(turns: number): GeneratedRollout {
  const out: string[] = [];
  const lineOf = new Map<string, number>();
  let clock = Date.parse('2026-03-02T09:00:00.000Z');
  const put = (type: string, payload: Record<string, unknown>) => {
    clock += 1000;
    const timestamp = new Date(clock).toISOString();
    out.push(JSON.stringify({ timestamp, type, payload }));
    lineOf.set(timestamp, out.length);
  };
  const item = (payload: Record<string, unknown>) => put('response_item', payload);
  const event = (payload: Record<string, unknown>) => put('event_msg', payload);
  const message = (role: string, text: string, type = 'input_text') =>
    item({ type: 'message', role, content: [{ type, text }] });

  const prompt = (turn: number) =>
    `Step ${turn}: move the ${turn % 7 === 0 ? 'SKU' : 'stock'} check into its own module.`;
  const answer = (turn: number) =>
    `Step ${turn} is done: the check lives in inventory/check_${turn}.py and tests pass.`;
  const injected = (turn: number) =>
    `The workspace was re-synced before turn ${turn}; re-read changed files.`;
  const lone = (turn: number) => `Still running the test suite for step ${turn}…`;

  put('session_meta', {
    id: SESSION_ID,
    timestamp: '2026-03-02T09:00:00.000Z',
    cwd: CWD,
    originator: 'codex_cli_rs',
    cli_version: '0.98.0',
    source: 'cli',
    model_provider: 'openai',
    base_instructions: { text: 'You are Codex, a coding agent.' },
  });
  message(
    'developer',
    '<permissions instructions>\nFilesystem sandboxing: workspace-write.\n</permissions instructions>',
  );
  message(
    'user',
    `# AGENTS.md instructions for ${CWD}\n\n<INSTRUCTIONS>\n- Python 3.12, uv, pytest.\n</INSTRUCTIONS>`,
  );
  message('user', `<environment_context>\n  <cwd>${CWD}</cwd>\n  <shell>zsh</shell>\n</environment_context>`);

  for (let turn = 1; turn <= turns; turn++) {
    const eventOnly = turn % EVENT_ONLY_EVERY === 0;
    // A prompt queued while the previous turn ran is logged before its turn starts, with no `user` item.
    if (eventOnly) event({ type: 'user_message', message: prompt(turn), images: [], local_images: [] });
    put('turn_context', { cwd: CWD, approval_policy: 'on-request', model: MODEL, effort: 'medium' });
    if (turn % INJECTED_EVERY === 0) message('user', injected(turn));
    if (!eventOnly) {
      message('user', prompt(turn));
      event({ type: 'user_message', message: prompt(turn), images: [], local_images: [] });
    }
    event({ type: 'task_started', model_context_window: 258400 });
    event({ type: 'agent_reasoning', text: `**Planning step ${turn}**` });
    item({
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: `**Planning step ${turn}**` }],
      encrypted_content: 'gAAAAABo',
    });
    const callId = `call_${turn.toString(36)}`;
    item({
      type: 'function_call',
      name: 'exec_command',
      arguments: JSON.stringify({ cmd: `uv run pytest -q tests/test_check_${turn}.py`, workdir: CWD }),
      call_id: callId,
    });
    event({ type: 'exec_command_end', call_id: callId, exit_code: 0, aggregated_output: '3 passed\n' });
    item({
      type: 'function_call_output',
      call_id: callId,
      output: `Process exited with code 0\nOutput:\n3 passed in 0.${turn % 10}s\n`,
    });
    if (turn % LONE_ECHO_EVERY === 0)
      event({ type: 'agent_message', message: lone(turn), phase: 'commentary' });
    event({
      type: 'token_count',
      info: { total_token_usage: { input_tokens: 1000 * turn, output_tokens: 40 * turn } },
    });
    message('assistant', answer(turn), 'output_text');
    event({ type: 'agent_message', message: answer(turn), phase: 'final_answer' });
    event({ type: 'task_complete', last_agent_message: answer(turn) });
  }
  return { text: `${out.join('\n')}\n`, lines: out.length, lineOf, prompt, answer, injected, lone };
}

// Codex CLI rollout lines (envelope format) with the noise real rollouts carry.
import { iso, textOf } from './random.mjs';

export function* codexLines(rand, id, start, turns, outputWords) {
  let t = start;
  const ts = () => {
    t += 1000 + Math.floor(rand() * 4000);
    return iso(t);
  };
  const cwd = `/home/bench/code/project-${Math.floor(rand() * 40)}`;
  const env = (type, payload) => JSON.stringify({ timestamp: ts(), type, payload });
  yield env('session_meta', {
    id,
    timestamp: iso(start),
    cwd,
    originator: 'codex_cli_rs',
    cli_version: '0.101.0',
    source: 'cli',
    model_provider: 'openai',
    git: { branch: 'main', commit_hash: 'a'.repeat(40) },
    base_instructions: { text: textOf(rand, 400) },
  });
  yield env('response_item', {
    type: 'message',
    role: 'user',
    content: [
      { type: 'input_text', text: `<environment_context>\n  <cwd>${cwd}</cwd>\n</environment_context>` },
    ],
  });
  for (let turn = 0; turn < turns; turn++) {
    yield env('turn_context', {
      cwd,
      model: 'gpt-5-codex',
      approval_policy: 'on-request',
      sandbox_policy: { mode: 'workspace-write' },
    });
    const prompt = `Please ${textOf(rand, 12 + Math.floor(rand() * 30))}`;
    yield env('response_item', {
      type: 'message',
      role: 'user',
      content: [{ type: 'input_text', text: prompt }],
    });
    yield env('event_msg', { type: 'user_message', message: prompt, images: [] });
    yield env('response_item', {
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: `**${textOf(rand, 4)}**\n\n${textOf(rand, 30)}` }],
      encrypted_content: 'gAAAA'.concat('x'.repeat(3000 + Math.floor(rand() * 6000))),
    });
    const calls = 1 + Math.floor(rand() * 3);
    for (let c = 0; c < calls; c++) {
      const callId = `call_${Math.floor(rand() * 1e12).toString(36)}`;
      yield env('response_item', {
        type: 'function_call',
        name: 'shell',
        arguments: JSON.stringify({
          command: ['bash', '-lc', `rg -n "${textOf(rand, 2)}" src`],
          workdir: cwd,
        }),
        call_id: callId,
      });
      const output = `Exit code: 0\nWall time: 0.4 seconds\nOutput:\n${textOf(rand, outputWords)}`;
      yield env('event_msg', {
        type: 'exec_command_end',
        call_id: callId,
        command: ['rg'],
        cwd,
        exit_code: 0,
        aggregated_output: output,
      });
      yield env('response_item', { type: 'function_call_output', call_id: callId, output });
    }
    const answer = textOf(rand, 40 + Math.floor(rand() * 120));
    yield env('event_msg', { type: 'agent_message', message: answer });
    yield env('response_item', {
      type: 'message',
      role: 'assistant',
      content: [{ type: 'output_text', text: answer }],
    });
    yield env('event_msg', {
      type: 'token_count',
      info: {
        total_token_usage: { input_tokens: turn * 1000, output_tokens: turn * 100 },
        last_token_usage: { input_tokens: 1000, output_tokens: 100 },
      },
    });
  }
}

// Claude Code transcript lines: split assistant messages, thinking, tool calls, progress records.
import { iso, textOf, uuidOf } from './random.mjs';

/** `project`: the project folder the session ran in (as its folder under `.claude/projects` says); random by default. */
export function* claudeLines(rand, id, start, turns, outputWords = 150, project = undefined) {
  let t = start;
  const ts = () => {
    t += 1000 + Math.floor(rand() * 4000);
    return iso(t);
  };
  const picked = Math.floor(rand() * 40);
  const cwd = `/home/bench/code/${project ?? `project-${picked}`}`;
  let parent = null;
  const base = () => ({
    parentUuid: parent,
    isSidechain: false,
    userType: 'external',
    cwd,
    sessionId: id,
    version: '2.1.20',
    gitBranch: 'main',
  });
  for (let turn = 0; turn < turns; turn++) {
    let uuid = uuidOf(rand);
    yield JSON.stringify({
      ...base(),
      type: 'user',
      message: { role: 'user', content: `Can you ${textOf(rand, 15 + Math.floor(rand() * 25))}?` },
      uuid,
      timestamp: ts(),
    });
    parent = uuid;
    const msgId = `msg_${Math.floor(rand() * 1e15).toString(36)}`;
    const toolId = `toolu_${Math.floor(rand() * 1e15).toString(36)}`;
    for (const block of [
      { type: 'thinking', thinking: textOf(rand, 40), signature: 'sig'.repeat(50) },
      { type: 'text', text: textOf(rand, 30) },
      {
        type: 'tool_use',
        id: toolId,
        name: 'Bash',
        input: { command: `npm test -- ${textOf(rand, 2)}`, description: 'Run tests' },
      },
    ]) {
      uuid = uuidOf(rand);
      yield JSON.stringify({
        ...base(),
        type: 'assistant',
        requestId: `req_${msgId}`,
        message: {
          id: msgId,
          type: 'message',
          role: 'assistant',
          model: 'claude-sonnet-4-5',
          content: [block],
          stop_reason: null,
          usage: { input_tokens: 10, output_tokens: 20 },
        },
        uuid,
        timestamp: ts(),
      });
      parent = uuid;
    }
    for (let p = 0; p < 3; p++)
      yield JSON.stringify({
        ...base(),
        type: 'progress',
        data: { type: 'bash_progress', output: textOf(rand, 60) },
        toolUseID: toolId,
        uuid: uuidOf(rand),
        timestamp: ts(),
      });
    uuid = uuidOf(rand);
    const output = textOf(rand, outputWords);
    yield JSON.stringify({
      ...base(),
      type: 'user',
      message: {
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: toolId, content: output, is_error: false }],
      },
      toolUseResult: { stdout: output, stderr: '', interrupted: false },
      uuid,
      timestamp: ts(),
    });
    parent = uuid;
    uuid = uuidOf(rand);
    yield JSON.stringify({
      ...base(),
      type: 'assistant',
      message: {
        id: `${msgId}b`,
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-5',
        content: [{ type: 'text', text: textOf(rand, 60) }],
      },
      uuid,
      timestamp: ts(),
    });
    parent = uuid;
  }
}

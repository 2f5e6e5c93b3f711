// Continue session files for the benchmark, `~/.continue/sessions/<id>.json` plus the `sessions.json` index
// (which misses one session in twenty, as real ones do). Every generation: plain-string content, content
// parts, a single `toolCallState`, then `toolCallStates` with `mode` and usage; one title in ten holds a
// model's `<think>` text. Most sessions 5–150 KB, one in fifty 1–3 MB. Deterministic, own seed.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { rng, textOf, uuidOf } from './random.mjs';

const MODELS = ['Claude 3.7 Sonnet', 'GPT-5', 'Qwen2.5-Coder 32B', 'Claude Sonnet 4'];

/** Writes `sessions` session files and the index under `sessionsDir`. */
export async function writeContinueSessions(sessionsDir, t0, sessions) {
  const rand = rng(2311);
  await mkdir(sessionsDir, { recursive: true });
  const index = [];
  for (let i = 0; i < sessions; i++) {
    const sessionId = uuidOf(rand);
    const start = t0 + i * 6_100_000;
    const generation = i % 4; // 0 plain strings, 1 parts, 2 toolCallState, 3 toolCallStates + mode + usage
    const workspaceDirectory = i % 9 === 0 ? '' : `file:///home/bench/code/web-${i % 25}`;
    const targetBytes = i % 50 === 11 ? 1_048_576 * (1 + rand() * 2) : 5_120 * 30 ** rand();
    const history = [];
    let bytes = 0;
    for (let k = 0; bytes < targetBytes; k++) {
      const items = turn(rand, generation, `${i}-${k}`, start + k * 60_000);
      for (const item of items) bytes += JSON.stringify(item).length;
      history.push(...items);
    }
    const plainTitle = textOf(rand, 6);
    const title = i % 10 === 3 ? `<think>\n${textOf(rand, 25)}\n</think>\n\n"${plainTitle}"` : plainTitle;
    const session = { sessionId, title, workspaceDirectory, history };
    if (generation === 3) {
      Object.assign(session, {
        mode: i % 8 === 3 ? 'chat' : 'agent',
        chatModelTitle: MODELS[i % MODELS.length],
        usage: {
          totalCost: 0.03,
          promptTokens: 9000 * history.length,
          completionTokens: 300 * history.length,
        },
      });
    }
    await writeFile(join(sessionsDir, `${sessionId}.json`), JSON.stringify(session, null, 2));
    if (i % 20 !== 5) {
      index.push({
        sessionId,
        title,
        dateCreated: String(start),
        workspaceDirectory,
        messageCount: history.length,
      });
    }
  }
  await writeFile(join(sessionsDir, 'sessions.json'), JSON.stringify(index, null, 2));
}

/** One exchange: the user's prompt, then the assistant's reply with (from generation 2) a tool call and its output. */
function turn(rand, generation, key, ms) {
  const prompt = `Can you ${textOf(rand, 15)}?`;
  const user = {
    message: {
      role: 'user',
      content: generation === 0 ? prompt : [{ type: 'text', text: prompt }],
      id: `u-${key}`,
    },
    contextItems:
      rand() < 0.3
        ? [
            {
              name: 'index.ts',
              description: 'src/index.ts',
              content: textOf(rand, 200 + Math.floor(rand() * 800)),
            },
          ]
        : [],
  };
  const reply = `${textOf(rand, 60 + Math.floor(rand() * 200))}\n\n\`\`\`ts\n${textOf(rand, 40)}\n\`\`\``;
  if (generation < 2) {
    return [
      user,
      { message: { role: 'assistant', content: reply, id: `a-${key}` }, contextItems: [], promptLogs: [] },
    ];
  }
  const call = {
    id: `call_${key}`,
    type: 'function',
    function: { name: 'builtin_read_file', arguments: JSON.stringify({ filepath: `src/${key}.ts` }) },
  };
  const state = {
    toolCallId: call.id,
    toolCall: call,
    status: 'done',
    parsedArgs: { filepath: `src/${key}.ts` },
    output: [
      {
        name: `${key}.ts`,
        description: `src/${key}.ts`,
        content: textOf(
          rand,
          rand() < 0.15 ? 1500 + Math.floor(rand() * 2500) : 50 + Math.floor(rand() * 400),
        ),
      },
    ],
  };
  const calling = {
    message: { role: 'assistant', content: textOf(rand, 12), id: `c-${key}`, toolCalls: [call] },
    contextItems: [],
    ...(generation === 2
      ? { toolCallState: state }
      : {
          toolCallStates: [state],
          reasoning: { active: false, text: textOf(rand, 30), startAt: ms, endAt: ms + 2_000 },
        }),
  };
  const answer = {
    message: {
      role: 'assistant',
      content: reply,
      id: `a-${key}`,
      ...(generation === 3 ? { usage: { promptTokens: 9000, completionTokens: 300 } } : {}),
    },
    contextItems: [],
  };
  return generation === 3
    ? [
        user,
        { message: { role: 'thinking', content: textOf(rand, 20), id: `t-${key}` }, contextItems: [] },
        calling,
        answer,
      ]
    : [user, calling, answer];
}

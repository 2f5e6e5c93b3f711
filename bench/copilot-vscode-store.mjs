// A VS Code user folder with Copilot Chat chats for the benchmark: mostly `.jsonl` change logs (appends,
// streaming splices, sets), some flat `.json` files and empty chats, across 40 workspaces. Deterministic.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { rng, textOf, uuidOf } from './random.mjs';

const WORKSPACES = 40;
const AGENT = {
  extensionId: { value: 'GitHub.copilot-chat' },
  id: 'github.copilot.editsAgent',
  name: 'agent',
};
const MODELS = ['copilot/gpt-4.1', 'copilot/claude-sonnet-4', 'copilot/auto', 'copilot/gpt-5-mini'];

/** Writes `chats` chats with content (and one empty chat per ten) under `userDir`. Own seed: other corpus parts stay as they were. */
export async function writeCopilotVscodeStore(userDir, t0, chats) {
  const rand = rng(2109);
  const folders = [];
  for (let w = 0; w < WORKSPACES; w++) {
    const hash = uuidOf(rand).replace(/-/g, '');
    const dir = join(userDir, 'workspaceStorage', hash);
    await mkdir(join(dir, 'chatSessions'), { recursive: true });
    await writeFile(
      join(dir, 'workspace.json'),
      JSON.stringify({ folder: `file:///home/bench/code/app-${w}` }),
    );
    folders.push({ dir, root: `/home/bench/code/app-${w}` });
  }
  for (let i = 0; i < chats; i++) {
    const folder = folders[i % WORKSPACES];
    const sessionId = uuidOf(rand);
    const start = t0 + i * 2_700_000;
    const requests = Array.from({ length: 1 + Math.floor(rand() * 6) }, (_, k) =>
      requestOf(rand, folder.root, start + 10_000 + k * 240_000),
    );
    const base = {
      version: 3,
      sessionId,
      creationDate: start,
      initialLocation: 'panel',
      responderUsername: 'GitHub Copilot',
    };
    const title = textOf(rand, 5);
    // One in seven chats is a flat `.json` (VS Code ≤ 1.108); the rest are change logs.
    if (i % 7 === 0) {
      const chat = { ...base, customTitle: title, requests, lastMessageDate: requests.at(-1).timestamp };
      await writeFile(join(folder.dir, 'chatSessions', `${sessionId}.json`), JSON.stringify(chat));
    } else {
      await writeFile(
        join(folder.dir, 'chatSessions', `${sessionId}.jsonl`),
        changeLog(rand, base, requests, title),
      );
    }
    if (i % 10 === 0) {
      const empty = { kind: 0, v: { ...base, sessionId: uuidOf(rand), requests: [] } };
      await writeFile(
        join(folder.dir, 'chatSessions', `${empty.v.sessionId}.jsonl`),
        `${JSON.stringify(empty)}\n`,
      );
    }
  }
}

/** The log VS Code writes while a chat runs: each request appended, its reply streamed, then settled. */
function changeLog(rand, base, requests, title) {
  const lines = [
    {
      kind: 0,
      v: { ...base, requests: [], pendingRequests: [], inputState: { inputText: '', attachments: [] } },
    },
  ];
  requests.forEach((request, index) => {
    lines.push({ kind: 2, k: ['requests'], v: [{ ...request, response: [], result: undefined }] });
    lines.push({ kind: 1, k: ['inputState', 'inputText'], v: '' });
    lines.push({ kind: 2, k: ['requests', index, 'response'], v: request.response.slice(0, 1) });
    // The settled reply replaces the streamed fragment: truncate to 0, then append.
    lines.push({ kind: 2, k: ['requests', index, 'response'], v: request.response, i: 0 });
    lines.push({ kind: 1, k: ['requests', index, 'result'], v: request.result });
    if (index === 0) lines.push({ kind: 1, k: ['customTitle'], v: title });
    if (rand() < 0.2) lines.push({ kind: 3, k: ['requests', index, 'result', 'details'] });
  });
  return `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`;
}

function requestOf(rand, root, timestamp) {
  const response = [{ value: `${textOf(rand, 40)}\n` }];
  const rounds = [];
  const results = {};
  const tools = 1 + Math.floor(rand() * 3);
  for (let t = 0; t < tools; t++) {
    const file = `${root}/src/${textOf(rand, 1)}-${t}.ts`;
    const callId = `toolu_${uuidOf(rand).replace(/-/g, '')}__vscode-${timestamp + t}`;
    const uri = { $mid: 1, path: file, scheme: 'file' };
    response.push({
      kind: 'toolInvocationSerialized',
      invocationMessage: { value: `Reading ${file}` },
      pastTenseMessage: { value: `Read ${file}` },
      isConfirmed: { type: 1 },
      isComplete: true,
      toolCallId: uuidOf(rand),
      toolId: 'copilot_readFile',
    });
    rounds.push({
      response: '',
      toolCalls: [
        {
          name: 'read_file',
          arguments: JSON.stringify({ filePath: file, startLine: 1, endLine: 200 }),
          id: callId,
        },
      ],
      id: uuidOf(rand),
    });
    results[callId] = { content: [{ value: textOf(rand, 300 + Math.floor(rand() * 1200)) }] };
    response.push(
      { value: `${textOf(rand, 25)} ` },
      { kind: 'inlineReference', inlineReference: uri },
      { value: '.\n' },
    );
  }
  if (rand() < 0.4) {
    const uri = { $mid: 1, path: `${root}/src/main.ts`, scheme: 'file' };
    response.push({ value: '\n```\n' }, { kind: 'codeblockUri', uri, isEdit: true });
    response.push({
      kind: 'textEditGroup',
      uri,
      edits: [
        [
          {
            text: `${textOf(rand, 60)}\n`,
            range: { startLineNumber: 10, startColumn: 1, endLineNumber: 12, endColumn: 1 },
          },
        ],
      ],
      done: true,
    });
    response.push({ value: '\n```\n' });
  }
  response.push({ value: textOf(rand, 120) });
  return {
    requestId: `request_${uuidOf(rand)}`,
    timestamp,
    agent: AGENT,
    message: { text: `Please ${textOf(rand, 14)}?`, parts: [] },
    variableData: { variables: [] },
    response,
    result: {
      timings: { firstProgress: 900, totalElapsed: 12_000 },
      details: 'GPT-4.1 • 0x',
      metadata: { toolCallRounds: rounds, toolCallResults: results },
    },
    modelId: MODELS[Math.floor(rand() * MODELS.length)],
  };
}

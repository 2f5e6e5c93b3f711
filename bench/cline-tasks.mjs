// Cline task folders for the benchmark, under VS Code's `globalStorage/saoudrizwan.claude-dev/tasks/<ts>/`:
// `api_conversation_history.json` (XML tool calls in text before Cline 3.3x, native `tool_use` blocks after,
// tool results as plain user text followed by environment details), `ui_messages.json`, `task_metadata.json`,
// and the `state/taskHistory.json` index. Most tasks 20–300 KB, one in fifty 1–5 MB, one history of ~50 MB;
// one in forty has only `ui_messages.json` (its history was never written). Deterministic, own seed.
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { rng, textOf } from './random.mjs';

const PROJECTS = 30;
const MODELS = ['claude-sonnet-4-20250514', 'claude-opus-4-5', 'gpt-5', 'gemini-2.5-pro'];
const TOOLS = ['read_file', 'execute_command', 'search_files', 'replace_in_file', 'list_files'];

/** Writes `tasks` task folders (and one ~`bigMB` MB history) under `storageDir`. Returns the big history's path. */
export async function writeClineTasks(storageDir, t0, tasks, bigMB) {
  const rand = rng(2207);
  const history = [];
  let bigPath;
  for (let i = 0; i < tasks; i++) {
    const start = t0 + i * 4_300_000;
    const project = `/home/bench/code/svc-${i % PROJECTS}`;
    // Log-uniform 20–300 KB; one in fifty 1–5 MB; the 500th is the big one.
    const targetBytes =
      i === 500 && bigMB > 0
        ? bigMB * 1_048_576
        : i % 50 === 7
          ? 1_048_576 * (1 + rand() * 4)
          : 20_480 * 15 ** rand();
    const dir = join(storageDir, 'tasks', String(start));
    await mkdir(dir, { recursive: true });
    const task = { rand, start, project, native: i % 3 !== 0, model: MODELS[i % MODELS.length] };
    const prompt = `Please ${textOf(rand, 12)} in ${project}/src/${textOf(rand, 1)}.ts`;
    const uiOnly = i % 40 === 13;
    const { end, turns, tokensIn, tokensOut } = uiOnly
      ? { end: start + 60_000, turns: 2, tokensIn: 4000, tokensOut: 200 }
      : await writeApiHistory(join(dir, 'api_conversation_history.json'), task, prompt, targetBytes);
    if (i === 500 && bigMB > 0) bigPath = join(dir, 'api_conversation_history.json');
    await writeFile(join(dir, 'ui_messages.json'), JSON.stringify(uiMessages(task, prompt, turns, end)));
    await writeFile(
      join(dir, 'task_metadata.json'),
      JSON.stringify({
        files_in_context: [
          {
            path: `src/${textOf(rand, 1)}.ts`,
            record_state: 'active',
            record_source: 'read_tool',
            cline_read_date: start + 5_000,
            cline_edit_date: null,
          },
        ],
        model_usage: [{ ts: start + 800, model_id: task.model, model_provider_id: 'anthropic', mode: 'act' }],
      }),
    );
    history.push({
      id: String(start),
      ts: end,
      task: prompt,
      tokensIn,
      tokensOut,
      totalCost: tokensIn * 3e-6 + tokensOut * 15e-6,
      size: Math.round(targetBytes),
      cwdOnTaskInitialization: project,
    });
  }
  await mkdir(join(storageDir, 'state'), { recursive: true });
  await writeFile(join(storageDir, 'state', 'taskHistory.json'), JSON.stringify(history));
  return bigPath;
}

function environmentDetails(task, ms) {
  return {
    type: 'text',
    text:
      `<environment_details>\n# VSCode Visible Files\nsrc/index.ts\n\n# Current Time\n${new Date(ms).toUTCString()}\n\n` +
      `# Current Working Directory (${task.project}) Files\npackage.json\nsrc/\nsrc/index.ts\n</environment_details>`,
  };
}

/** One tool round: the assistant's call (XML in text, or a native `tool_use`), then the result as user text. */
function round(task, k, ts) {
  const { rand } = task;
  const tool = TOOLS[Math.floor(rand() * TOOLS.length)];
  const path = `src/${textOf(rand, 1)}-${k}.ts`;
  const note = { type: 'text', text: textOf(rand, 20 + Math.floor(rand() * 60)) };
  const assistant = task.native
    ? {
        role: 'assistant',
        ts,
        modelInfo: { modelId: task.model, providerId: 'anthropic', mode: 'act' },
        id: `msg_${k}`,
        content: [
          ...(rand() < 0.4 ? [{ type: 'thinking', thinking: textOf(rand, 40), signature: 'sig' }] : []),
          note,
          { type: 'tool_use', id: `toolu_${task.start}_${k}`, name: tool, input: { path } },
        ],
      }
    : {
        role: 'assistant',
        ts,
        content: [{ type: 'text', text: `${note.text}\n\n<${tool}>\n<path>${path}</path>\n</${tool}>` }],
      };
  // Tool outputs vary from a line to a whole file.
  const output = textOf(
    rand,
    rand() < 0.15 ? 1500 + Math.floor(rand() * 3000) : 30 + Math.floor(rand() * 400),
  );
  const user = {
    role: 'user',
    ts: ts + 3_000,
    content: [
      { type: 'text', text: `[${tool} for '${path}'] Result:` },
      { type: 'text', text: output },
      environmentDetails(task, ts + 3_000),
    ],
  };
  return [assistant, user];
}

/** Streams the history array until it reaches `targetBytes`, ending with `attempt_completion`. */
async function writeApiHistory(path, task, prompt, targetBytes) {
  const out = createWriteStream(path);
  const put = async (text) => {
    if (!out.write(text)) await new Promise((r) => out.once('drain', r));
  };
  const first = {
    role: 'user',
    ts: task.start,
    content: [{ type: 'text', text: `<task>\n${prompt}\n</task>` }, environmentDetails(task, task.start)],
  };
  let bytes = 0;
  let turns = 0;
  let ts = task.start + 2_000;
  let text = `[${JSON.stringify(first)}`;
  do {
    bytes += text.length;
    await put(text);
    const [assistant, user] = round(task, turns, ts);
    text = `,${JSON.stringify(assistant)},${JSON.stringify(user)}`;
    turns++;
    ts += 9_000;
  } while (bytes < targetBytes);
  const result = textOf(task.rand, 40);
  const done = task.native
    ? {
        role: 'assistant',
        ts,
        content: [
          { type: 'tool_use', id: `toolu_${task.start}_done`, name: 'attempt_completion', input: { result } },
        ],
      }
    : {
        role: 'assistant',
        ts,
        content: [
          {
            type: 'text',
            text: `<attempt_completion>\n<result>\n${result}\n</result>\n</attempt_completion>`,
          },
        ],
      };
  await put(`${text},${JSON.stringify(done)}]`);
  await new Promise((r, j) => out.end((e) => (e ? j(e) : r())));
  return { end: ts, turns, tokensIn: 3000 * turns, tokensOut: 120 * turns };
}

/** The webview's log: the prompt, one `api_req_started` per request, asks for tools, the completion. */
function uiMessages(task, prompt, turns, end) {
  const messages = [{ ts: task.start, type: 'say', say: 'text', text: prompt }];
  const shown = Math.min(turns, 400);
  for (let k = 0; k < shown; k++) {
    const ts = task.start + 1_000 + k * 9_000;
    messages.push({
      ts,
      type: 'say',
      say: 'api_req_started',
      text: JSON.stringify({ tokensIn: 3000, tokensOut: 120, cost: 0.011 }),
      modelInfo: { providerId: 'anthropic', modelId: task.model, mode: 'act' },
    });
    messages.push({
      ts: ts + 1_500,
      type: 'ask',
      ask: 'tool',
      text: JSON.stringify({ tool: 'readFile', path: `src/${k}.ts` }),
    });
  }
  messages.push({ ts: end, type: 'say', say: 'completion_result', text: textOf(task.rand, 30) });
  return messages;
}

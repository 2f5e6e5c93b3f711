// Writes the committed Cline-family fixtures under fixtures/home: one task per storage generation of Cline,
// Roo Code and the older Kilo Code, and a Cline CLI/SDK session with a subagent. Deterministic: run
// `node packages/adapter-cline/scripts/build-fixtures.ts` from the repo root.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const home = fileURLToPath(new URL('../../../fixtures/home', import.meta.url));
const storage = (editorRoot: string, ext: string) => join(home, editorRoot, 'User', 'globalStorage', ext);
const CLINE = storage('.config/Code', 'saoudrizwan.claude-dev');
const ROO = join(home, '.vscode-server/data/User/globalStorage/rooveterinaryinc.roo-cline');
const KILO = storage('.config/VSCodium', 'kilocode.kilo-code');
const CLINE_DATA = join(home, '.cline/data');
for (const root of [CLINE, ROO, KILO, join(home, '.cline')]) rmSync(root, { recursive: true, force: true });

function write(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
}
const text = (t: string) => ({ type: 'text', text: t });
const env = (cwd: string, extra = '') =>
  text(
    `<environment_details>\n# VSCode Visible Files\nsrc/cli.ts\n\n# Current Time\n6/20/2025, 9:40:00 AM (UTC)\n\n# Current Working Directory (${cwd}) Files\npackage.json\nsrc/\nsrc/cli.ts${extra}\n</environment_details>`,
  );
// A 1×1 PNG: a pasted screenshot, kept as an attachment.
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

// 1. Claude Dev (2024-09): `claude_messages.json`, XML tool calls, results as user text.
{
  const dir = join(CLINE, 'tasks', '1726135200000');
  const cwd = '/home/alice/code/todo-cli';
  write(join(dir, 'api_conversation_history.json'), [
    {
      role: 'user',
      content: [text('<task>\nAdd a --verbose flag to the CLI in src/cli.ts\n</task>'), env(cwd)],
    },
    {
      role: 'assistant',
      content: [
        text(
          '<thinking>\nThe flag parsing lives in src/cli.ts; read it first.\n</thinking>\n\n<read_file>\n<path>src/cli.ts</path>\n</read_file>',
        ),
      ],
    },
    {
      role: 'user',
      content: [
        text("[read_file for 'src/cli.ts'] Result:"),
        text(
          "import { parseArgs } from 'node:util';\nconst { values } = parseArgs({ options: { help: { type: 'boolean' } } });\n",
        ),
        env(cwd),
      ],
    },
    {
      role: 'assistant',
      content: [
        text(
          "I'll add the flag and log each step when it is set.\n\n<write_to_file>\n<path>src/cli.ts</path>\n<content>\nimport { parseArgs } from 'node:util';\nconst { values } = parseArgs({ options: { help: { type: 'boolean' }, verbose: { type: 'boolean' } } });\nif (values.verbose) console.error('verbose on');\n</content>\n</write_to_file>",
        ),
      ],
    },
    {
      role: 'user',
      content: [
        text("[write_to_file for 'src/cli.ts'] Result:"),
        text('The content was successfully saved to src/cli.ts.'),
        env(cwd),
      ],
    },
    {
      role: 'assistant',
      content: [
        text(
          '<attempt_completion>\n<result>\nAdded a `--verbose` flag to src/cli.ts; it logs each step to stderr.\n</result>\n<command>node src/cli.ts --verbose</command>\n</attempt_completion>',
        ),
      ],
    },
  ]);
  const t = 1726135200000;
  write(join(dir, 'claude_messages.json'), [
    { ts: t, type: 'say', say: 'text', text: 'Add a --verbose flag to the CLI in src/cli.ts' },
    {
      ts: t + 900,
      type: 'say',
      say: 'api_req_started',
      text: JSON.stringify({ request: '<task>…', tokensIn: 1520, tokensOut: 88, cost: 0.0059 }),
    },
    {
      ts: t + 4200,
      type: 'say',
      say: 'tool',
      text: JSON.stringify({ tool: 'readFile', path: 'src/cli.ts' }),
    },
    {
      ts: t + 5100,
      type: 'say',
      say: 'api_req_started',
      text: JSON.stringify({ tokensIn: 1790, tokensOut: 240, cost: 0.0089 }),
    },
    {
      ts: t + 11800,
      type: 'ask',
      ask: 'tool',
      text: JSON.stringify({ tool: 'editedExistingFile', path: 'src/cli.ts' }),
    },
    {
      ts: t + 19000,
      type: 'say',
      say: 'api_req_started',
      text: JSON.stringify({ tokensIn: 2010, tokensOut: 61, cost: 0.0069 }),
    },
    {
      ts: t + 22500,
      type: 'say',
      say: 'completion_result',
      text: 'Added a `--verbose` flag to src/cli.ts; it logs each step to stderr.',
    },
    { ts: t + 22600, type: 'ask', ask: 'command', text: 'node src/cli.ts --verbose' },
  ]);
}

// 2. Cline 2025-06: task_metadata, an image with the prompt, a command, a question and its answer, feedback on
// the completion, a denied edit.
{
  const id = '1750412400000';
  const t = Number(id);
  const dir = join(CLINE, 'tasks', id);
  const cwd = '/home/alice/code/weather-app';
  write(join(dir, 'api_conversation_history.json'), [
    {
      role: 'user',
      content: [
        text('<task>\nThe forecast test fails since the date change, see the screenshot. Fix it.\n</task>'),
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
        env(cwd),
      ],
    },
    {
      role: 'assistant',
      content: [
        text(
          '<execute_command>\n<command>npm test -- forecast</command>\n<requires_approval>false</requires_approval>\n</execute_command>',
        ),
      ],
    },
    {
      role: 'user',
      content: [
        text("[execute_command for 'npm test -- forecast'] Result:"),
        text(
          'Command executed.\nOutput:\nFAIL src/forecast.test.ts\n  ✕ uses today (12 ms)\nExpected "2025-06-20", received "2025-06-19"',
        ),
        env(cwd),
      ],
    },
    {
      role: 'assistant',
      content: [
        text(
          '<ask_followup_question>\n<question>Should the cache key use the local date or UTC?</question>\n<options>["Local date", "UTC"]</options>\n</ask_followup_question>',
        ),
      ],
    },
    {
      role: 'user',
      content: [
        text("[ask_followup_question for 'Should the cache key use the local date or UTC?'] Result:"),
        text('<answer>\nUTC\n</answer>'),
        env(cwd),
      ],
    },
    {
      role: 'assistant',
      content: [
        text(
          'Switching the key to UTC.\n\n<replace_in_file>\n<path>src/cache.ts</path>\n<diff>\n<<<<<<< SEARCH\nconst key = date.toDateString();\n=======\nconst key = date.toISOString().slice(0, 10);\n>>>>>>> REPLACE\n</diff>\n</replace_in_file>',
        ),
      ],
    },
    {
      role: 'user',
      content: [
        text("[replace_in_file for 'src/cache.ts'] Result:"),
        text(
          'The user denied this operation. The user provided the following feedback:\n<feedback>\nAlso keep the old key readable for one release.\n</feedback>',
        ),
        env(cwd),
      ],
    },
    {
      role: 'assistant',
      content: [
        text(
          '<attempt_completion>\n<result>\nThe cache key now uses the UTC date; the old key is still read for one release.\n</result>\n</attempt_completion>',
        ),
      ],
    },
    {
      role: 'user',
      content: [
        text('[attempt_completion] Result:'),
        text(
          'The user has provided feedback on the results. Consider their input to continue the task, and then attempt completion again.\n<feedback>\nThanks — please also run the tests.\n</feedback>',
        ),
        env(cwd),
      ],
    },
    { role: 'assistant', content: [text('All 14 forecast tests pass now.')] },
  ]);
  const req = (ts: number, tokensIn: number, tokensOut: number, cost: number) => ({
    ts,
    type: 'say',
    say: 'api_req_started',
    text: JSON.stringify({ tokensIn, tokensOut, cost }),
    modelInfo: { providerId: 'anthropic', modelId: 'claude-sonnet-4-20250514', mode: 'act' },
  });
  write(join(dir, 'ui_messages.json'), [
    {
      ts: t,
      type: 'say',
      say: 'text',
      text: 'The forecast test fails since the date change, see the screenshot. Fix it.',
      images: [`data:image/png;base64,${PNG}`],
    },
    req(t + 800, 2840, 40, 0.009),
    { ts: t + 3100, type: 'ask', ask: 'command', text: 'npm test -- forecast' },
    req(t + 9100, 3020, 58, 0.0098),
    {
      ts: t + 12000,
      type: 'ask',
      ask: 'followup',
      text: JSON.stringify({
        question: 'Should the cache key use the local date or UTC?',
        options: ['Local date', 'UTC'],
      }),
    },
    req(t + 41000, 3110, 170, 0.0119),
    {
      ts: t + 47000,
      type: 'ask',
      ask: 'tool',
      text: JSON.stringify({ tool: 'editedExistingFile', path: 'src/cache.ts' }),
    },
    req(t + 80000, 3300, 60, 0.0108),
    {
      ts: t + 85000,
      type: 'say',
      say: 'completion_result',
      text: 'The cache key now uses the UTC date; the old key is still read for one release.',
    },
    { ts: t + 120000, type: 'say', say: 'user_feedback', text: 'Thanks — please also run the tests.' },
    req(t + 121000, 3400, 20, 0.0105),
    { ts: t + 126000, type: 'say', say: 'text', text: 'All 14 forecast tests pass now.' },
  ]);
  write(join(dir, 'task_metadata.json'), {
    files_in_context: [
      {
        path: 'src/cache.ts',
        record_state: 'active',
        record_source: 'cline_edited',
        cline_read_date: t + 47000,
        cline_edit_date: null,
      },
    ],
    model_usage: [
      { ts: t + 800, model_id: 'claude-sonnet-4-20250514', model_provider_id: 'anthropic', mode: 'act' },
    ],
  });
  write(join(CLINE, 'state', 'taskHistory.json'), [
    {
      id: '1726135200000',
      ts: 1726135222600,
      task: 'Add a --verbose flag to the CLI in src/cli.ts',
      tokensIn: 5320,
      tokensOut: 389,
      totalCost: 0.0217,
      size: 5120,
    },
    {
      id,
      ts: t + 126000,
      task: 'The forecast test fails since the date change, see the screenshot. Fix it.',
      tokensIn: 15670,
      tokensOut: 348,
      totalCost: 0.052,
      size: 9000,
      cwdOnTaskInitialization: cwd,
    },
  ]);
}

// 3. Cline 2026-01: entries carry ts/modelInfo, tool calls are `tool_use` blocks, results still user text.
{
  const id = '1768900000000';
  const t = Number(id);
  const dir = join(CLINE, 'tasks', id);
  const cwd = '/home/alice/code/todo-cli';
  const model = { modelId: 'claude-opus-4-5', providerId: 'anthropic', mode: 'act' };
  write(join(dir, 'api_conversation_history.json'), [
    {
      role: 'user',
      ts: t,
      content: [text('<task>\nList the TODO comments in src and count them\n</task>'), env(cwd)],
    },
    {
      role: 'assistant',
      ts: t + 2500,
      modelInfo: model,
      id: 'msg_01',
      content: [
        { type: 'thinking', thinking: 'A recursive search for TODO is enough.', signature: 'sig' },
        { type: 'tool_use', id: 'toolu_01', name: 'search_files', input: { path: 'src', regex: 'TODO' } },
      ],
    },
    {
      role: 'user',
      ts: t + 3000,
      content: [
        text("[search_files for 'TODO'] Result:"),
        text(
          'Found 2 results.\n\nsrc/cli.ts\n│----\n│// TODO: colour output\n│----\n\nsrc/store.ts\n│----\n│// TODO: atomic writes\n│----',
        ),
        env(cwd),
      ],
    },
    {
      role: 'assistant',
      ts: t + 5200,
      modelInfo: model,
      id: 'msg_02',
      content: [
        {
          type: 'tool_use',
          id: 'toolu_02',
          name: 'attempt_completion',
          input: {
            result: 'There are 2 TODO comments: colour output (src/cli.ts) and atomic writes (src/store.ts).',
          },
        },
      ],
    },
  ]);
  write(join(dir, 'ui_messages.json'), [
    { ts: t, type: 'say', say: 'text', text: 'List the TODO comments in src and count them' },
    {
      ts: t + 400,
      type: 'say',
      say: 'api_req_started',
      text: JSON.stringify({ tokensIn: 4100, tokensOut: 52 }),
      modelInfo: model,
    },
    {
      ts: t + 5200,
      type: 'say',
      say: 'completion_result',
      text: 'There are 2 TODO comments: colour output (src/cli.ts) and atomic writes (src/store.ts).',
    },
  ]);
  write(join(dir, 'task_metadata.json'), {
    files_in_context: [],
    model_usage: [{ ts: t + 400, model_id: 'claude-opus-4-5', model_provider_id: 'anthropic', mode: 'act' }],
    environment_history: [
      { os_name: 'linux', host_name: 'vscode', host_version: '1.107.0', cline_version: '3.51.0' },
    ],
  });
}

// 4. Cline, UI messages only (the history file was never written: the task was cancelled early).
{
  const id = '1769053680585';
  const t = Number(id);
  write(join(CLINE, 'tasks', id, 'ui_messages.json'), [
    { ts: t, type: 'say', say: 'text', text: 'Why is the release workflow skipped on tags?' },
    {
      ts: t + 600,
      type: 'say',
      say: 'api_req_started',
      text: JSON.stringify({ tokensIn: 3900, tokensOut: 120 }),
    },
    {
      ts: t + 2100,
      type: 'say',
      say: 'reasoning',
      text: 'The workflow filter probably only lists branches.',
    },
    {
      ts: t + 3300,
      type: 'say',
      say: 'tool',
      text: JSON.stringify({
        tool: 'readFile',
        path: '.github/workflows/release.yml',
        content: '/home/alice/code/todo-cli/.github/workflows/release.yml',
      }),
    },
    {
      ts: t + 5400,
      type: 'say',
      say: 'text',
      text: 'The `on.push` filter lists only `branches`, so tag pushes never match.',
    },
    { ts: t + 5500, type: 'say', say: 'error', text: 'Cline is having trouble. Request cancelled.' },
  ]);
  write(join(CLINE, 'tasks', id, 'task_metadata.json'), { files_in_context: [] });
}

// 5. Cline CLI/SDK sessions (2026-05) with a subagent session.
{
  const lead = 'sess_01JX2Q4ZQ7W5R8';
  const sub = 'sess_01JX2Q5B0M3K9T';
  const t = Date.UTC(2026, 4, 12, 14, 0, 0);
  const dirOf = (id: string) => join(CLINE_DATA, 'sessions', id);
  const model = { id: 'claude-sonnet-4-5', provider: 'anthropic', family: 'claude' };
  write(join(dirOf(lead), `${lead}.messages.json`), {
    version: 1,
    updated_at: new Date(t + 60000).toISOString(),
    agent: 'lead',
    sessionId: lead,
    messages: [
      { id: 'm1', role: 'user', ts: t, content: [text('Rename the package to todo-kit everywhere')] },
      {
        id: 'm2',
        role: 'assistant',
        ts: t + 4000,
        modelInfo: model,
        content: [
          text('I will let a subagent find every occurrence first.'),
          {
            type: 'tool_use',
            id: 'toolu_sub',
            name: 'use_subagents',
            input: { prompt_1: 'Find every file naming todo-cli' },
          },
        ],
      },
      {
        id: 'm3',
        role: 'user',
        ts: t + 30000,
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_sub', content: 'package.json, README.md, src/cli.ts' },
        ],
      },
      {
        id: 'm4',
        role: 'assistant',
        ts: t + 34000,
        modelInfo: model,
        content: [
          {
            type: 'tool_use',
            id: 'toolu_run',
            name: 'run_commands',
            input: { commands: ["sed -i 's/todo-cli/todo-kit/g' package.json README.md src/cli.ts"] },
          },
        ],
      },
      {
        id: 'm5',
        role: 'user',
        ts: t + 35000,
        content: [
          {
            type: 'tool_result',
            tool_use_id: 'toolu_run',
            content: 'sed: README.md: Permission denied',
            is_error: true,
          },
        ],
      },
      {
        id: 'm6',
        role: 'assistant',
        ts: t + 60000,
        modelInfo: model,
        content: [
          text('Renamed in package.json and src/cli.ts; README.md is read-only, so it still says todo-cli.'),
        ],
      },
    ],
  });
  write(join(dirOf(lead), `${lead}.json`), {
    session_id: lead,
    source: 'cli',
    started_at: new Date(t).toISOString(),
    ended_at: new Date(t + 60000).toISOString(),
    status: 'completed',
    provider: 'anthropic',
    model: 'claude-sonnet-4-5',
    cwd: '/home/alice/code/todo-cli',
    workspace_root: '/home/alice/code/todo-cli',
    metadata: { title: 'Rename the package to todo-kit', mode: 'act' },
    messages_path: join(dirOf(lead), `${lead}.messages.json`),
  });
  write(join(dirOf(sub), `${sub}.messages.json`), {
    version: 1,
    updated_at: new Date(t + 29000).toISOString(),
    agent: 'subagent',
    sessionId: sub,
    messages: [
      { id: 's1', role: 'user', ts: t + 5000, content: [text('Find every file naming todo-cli')] },
      {
        id: 's2',
        role: 'assistant',
        ts: t + 9000,
        modelInfo: model,
        content: [{ type: 'tool_use', id: 'toolu_grep', name: 'search', input: { pattern: 'todo-cli' } }],
      },
      {
        id: 's3',
        role: 'user',
        ts: t + 9500,
        content: [
          {
            type: 'tool_result',
            tool_use_id: 'toolu_grep',
            content: 'package.json:2\nREADME.md:1\nsrc/cli.ts:4',
          },
        ],
      },
      {
        id: 's4',
        role: 'assistant',
        ts: t + 29000,
        modelInfo: model,
        content: [text('package.json, README.md, src/cli.ts')],
      },
    ],
  });
  write(join(dirOf(sub), `${sub}.json`), {
    session_id: sub,
    parent_session_id: lead,
    source: 'cli',
    started_at: new Date(t + 5000).toISOString(),
    ended_at: new Date(t + 29000).toISOString(),
    status: 'completed',
    model: 'claude-sonnet-4-5',
    cwd: '/home/alice/code/todo-cli',
    metadata: { title: 'Find every file naming todo-cli' },
  });
}

// 6. Roo Code 2025-06: XML tools, no history_item.json; cwd only in the environment details.
{
  const id = '0b6f4c1e-7d2a-4e59-9c13-5a8e2f7d1b40';
  const t = Date.UTC(2025, 5, 3, 8, 15, 0);
  const dir = join(ROO, 'tasks', id);
  const roEnv = (extra = '') =>
    text(
      `<environment_details>\n# Current Workspace Directory (/home/alice/code/ledger) Files\nledger.csv\nsrc/\n\n# Current Mode\n<slug>code</slug>\n<name>💻 Code</name>\n<model>claude-3-7-sonnet-20250219</model>${extra}\n</environment_details>`,
    );
  write(join(dir, 'api_conversation_history.json'), [
    {
      role: 'user',
      ts: t,
      content: [text('<task>\nMake the totals line use two decimals\n</task>'), roEnv()],
    },
    {
      role: 'assistant',
      ts: t + 3000,
      content: [
        text(
          '<apply_diff>\n<path>src/report.ts</path>\n<diff>\n<<<<<<< SEARCH\n:start_line:12\n-------\ntotal.toString()\n=======\ntotal.toFixed(2)\n>>>>>>> REPLACE\n</diff>\n</apply_diff>',
        ),
      ],
    },
    {
      role: 'user',
      ts: t + 9000,
      content: [
        text("[apply_diff for 'src/report.ts'] Result:"),
        text('Changes successfully applied to src/report.ts'),
        roEnv(),
      ],
    },
    {
      role: 'assistant',
      ts: t + 11000,
      content: [
        text(
          '<attempt_completion>\n<result>\nThe totals line now prints two decimals.\n</result>\n</attempt_completion>',
        ),
      ],
    },
  ]);
  write(join(dir, 'ui_messages.json'), [
    { ts: t, type: 'say', say: 'text', text: 'Make the totals line use two decimals' },
    {
      ts: t + 500,
      type: 'say',
      say: 'api_req_started',
      text: JSON.stringify({ tokensIn: 9100, tokensOut: 120, cost: 0.029 }),
    },
    {
      ts: t + 11000,
      type: 'say',
      say: 'completion_result',
      text: 'The totals line now prints two decimals.',
    },
  ]);
  write(join(dir, 'task_metadata.json'), {
    files_in_context: [{ path: 'src/report.ts', record_state: 'active', record_source: 'roo_edited' }],
  });
}

// 7. Roo Code 2026-03: native tool calls, history_item.json, an orchestrator task delegating to a subtask.
{
  const parent = '5c2d7e90-1a4b-4f6c-8d3e-2b9a0c7f6e11';
  const child = '9e4a1b3c-6d8f-4a2e-b5c7-0f1e2d3c4b5a';
  const t = Date.UTC(2026, 2, 9, 16, 30, 0);
  const ws = '/home/alice/code/weather-app';
  const roEnv = text(
    `<environment_details>\n# Current Workspace Directory (${ws}) Files\nsrc/\n\n# Current Mode\n<slug>orchestrator</slug>\n</environment_details>`,
  );
  write(join(ROO, 'tasks', parent, 'api_conversation_history.json'), [
    {
      role: 'user',
      ts: t,
      content: [text('<task>\nAdd a units setting (metric/imperial) to the forecast page\n</task>'), roEnv],
    },
    {
      role: 'assistant',
      ts: t + 4000,
      content: [
        {
          type: 'tool_use',
          id: 'call_new_task_1',
          name: 'new_task',
          input: {
            mode: 'code',
            message: 'Add a units toggle to src/settings.ts and thread it through the forecast view',
          },
        },
      ],
    },
    {
      role: 'user',
      ts: t + 120000,
      content: [
        {
          type: 'tool_result',
          tool_use_id: 'call_new_task_1',
          content: 'Subtask completed: units toggle added and wired into ForecastView.',
        },
      ],
    },
    {
      role: 'assistant',
      ts: t + 125000,
      content: [
        {
          type: 'tool_use',
          id: 'call_done',
          name: 'attempt_completion',
          input: { result: 'Units can now be switched between metric and imperial in the settings.' },
        },
      ],
    },
  ]);
  write(join(ROO, 'tasks', parent, 'ui_messages.json'), [
    { ts: t, type: 'say', say: 'text', text: 'Add a units setting (metric/imperial) to the forecast page' },
    {
      ts: t + 121000,
      type: 'say',
      say: 'subtask_result',
      text: 'units toggle added and wired into ForecastView.',
    },
    {
      ts: t + 125000,
      type: 'say',
      say: 'completion_result',
      text: 'Units can now be switched between metric and imperial in the settings.',
    },
  ]);
  write(join(ROO, 'tasks', parent, 'history_item.json'), {
    id: parent,
    rootTaskId: parent,
    number: 4,
    ts: t + 125000,
    task: 'Add a units setting (metric/imperial) to the forecast page',
    tokensIn: 22000,
    tokensOut: 900,
    totalCost: 0.08,
    size: 7000,
    workspace: ws,
    mode: 'orchestrator',
    apiConfigName: 'default',
    status: 'completed',
    childIds: [child],
  });
  write(join(ROO, 'tasks', child, 'api_conversation_history.json'), [
    {
      role: 'user',
      ts: t + 5000,
      content: [
        text(
          '<task>\nAdd a units toggle to src/settings.ts and thread it through the forecast view\n</task>',
        ),
        roEnv,
      ],
    },
    {
      role: 'assistant',
      ts: t + 9000,
      content: [
        { type: 'tool_use', id: 'call_read_1', name: 'read_file', input: { path: 'src/settings.ts' } },
      ],
    },
    {
      role: 'user',
      ts: t + 9500,
      content: [
        {
          type: 'tool_result',
          tool_use_id: 'call_read_1',
          content: 'export const settings = { city: "Oslo" };',
        },
      ],
    },
    {
      role: 'assistant',
      ts: t + 118000,
      content: [
        {
          type: 'tool_use',
          id: 'call_done_c',
          name: 'attempt_completion',
          input: { result: 'units toggle added and wired into ForecastView.' },
        },
      ],
    },
  ]);
  write(join(ROO, 'tasks', child, 'ui_messages.json'), [
    {
      ts: t + 5000,
      type: 'say',
      say: 'text',
      text: 'Add a units toggle to src/settings.ts and thread it through the forecast view',
    },
    {
      ts: t + 118000,
      type: 'say',
      say: 'completion_result',
      text: 'units toggle added and wired into ForecastView.',
    },
  ]);
  write(join(ROO, 'tasks', child, 'history_item.json'), {
    id: child,
    rootTaskId: parent,
    parentTaskId: parent,
    number: 5,
    ts: t + 118000,
    task: 'Add a units toggle to src/settings.ts and thread it through the forecast view',
    workspace: ws,
    mode: 'code',
    status: 'completed',
  });
  write(join(ROO, 'tasks', '_index.json'), { version: 1, tasks: [parent, child] });
}

// 8. Kilo Code's extension (2025-09, before the OpenCode rebuild): files_in_context only, model in the mode block.
{
  const id = '3f8e2a6d-4b1c-4d7e-9a05-6c3b8e1f2d47';
  const t = Date.UTC(2025, 8, 22, 11, 5, 0);
  const dir = join(KILO, 'tasks', id);
  const kiloEnv = text(
    '<environment_details>\n# VSCode Visible Files\nledger.csv\n\n# Current Workspace Directory (/home/alice/code/ledger) Files\nledger.csv\n\n# Current Mode\n<slug>ask</slug>\n<name>Ask</name>\n<model>z-ai/glm-4.5-air:free</model>\n</environment_details>',
  );
  write(join(dir, 'api_conversation_history.json'), [
    {
      role: 'user',
      content: [text('<task>\nHow many rows in ledger.csv are duplicates?\n</task>'), kiloEnv],
    },
    {
      role: 'assistant',
      content: [
        text('<read_file>\n<args>\n  <file>\n    <path>ledger.csv</path>\n  </file>\n</args>\n</read_file>'),
      ],
    },
    {
      role: 'user',
      content: [
        text(
          '[read_file for \'ledger.csv\'] Result:\n<files>\n<file><path>ledger.csv</path>\n<content lines="1-4">\n1 | date,amount\n2 | 2025-09-01,12.00\n3 | 2025-09-01,12.00\n4 | 2025-09-02,7.50\n</content>\n</file>\n</files>',
        ),
        kiloEnv,
      ],
    },
    {
      role: 'assistant',
      content: [
        text(
          '<attempt_completion>\n<result>\nOne row is a duplicate: 2025-09-01,12.00 appears twice.\n</result>\n</attempt_completion>',
        ),
      ],
    },
  ]);
  write(join(dir, 'ui_messages.json'), [
    { ts: t, type: 'say', say: 'text', text: 'How many rows in ledger.csv are duplicates?' },
    {
      ts: t + 700,
      type: 'say',
      say: 'api_req_started',
      text: JSON.stringify({ tokensIn: 6800, tokensOut: 45, cost: 0, inferenceProvider: 'Chutes' }),
    },
    {
      ts: t + 4100,
      type: 'ask',
      ask: 'tool',
      text: JSON.stringify({ tool: 'readFile', path: 'ledger.csv' }),
    },
    {
      ts: t + 5000,
      type: 'say',
      say: 'api_req_started',
      text: JSON.stringify({ tokensIn: 7050, tokensOut: 38, cost: 0 }),
    },
    {
      ts: t + 8800,
      type: 'say',
      say: 'completion_result',
      text: 'One row is a duplicate: 2025-09-01,12.00 appears twice.',
    },
  ]);
  write(join(dir, 'task_metadata.json'), {
    files_in_context: [{ path: 'ledger.csv', record_state: 'active', record_source: 'read_tool' }],
  });
}
console.log(`wrote Cline, Roo Code and Kilo Code fixtures under ${home}`);

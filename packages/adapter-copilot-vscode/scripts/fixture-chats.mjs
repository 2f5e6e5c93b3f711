// The chats behind the committed fixtures (see make-fixtures.mjs), shaped like what Copilot Chat writes.

const uri = (path) => ({
  $mid: 1,
  fsPath: path,
  external: `file://${encodeURI(path)}`,
  path,
  scheme: 'file',
});
const at = (iso) => Date.parse(iso);
const agent = (id, name, modes) => ({
  extensionId: { value: 'GitHub.copilot-chat', _lower: 'github.copilot-chat' },
  extensionVersion: '0.31.2',
  publisherDisplayName: 'GitHub',
  extensionPublisherId: 'GitHub',
  extensionDisplayName: 'GitHub Copilot Chat',
  id,
  description: 'Ask Copilot',
  metadata: { themeIcon: { id: 'copilot' }, hasFollowups: false },
  name,
  fullName: 'GitHub Copilot',
  isDefault: true,
  locations: ['panel'],
  modes,
  slashCommands: [],
  disambiguation: [],
});
const prompt = (text) => ({
  text,
  parts: [
    {
      range: { start: 0, endExclusive: text.length },
      editorRange: { startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: text.length + 1 },
      text,
      kind: 'text',
    },
  ],
});
const md = (value) => ({ value, supportThemeIcons: false, supportHtml: false });

// ── invoice-api, generation 2 (.json): agent mode with tools, an edit, and a cancelled second request ──
const API = '/home/alice/code/invoice-api';
const ROUTE = `${API}/src/routes/invoices.ts`;
const readCall = 'toolu_vrtx_01HkV7RzN3qg8c2uFjW9aTeL__vscode-1760428934218';
const editCall = 'toolu_vrtx_01Q2mXbDk5yPLc7nR4sTvU8w__vscode-1760428934219';
const readInvocation = {
  kind: 'toolInvocationSerialized',
  invocationMessage: {
    value: `Reading [](file://${ROUTE})`,
    supportThemeIcons: false,
    supportHtml: false,
    uris: {},
  },
  pastTenseMessage: {
    value: `Read [](file://${ROUTE})`,
    supportThemeIcons: false,
    supportHtml: false,
    uris: {},
  },
  isConfirmed: { type: 1 },
  isComplete: false,
  toolCallId: '6f1d2c3b-4a5e-4f60-8a71-b2c3d4e5f607',
  toolId: 'copilot_readFile',
};

export const paginate = {
  version: 3,
  requesterUsername: 'alice',
  requesterAvatarIconUri: {
    $mid: 1,
    path: '/u/4242',
    scheme: 'https',
    authority: 'avatars.githubusercontent.com',
  },
  responderUsername: 'GitHub Copilot',
  responderAvatarIconUri: { id: 'copilot' },
  initialLocation: 'panel',
  requests: [
    {
      requestId: 'request_0d6f4b1e-2a3c-4d5e-9f80-a1b2c3d4e5f6',
      message: prompt(
        'The /invoices endpoint returns every row at once. Add cursor pagination with a `limit` query parameter (default 50).',
      ),
      variableData: {
        variables: [
          {
            id: 'vscode.implicit.viewport',
            name: 'file:invoices.ts',
            value: {
              uri: uri(ROUTE),
              range: { startLineNumber: 1, startColumn: 1, endLineNumber: 40, endColumn: 1 },
            },
            kind: 'file',
            isFile: true,
          },
          {
            id: `${API}/.github/copilot-instructions.md`,
            name: 'prompt:copilot-instructions.md',
            value: uri(`${API}/.github/copilot-instructions.md`),
            kind: 'promptFile',
            automaticallyAdded: true,
          },
        ],
      },
      response: [
        {
          kind: 'thinking',
          value:
            'The route loads all invoices into memory. A cursor on `id` keeps pages stable while new invoices arrive.',
          id: 'thinking_0',
        },
        md('I will read the route first.'),
        { kind: 'prepareToolInvocation', toolName: 'copilot_readFile' },
        readInvocation,
        { ...readInvocation, isComplete: true },
        md('The handler in '),
        { kind: 'inlineReference', inlineReference: uri(ROUTE) },
        md(' loads every row. Adding a cursor:\n'),
        {
          kind: 'toolInvocationSerialized',
          invocationMessage: { value: `Editing [](file://${ROUTE})` },
          pastTenseMessage: { value: `Edited [](file://${ROUTE})` },
          isConfirmed: { type: 1 },
          isComplete: true,
          toolCallId: '7a2e3d4c-5b6f-4071-9b82-c3d4e5f60718',
          toolId: 'copilot_replaceString',
        },
        md('\n```\n'),
        { kind: 'codeblockUri', uri: uri(ROUTE), isEdit: true },
        {
          kind: 'textEditGroup',
          uri: uri(ROUTE),
          edits: [
            [
              {
                text: '  const limit = Math.min(Number(req.query.limit ?? 50), 200);\n  const rows = await db.invoices.after(req.query.cursor, limit);\n',
                range: { startLineNumber: 14, startColumn: 1, endLineNumber: 14, endColumn: 46 },
              },
            ],
          ],
          done: true,
        },
        md('\n```\n'),
        { kind: 'undoStop', id: 'a4f2c9e1-0b3d-4e5f-8a6b-7c8d9e0f1a2b' },
        md('Pages now end with `nextCursor`; the default page is 50 rows and `limit` is capped at 200.'),
      ],
      responseId: 'response_3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7',
      result: {
        timings: { firstProgress: 1840, totalElapsed: 21437 },
        details: 'Claude Sonnet 4 • 1x',
        metadata: {
          codeBlocks: [],
          toolCallRounds: [
            {
              response: 'I will read the route first.',
              toolCalls: [
                {
                  name: 'read_file',
                  arguments: JSON.stringify({ filePath: ROUTE, startLine: 1, endLine: 40 }),
                  id: readCall,
                },
              ],
              toolInputRetry: 0,
              id: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
            },
            {
              response: 'The handler loads every row. Adding a cursor:',
              toolCalls: [
                {
                  name: 'replace_string_in_file',
                  arguments: JSON.stringify({
                    filePath: ROUTE,
                    oldString: '  const rows = await db.invoices.all();',
                    newString:
                      '  const limit = Math.min(Number(req.query.limit ?? 50), 200);\n  const rows = await db.invoices.after(req.query.cursor, limit);',
                  }),
                  id: editCall,
                },
              ],
              toolInputRetry: 0,
              id: 'd2e3f4a5-b6c7-4d8e-9f0a-1b2c3d4e5f60',
            },
          ],
          toolCallResults: {
            [readCall]: {
              $mid: 20,
              content: [
                {
                  $mid: 21,
                  value:
                    "import { Router } from 'express';\nimport { db } from '../db';\n\nexport const invoices = Router();\n\ninvoices.get('/', async (req, res) => {\n  const rows = await db.invoices.all();\n  res.json({ rows });\n});\n",
                },
              ],
            },
            [editCall]: {
              $mid: 20,
              content: [{ $mid: 21, value: `The following files were successfully edited:\n${ROUTE}` }],
            },
          },
          modelMessageId: '8b9c0d1e-2f3a-4b5c-9d6e-7f8a9b0c1d2e',
          responseId: '9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f',
          sessionId: '0d1e2f3a-4b5c-4d6e-9f7a-8b9c0d1e2f3a',
          agentId: 'github.copilot.editsAgent',
        },
      },
      followups: [],
      isCanceled: false,
      agent: agent('github.copilot.editsAgent', 'agent', ['agent']),
      contentReferences: [
        { kind: 'reference', reference: uri(ROUTE) },
        { kind: 'reference', reference: uri(`${API}/src/db.ts`) },
      ],
      codeCitations: [],
      timestamp: at('2025-10-14T08:02:11.000Z'),
      modelId: 'copilot/claude-sonnet-4',
    },
    {
      requestId: 'request_1e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b',
      message: prompt('Run the invoice tests.'),
      variableData: { variables: [] },
      response: [
        md('Running the invoice suite:'),
        {
          kind: 'toolInvocationSerialized',
          invocationMessage: 'Running `npm test -- invoices`',
          isConfirmed: { type: 1 },
          isComplete: false,
          toolCallId: '8b3f4e5d-6c70-4182-ac93-d4e5f6071829',
          toolId: 'run_in_terminal',
          toolSpecificData: {
            kind: 'terminal',
            commandLine: { original: 'npm test -- invoices' },
            language: 'sh',
          },
        },
      ],
      responseId: 'response_2f3a4b5c-6d7e-4f8a-9b0c-1d2e3f4a5b6c',
      result: { timings: { totalElapsed: 1 } },
      followups: [],
      isCanceled: true,
      agent: agent('github.copilot.editsAgent', 'agent', ['agent']),
      contentReferences: [],
      codeCitations: [],
      timestamp: at('2025-10-14T08:05:40.000Z'),
      modelId: 'copilot/claude-sonnet-4',
    },
  ],
  sessionId: 'a3c17e52-9d0b-4f6e-8a21-5c4b3d2e1f0a',
  creationDate: at('2025-10-14T08:01:58.000Z'),
  isImported: false,
  lastMessageDate: at('2025-10-14T08:05:40.000Z'),
  customTitle: 'Paginate the invoices endpoint',
};

// ── invoice-api, generation 3 (.jsonl): replayed; an older .json copy of the same chat sits beside it ──
export const hangingTestId = 'b7d2f4a6-1c3e-4b5d-9e8f-0a1b2c3d4e5f';
const SETUP = `${API}/test/setup.ts`;
const askWhy = {
  requestId: 'request_4b5c6d7e-8f9a-4b0c-9d1e-2f3a4b5c6d7e',
  timestamp: at('2026-03-11T15:20:04.000Z'),
  agent: agent('github.copilot.editsAgent', 'agent', ['agent']),
  message: prompt('Why does `npm test` hang after the invoices suite?'),
  variableData: { variables: [] },
  response: [],
  modelId: 'copilot/gpt-4.1',
};
const startState = {
  version: 3,
  creationDate: at('2026-03-11T15:19:51.000Z'),
  initialLocation: 'panel',
  responderUsername: 'GitHub Copilot',
  sessionId: hangingTestId,
  hasPendingEdits: false,
  requests: [],
  pendingRequests: [],
  inputState: {
    attachments: [],
    mode: { id: 'agent', kind: 'agent' },
    inputText: '',
    selections: [],
    contrib: {},
  },
};
const lsof = 'toolu_vrtx_01Lsof9xYpQ2aB3cD4eF5gH6__vscode-1773242404001';
const whyAnswer = [
  md('The pool opened in '),
  { kind: 'inlineReference', inlineReference: uri(SETUP) },
  md(' is never closed, so Node waits for its sockets. Checking which handles stay open:'),
  {
    kind: 'toolInvocationSerialized',
    invocationMessage: 'Running `npx jest --detectOpenHandles test/invoices`',
    isConfirmed: { type: 1 },
    isComplete: true,
    toolCallId: '9c4a5f6e-7d81-4293-bda4-e5f60718293a',
    toolId: 'run_in_terminal',
    toolSpecificData: {
      kind: 'terminal',
      commandLine: { original: 'npx jest --detectOpenHandles test/invoices' },
      language: 'sh',
      terminalCommandState: { exitCode: 0 },
    },
  },
  md('One `TCPWRAP` handle from `pg` stays open: the pool needs an `afterAll(() => pool.end())`.'),
];
export const hangingTestLog = [
  { kind: 0, v: startState },
  { kind: 2, k: ['requests'], v: [askWhy] },
  { kind: 1, k: ['inputState', 'inputText'], v: '' },
  // Streaming: the first fragment is replaced by the settled reply (truncate to 0, then append).
  { kind: 2, k: ['requests', 0, 'response'], v: [md('Checking the test setup…')] },
  { kind: 2, k: ['requests', 0, 'response'], v: whyAnswer, i: 0 },
  {
    kind: 1,
    k: ['requests', 0, 'result'],
    v: {
      timings: { firstProgress: 950, totalElapsed: 8123 },
      metadata: {
        toolCallRounds: [
          {
            response: '',
            toolCalls: [
              {
                name: 'run_in_terminal',
                arguments: JSON.stringify({
                  command: 'npx jest --detectOpenHandles test/invoices',
                  explanation: 'List open handles',
                  isBackground: false,
                }),
                id: lsof,
              },
            ],
            toolInputRetry: 0,
            id: 'r1',
          },
        ],
        toolCallResults: {
          [lsof]: {
            content: [
              {
                value:
                  'Jest has detected the following 1 open handle potentially keeping Jest from exiting:\n\n  ●  TCPWRAP\n\n      at Pool.connect (node_modules/pg-pool/index.js:45:11)',
              },
            ],
          },
        },
        agentId: 'github.copilot.editsAgent',
      },
    },
  },
  { kind: 1, k: ['customTitle'], v: 'Pool left open' },
  {
    kind: 2,
    k: ['requests'],
    v: [
      {
        requestId: 'request_5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f',
        timestamp: at('2026-03-11T15:22:30.000Z'),
        agent: agent('github.copilot.editsAgent', 'agent', ['agent']),
        message: prompt('Add the afterAll hook.'),
        variableData: { variables: [{ id: 'file', name: 'file:setup.ts', value: uri(SETUP), kind: 'file' }] },
        response: [],
        modelId: 'copilot/auto',
      },
    ],
  },
  {
    kind: 2,
    k: ['requests', 1, 'response'],
    v: [
      {
        kind: 'textEditGroup',
        uri: uri(SETUP),
        edits: [
          [
            {
              text: 'afterAll(async () => {\n  await pool.end();\n});\n',
              range: { startLineNumber: 31, startColumn: 1, endLineNumber: 31, endColumn: 1 },
            },
          ],
        ],
        done: true,
      },
      md('Added the `afterAll` hook; `npm test` exits once the suite is done.'),
    ],
  },
  // A failed first try is recorded, then cleared when the retry succeeds (a delete entry).
  {
    kind: 1,
    k: ['requests', 1, 'result'],
    v: {
      timings: { firstProgress: 700, totalElapsed: 5210 },
      errorDetails: { message: 'Request timed out, retrying.' },
      metadata: { resolvedModel: 'gpt-5-mini' },
    },
  },
  { kind: 3, k: ['requests', 1, 'result', 'errorDetails'] },
  { kind: 1, k: ['customTitle'], v: 'Fix the hanging invoices test' },
];
/** The same chat as VS Code 1.108 saved it before the log replaced the file: one request, an older title. */
export const hangingTestEarlier = {
  ...startState,
  customTitle: 'Pool left open',
  requests: [{ ...askWhy, response: [md('Checking the test setup…')] }],
  lastMessageDate: askWhy.timestamp,
};

export const emptyChat = {
  kind: 0,
  v: {
    ...startState,
    sessionId: 'e0e1e2e3-e4e5-4e6e-8e7e-8e9eaebecede',
    creationDate: at('2026-03-12T09:00:00.000Z'),
  },
};

// ── billing on a remote machine (SSH), generation 2: a failing command, then an error that ends the reply ──
const migrate = 'call_Zq8Yx7Wv6Ut5Sr4Qp3On2Ml1__vscode-1761300000001';
export const migrations = {
  version: 3,
  requesterUsername: 'alice',
  responderUsername: 'GitHub Copilot',
  initialLocation: 'panel',
  requests: [
    {
      requestId: 'request_6d7e8f9a-0b1c-4d2e-9f3a-4b5c6d7e8f9a',
      message: prompt('Run the migrations and tell me what failed.'),
      variableData: { variables: [] },
      response: [
        {
          kind: 'toolInvocationSerialized',
          invocationMessage: 'Running `npm run migrate`',
          pastTenseMessage: 'Ran `npm run migrate`',
          isConfirmed: { type: 1 },
          isComplete: true,
          toolCallId: 'ab5c6d7e-8f90-41a2-b3c4-d5e6f708192a',
          toolId: 'run_in_terminal',
          toolSpecificData: {
            kind: 'terminal',
            commandLine: { original: 'npm run migrate' },
            language: 'sh',
            terminalCommandState: { exitCode: 1 },
          },
        },
        md('Migration `0007_add_invoice_currency` fails: the column already exists on the remote database.'),
      ],
      result: {
        timings: { firstProgress: 1200, totalElapsed: 9400 },
        errorDetails: {
          message:
            "Sorry, you have exhausted this model's rate limit. Please wait a moment before trying again.",
          responseIsIncomplete: true,
        },
        metadata: {
          toolCallRounds: [
            {
              response: '',
              toolCalls: [
                {
                  name: 'run_in_terminal',
                  arguments: JSON.stringify({
                    command: 'npm run migrate',
                    explanation: 'Run the pending migrations',
                    isBackground: false,
                  }),
                  id: migrate,
                },
              ],
              toolInputRetry: 0,
              id: 'm1',
            },
          ],
          toolCallResults: {
            [migrate]: {
              content: [
                {
                  value:
                    '> billing@2.3.0 migrate\n> knex migrate:latest\n\nmigration file "0007_add_invoice_currency.js" failed\nerror: column "currency" of relation "invoices" already exists',
                },
              ],
            },
          },
        },
      },
      followups: [],
      isCanceled: false,
      agent: agent('github.copilot.editsAgent', 'agent', ['agent']),
      contentReferences: [],
      codeCitations: [],
      timestamp: at('2025-10-24T10:00:00.000Z'),
      modelId: 'copilot/gpt-4.1',
    },
  ],
  sessionId: 'c5e7a9b1-3d4f-4a6b-8c0d-2e4f6a8b0c1d',
  creationDate: at('2025-10-24T09:59:40.000Z'),
  isImported: false,
  lastMessageDate: at('2025-10-24T10:00:00.000Z'),
};

// ── legacy-ledger on Windows, generation 1: the chats live in the window's state.vscdb ──
const LEDGER = 'c:\\Users\\alice\\projects\\legacy-ledger\\src\\ledger.js';
const ledgerUri = {
  $mid: 1,
  fsPath: LEDGER,
  external: 'file:///c%3A/Users/alice/projects/legacy-ledger/src/ledger.js',
  path: '/c:/Users/alice/projects/legacy-ledger/src/ledger.js',
  scheme: 'file',
};
export const legacySessions = [
  {
    version: 2,
    sessionId: 'd1f3b5c7-9e0a-4c2b-8d4f-6a8c0e2b4d6f',
    creationDate: at('2024-11-05T14:30:00.000Z'),
    isImported: false,
    requesterUsername: 'alice',
    responderUsername: 'GitHub Copilot',
    initialLocation: 'panel',
    requests: [
      {
        message: prompt('/explain what does parseLedger return for an empty file?'),
        variableData: { variables: [] },
        response: [
          md('`parseLedger` returns `{ entries: [], balance: 0 }` for an empty file: the reducer in '),
          { kind: 'inlineReference', inlineReference: ledgerUri },
          md(' starts from that value and never runs.'),
        ],
        result: {
          metadata: {
            modelMessageId: 'f0e1d2c3-b4a5-4968-8776-655443322110',
            responseId: 'e1d2c3b4-a596-4877-8665-544332211009',
            sessionId: 'a9b8c7d6-e5f4-4a3b-9c2d-1e0f9a8b7c6d',
            agentId: 'github.copilot.default',
          },
        },
        followups: [
          { kind: 'reply', message: 'How do I make it throw instead?', agentId: 'github.copilot.default' },
        ],
        isCanceled: false,
        agent: agent('github.copilot.default', 'GitHubCopilot', undefined),
        slashCommand: { name: 'explain', description: 'Explain how the code in your active editor works' },
        contentReferences: [{ kind: 'reference', reference: ledgerUri }],
      },
    ],
  },
  {
    version: 2,
    sessionId: 'f2a4c6e8-0b1d-4f3a-9c5e-7b9d1f3a5c7e',
    creationDate: at('2024-11-06T08:00:00.000Z'),
    isImported: false,
    requesterUsername: 'alice',
    responderUsername: 'GitHub Copilot',
    initialLocation: 'panel',
    requests: [],
  },
];

// ── an empty window, generation 2 as VS Code 1.108 wrote it: the second request never got a reply ──
export const gitUndo = {
  version: 3,
  responderUsername: 'GitHub Copilot',
  initialLocation: 'panel',
  requests: [
    {
      requestId: 'request_7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a0b',
      timestamp: at('2026-01-21T19:45:12.000Z'),
      agent: agent('github.copilot.default', 'GitHubCopilot', ['ask']),
      message: prompt('How do I undo the last git commit but keep the changes?'),
      variableData: { variables: [] },
      response: [
        md(
          'Use a soft reset:\n\n```sh\ngit reset --soft HEAD~1\n```\n\nThe commit is gone and its changes stay staged.',
        ),
      ],
      result: {
        timings: { firstProgress: 610, totalElapsed: 2380 },
        details: 'GPT-4o • 0x',
        metadata: { agentId: 'github.copilot.default' },
      },
      responseId: 'response_8f9a0b1c-2d3e-4f4a-9b5c-6d7e8f9a0b1c',
      isCanceled: false,
      modelId: 'copilot/gpt-4o',
    },
    {
      requestId: 'request_9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
      timestamp: at('2026-01-21T19:46:03.000Z'),
      agent: agent('github.copilot.default', 'GitHubCopilot', ['ask']),
      message: prompt('And if I already pushed it?'),
      variableData: { variables: [] },
      response: [],
      modelId: 'copilot/gpt-4o',
    },
  ],
  sessionId: 'e4a6c8e0-2b3d-4f5a-8c7e-9b1d3f5a7c9e',
  creationDate: at('2026-01-21T19:45:02.000Z'),
  isImported: false,
  lastMessageDate: at('2026-01-21T19:46:03.000Z'),
  hasPendingEdits: false,
  inputState: {
    attachments: [],
    mode: { id: 'ask', kind: 'ask' },
    inputText: '',
    selections: [],
    contrib: {},
  },
};

// ── weather station in VS Code Insiders, generation 3: a log compacted to one snapshot; an MCP tool ──
export const triage = {
  kind: 0,
  v: {
    version: 3,
    creationDate: at('2026-04-02T07:10:00.000Z'),
    initialLocation: 'panel',
    responderUsername: 'GitHub Copilot',
    sessionId: 'f6b8d0a2-4c5e-4a7b-9d9f-1a3c5e7b9d1f',
    hasPendingEdits: false,
    customTitle: 'Triage the open issues',
    requests: [
      {
        requestId: 'request_0b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e',
        timestamp: at('2026-04-02T07:10:09.000Z'),
        agent: agent('github.copilot.editsAgent', 'agent', ['agent']),
        message: prompt('Which open issues are about the sensors?'),
        variableData: { variables: [] },
        response: [
          {
            kind: 'toolInvocationSerialized',
            invocationMessage: { value: 'Running `list_issues`' },
            pastTenseMessage: { value: 'Ran `list_issues`' },
            isConfirmed: { type: 1 },
            isComplete: true,
            source: { type: 'mcp', label: 'GitHub', serverLabel: 'github', definitionId: 'github' },
            resultDetails: {
              input: JSON.stringify({ owner: 'alice', repo: 'weather-station', state: 'open' }),
              output: [
                {
                  type: 'embed',
                  isText: true,
                  value:
                    '[{"number":12,"title":"Sensor drift after midnight"},{"number":15,"title":"Dark mode for the dashboard"}]',
                },
              ],
            },
            toolCallId: 'bc6d7e8f-9012-43b4-85c6-e7f8091a2b3c',
            toolId: 'mcp_github_list_issues',
          },
          md('Only #12, *Sensor drift after midnight*, is about the sensors.'),
        ],
        result: {
          timings: { firstProgress: 1500, totalElapsed: 6400 },
          metadata: { resolvedModel: 'claude-sonnet-4.5' },
        },
        modelId: 'copilot/auto',
      },
    ],
    pendingRequests: [],
  },
};

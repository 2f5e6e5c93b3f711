import type { SessionSpec } from './fixture-db.ts';

// The sessions of the committed fixture projects. Times are Unix seconds, as Crush writes them.
const text = (t: string) => ({ type: 'text', data: { text: t } });
const finish = (reason: string, time: number, extra: Record<string, unknown> = {}) => ({
  type: 'finish',
  data: { reason, time, ...extra },
});
const MODEL = { model: 'claude-sonnet-4-5-20250929', provider: 'anthropic' };
// A 1×1 PNG pasted into the prompt.
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** `code/todo-cli`: schema 20250627 (the generation of most real stores), checkpointed. */
export const todoCli: SessionSpec[] = [
  {
    id: '6f1c2b9e-3d4a-4c8b-9e7f-0a1b2c3d4e5f',
    title: '<think>\nThe user wants JSON output; a short title.\n</think>\n\nAdd a --json output flag',
    at: 1754035200, // 2025-08-01 08:00:00 UTC
    promptTokens: 8120,
    completionTokens: 410,
    cost: 0.0305,
    messages: [
      { id: 'm-1', role: 'user', at: 1754035200, parts: [text('Add a --json flag to `todo list`')] },
      {
        id: 'm-2',
        role: 'assistant',
        at: 1754035204,
        ...MODEL,
        parts: [
          {
            type: 'reasoning',
            data: {
              thinking: 'Find the list command first.',
              signature: 'EqQB…',
              started_at: 1754035201,
              finished_at: 1754035202,
            },
          },
          text('Looking at the list command.'),
          {
            type: 'tool_call',
            data: {
              id: 'toolu_01VIEW',
              name: 'view',
              input: '{"file_path":"/home/alice/code/todo-cli/src/list.ts"}',
              finished: true,
              type: '',
            },
          },
          finish('tool_use', 1754035204),
        ],
      },
      {
        id: 'm-3',
        role: 'tool',
        at: 1754035205,
        parts: [
          {
            type: 'tool_result',
            data: {
              tool_call_id: 'toolu_01VIEW',
              name: 'view',
              content:
                '<file>\n     1|export function list(items) {\n     2|  for (const i of items) console.log(i.title);\n     3|}\n</file>',
              metadata: '',
              is_error: false,
            },
          },
        ],
      },
      {
        id: 'm-4',
        role: 'assistant',
        at: 1754035230,
        ...MODEL,
        parts: [
          text('Added `--json`: `todo list --json` prints the items as a JSON array.'),
          finish('end_turn', 1754035230),
        ],
      },
    ],
  },
  {
    id: '8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d',
    title: 'New Session',
    at: 1754038800,
    messages: [
      { id: 'm-5', role: 'user', at: 1754038800, parts: [text('Run the whole test suite')] },
      {
        id: 'm-6',
        role: 'assistant',
        at: 1754038803,
        ...MODEL,
        parts: [
          {
            type: 'tool_call',
            data: { id: 'toolu_02BASH', name: 'bash', input: '{"command":"npm test"}', finished: true },
          },
          finish('canceled', 1754038810),
        ],
      },
      {
        id: 'm-7',
        role: 'tool',
        at: 1754038810,
        parts: [
          {
            type: 'tool_result',
            data: {
              tool_call_id: 'toolu_02BASH',
              name: 'bash',
              content: 'Tool execution canceled by user',
              is_error: true,
            },
          },
        ],
      },
    ],
  },
];

/** `code/weather-app`: the newest schema (20260127), everything still in the write-ahead log; a subagent. */
export const weatherApp: SessionSpec[] = [
  {
    id: 'b3c4d5e6-f7a8-4b9c-8d0e-1f2a3b4c5d6e',
    title: 'Cache forecasts per day',
    at: 1767002400, // 2025-12-29 10:00:00 UTC
    promptTokens: 21400,
    completionTokens: 1290,
    cost: 0.083,
    summaryMessageId: 'w-8',
    messages: [
      {
        id: 'w-1',
        role: 'user',
        at: 1767002400,
        parts: [
          text('Forecasts are fetched on every page view. Cache them per day, see the profile.'),
          {
            type: 'binary',
            data: { Path: '/home/alice/Desktop/profile.png', MIMEType: 'image/png', Data: PNG },
          },
        ],
      },
      {
        id: 'w-2',
        role: 'assistant',
        at: 1767002406,
        ...MODEL,
        parts: [
          text('Let me find where the forecast is fetched.'),
          {
            type: 'tool_call',
            data: {
              id: 'call_agent_7Qk2',
              name: 'agent',
              input: '{"prompt":"Find every place that fetches the forecast API"}',
              finished: true,
            },
          },
          finish('tool_use', 1767002406),
        ],
      },
      {
        id: 'w-5',
        role: 'tool',
        at: 1767002440,
        parts: [
          {
            type: 'tool_result',
            data: {
              tool_call_id: 'call_agent_7Qk2',
              name: 'agent',
              content: 'src/api.ts:12 fetchForecast(); src/page.ts:30 calls it on every render.',
              is_error: false,
            },
          },
        ],
      },
      {
        id: 'w-6',
        role: 'assistant',
        at: 1767002470,
        ...MODEL,
        parts: [
          {
            type: 'tool_call',
            data: {
              id: 'toolu_03EDIT',
              name: 'edit',
              input:
                '{"file_path":"src/api.ts","old_string":"return fetchForecast()","new_string":"return cached(today(), fetchForecast)"}',
              finished: true,
            },
          },
          finish('tool_use', 1767002470),
        ],
      },
      {
        id: 'w-7',
        role: 'tool',
        at: 1767002471,
        parts: [
          {
            type: 'tool_result',
            data: {
              tool_call_id: 'toolu_03EDIT',
              name: 'edit',
              content: 'old_string not found in file',
              is_error: true,
            },
          },
        ],
      },
      {
        id: 'w-8',
        role: 'assistant',
        at: 1767002600,
        summary: true,
        ...MODEL,
        parts: [
          text(
            'Summary so far: forecasts are fetched in src/api.ts; the first edit missed because the line differs.',
          ),
          finish('end_turn', 1767002600),
        ],
      },
      {
        id: 'w-9',
        role: 'user',
        at: 1767002700,
        parts: [
          {
            type: 'shell_command',
            data: {
              command: 'grep -n fetchForecast src/api.ts',
              output: '12:  return fetchForecast(city)',
              exit_code: 0,
            },
          },
          text('That is the line.'),
        ],
      },
      {
        id: 'w-10',
        role: 'assistant',
        at: 1767002720,
        ...MODEL,
        parts: [
          text('The provider returned an error before answering.'),
          finish('error', 1767002720, { message: 'Overloaded', details: 'anthropic: 529' }),
        ],
      },
    ],
  },
  {
    id: 'call_agent_7Qk2',
    parent: 'b3c4d5e6-f7a8-4b9c-8d0e-1f2a3b4c5d6e',
    title: 'Find every place that fetches the forecast API',
    at: 1767002407,
    messages: [
      {
        id: 'w-3',
        role: 'user',
        at: 1767002407,
        parts: [text('Find every place that fetches the forecast API')],
      },
      {
        id: 'w-4',
        role: 'assistant',
        at: 1767002439,
        model: 'claude-haiku-4-5',
        provider: 'anthropic',
        parts: [
          {
            type: 'tool_call',
            data: { id: 'toolu_04GREP', name: 'grep', input: '{"pattern":"fetchForecast"}', finished: true },
          },
          text('src/api.ts:12 fetchForecast(); src/page.ts:30 calls it on every render.'),
          finish('end_turn', 1767002439),
        ],
      },
    ],
  },
];

/** `code/ledger`: the first schema (20250424: no provider, no summary columns). */
export const ledger: SessionSpec[] = [
  {
    id: '0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6',
    title: 'Sum the ledger by month',
    at: 1746090000, // 2025-05-01 09:00:00 UTC
    messages: [
      { id: 'l-1', role: 'user', at: 1746090000, parts: [text('Sum ledger.csv by month')] },
      {
        id: 'l-2',
        role: 'assistant',
        at: 1746090012,
        model: 'gpt-4.1',
        parts: [text('2025-04: 1,204.50\n2025-05: 310.00'), finish('end_turn', 1746090012)],
      },
    ],
  },
];

// Invented OpenCode sessions, shaped like the format notes. Shared by the tests and the fixture script.
import type { FixtureSession } from './fixture-db.js';

const t = (iso: string) => Date.parse(iso);
const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==';
const WEATHER = '/home/alice/code/weather-app';
const LEDGER = '/home/alice/code/ledger';
const assistant = (created: string, extra: Record<string, unknown> = {}) => ({
  role: 'assistant',
  time: { created: t(created), completed: t(created) + 4000 },
  modelID: 'claude-sonnet-4-5',
  providerID: 'anthropic',
  mode: 'build',
  ...extra,
});
const user = (created: string) => ({ role: 'user', time: { created: t(created) } });

export const ROOT_ID = 'ses_01JNV8QWX4B0C2D3E4F5G6H7J8';
export const CHILD_ID = 'ses_01JNV8RZK9M1N2P3Q4R5S6T7V8';
export const PLACEHOLDER_ID = 'ses_01JP2ZA7B8C9D0E1F2G3H4J5K6';
export const STORAGE_ONLY_ID = 'ses_01HXQ3M4N5P6Q7R8S9T0V1W2X3';
export const STORAGE_CHILD_ID = 'ses_01HXQ3N9Z8Y7X6W5V4T3S2R1Q0';

/** A root session with tool calls, a file, a patch, an aborted turn, and a subagent child. */
export const rootSession: FixtureSession = {
  id: ROOT_ID,
  projectId: 'prj_weather',
  directory: WEATHER,
  title: 'Add hourly forecast endpoint',
  version: '1.2.4',
  created: t('2026-03-05T10:00:00.000Z'),
  updated: t('2026-03-05T10:09:30.000Z'),
  messages: [
    {
      id: 'msg_01JNV8QX0000000000000001',
      time: t('2026-03-05T10:00:01.000Z'),
      data: user('2026-03-05T10:00:01.000Z'),
      parts: [
        {
          id: 'prt_01JNV8QX0000000000000001',
          data: { type: 'text', text: 'Add a /forecast/hourly endpoint that returns the next 24 hours.' },
        },
        {
          id: 'prt_01JNV8QX0000000000000002',
          data: {
            type: 'file',
            mime: 'image/png',
            filename: 'mockup.png',
            url: `data:image/png;base64,${PNG_1X1}`,
          },
        },
        {
          id: 'prt_01JNV8QX0000000000000003',
          data: {
            type: 'text',
            synthetic: true,
            text: 'Called the Read tool with the following input: {"filePath":"src/routes/index.ts"}',
          },
        },
      ],
    },
    {
      id: 'msg_01JNV8QX0000000000000002',
      time: t('2026-03-05T10:00:05.000Z'),
      data: assistant('2026-03-05T10:00:05.000Z'),
      parts: [
        { id: 'prt_01JNV8QX0000000000000010', data: { type: 'step-start' } },
        {
          id: 'prt_01JNV8QX0000000000000011',
          data: {
            type: 'reasoning',
            text: 'Routes are registered centrally; I should find the registry before adding a handler.',
            time: { start: t('2026-03-05T10:00:05.500Z') },
          },
        },
        {
          id: 'prt_01JNV8QX0000000000000012',
          data: {
            type: 'text',
            text: "I'll find where routes are registered, then add the handler and a test.",
          },
        },
        {
          id: 'prt_01JNV8QX0000000000000013',
          data: {
            type: 'tool',
            callID: 'toolu_task_01',
            tool: 'task',
            state: {
              status: 'completed',
              input: {
                description: 'Find route registration',
                prompt: 'Find where routes are registered',
                subagent_type: 'explore',
              },
              output: 'Routes are registered in src/routes/index.ts.',
              title: 'Find route registration',
              time: { start: t('2026-03-05T10:00:06.000Z'), end: t('2026-03-05T10:01:10.000Z') },
            },
          },
        },
        {
          id: 'prt_01JNV8QX0000000000000014',
          data: {
            type: 'tool',
            callID: 'toolu_read_02',
            tool: 'read',
            state: {
              status: 'completed',
              input: { filePath: `${WEATHER}/src/routes/index.ts` },
              output: 'export const routes = [daily];\n',
              time: { start: t('2026-03-05T10:01:12.000Z'), end: t('2026-03-05T10:01:12.200Z') },
            },
          },
        },
        {
          id: 'prt_01JNV8QX0000000000000015',
          data: {
            type: 'tool',
            callID: 'toolu_bash_03',
            tool: 'bash',
            state: {
              status: 'error',
              input: { command: 'npm test -- hourly', description: 'Run hourly tests' },
              error: 'Command failed: npm test -- hourly\n1 failing: hourly returns 24 entries',
              time: { start: t('2026-03-05T10:02:00.000Z'), end: t('2026-03-05T10:02:09.000Z') },
            },
          },
        },
        {
          id: 'prt_01JNV8QX0000000000000016',
          data: {
            type: 'patch',
            hash: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
            files: [`${WEATHER}/src/routes/hourly.ts`, `${WEATHER}/src/routes/index.ts`],
          },
        },
        {
          id: 'prt_01JNV8QX0000000000000017',
          data: {
            type: 'step-finish',
            reason: 'tool-calls',
            cost: 0.0123,
            tokens: { input: 5120, output: 310 },
          },
        },
      ],
    },
    {
      id: 'msg_01JNV8QX0000000000000003',
      time: t('2026-03-05T10:05:00.000Z'),
      data: assistant('2026-03-05T10:05:00.000Z'),
      parts: [
        {
          id: 'prt_01JNV8QX0000000000000020',
          data: { type: 'text', text: 'The endpoint is in place; hourly tests pass now.' },
        },
        {
          id: 'prt_01JNV8QX0000000000000021',
          data: {
            type: 'tool',
            callID: 'toolu_edit_04',
            tool: 'edit',
            state: { status: 'running', input: { filePath: `${WEATHER}/README.md` } },
          },
        },
      ],
    },
    {
      id: 'msg_01JNV8QX0000000000000004',
      time: t('2026-03-05T10:09:00.000Z'),
      data: user('2026-03-05T10:09:00.000Z'),
      parts: [
        { id: 'prt_01JNV8QX0000000000000030', data: { type: 'text', text: 'Skip the README, thanks.' } },
      ],
    },
    {
      id: 'msg_01JNV8QX0000000000000005',
      time: t('2026-03-05T10:09:20.000Z'),
      data: assistant('2026-03-05T10:09:20.000Z', {
        error: { name: 'MessageAbortedError', data: { message: 'The operation was aborted.' } },
      }),
      parts: [{ id: 'prt_01JNV8QX0000000000000040', data: { type: 'text', text: 'Understood, leaving' } }],
    },
  ],
};

/** The subagent the root's `task` tool started. */
export const childSession: FixtureSession = {
  id: CHILD_ID,
  projectId: 'prj_weather',
  parentId: ROOT_ID,
  directory: WEATHER,
  title: 'Find route registration (@explore subagent)',
  version: '1.2.4',
  created: t('2026-03-05T10:00:06.500Z'),
  updated: t('2026-03-05T10:01:09.000Z'),
  messages: [
    {
      id: 'msg_01JNV8RZ0000000000000001',
      time: t('2026-03-05T10:00:07.000Z'),
      data: { ...user('2026-03-05T10:00:07.000Z'), agent: 'explore' },
      parts: [
        {
          id: 'prt_01JNV8RZ0000000000000001',
          data: { type: 'text', text: 'Find where routes are registered' },
        },
      ],
    },
    {
      id: 'msg_01JNV8RZ0000000000000002',
      time: t('2026-03-05T10:01:00.000Z'),
      data: assistant('2026-03-05T10:01:00.000Z', { modelID: 'claude-haiku-4-5', mode: 'explore' }),
      parts: [
        {
          id: 'prt_01JNV8RZ0000000000000002',
          data: { type: 'text', text: 'Routes are registered in src/routes/index.ts.' },
        },
      ],
    },
  ],
};

/** A session still carrying OpenCode's placeholder title, with a compaction and one malformed message row. */
export const placeholderSession: FixtureSession = {
  id: PLACEHOLDER_ID,
  projectId: 'prj_ledger',
  directory: LEDGER,
  title: 'New session - 2026-03-12T08:15:00.000Z',
  version: '1.2.6',
  created: t('2026-03-12T08:15:00.000Z'),
  updated: t('2026-03-12T08:20:00.000Z'),
  messages: [
    {
      id: 'msg_01JP2ZA70000000000000001',
      time: t('2026-03-12T08:15:01.000Z'),
      data: user('2026-03-12T08:15:01.000Z'),
      parts: [
        {
          id: 'prt_01JP2ZA70000000000000001',
          data: { type: 'text', text: 'What does `ledger reconcile` do?' },
        },
      ],
    },
    {
      id: 'msg_01JP2ZA70000000000000002',
      time: t('2026-03-12T08:15:08.000Z'),
      data: assistant('2026-03-12T08:15:08.000Z', { modelID: 'gpt-5', providerID: 'openai' }),
      parts: [
        {
          id: 'prt_01JP2ZA70000000000000002',
          data: {
            type: 'text',
            text: 'It matches bank statement lines to ledger entries and marks the pairs as cleared.',
          },
        },
        { id: 'prt_01JP2ZA70000000000000003', data: { type: 'compaction', auto: true } },
      ],
    },
    {
      id: 'msg_01JP2ZA70000000000000003',
      time: t('2026-03-12T08:19:00.000Z'),
      data: {},
      rawData: '{"role":"assistant","time":{"created":17',
      parts: [],
    },
  ],
};

/** A session only in the older storage tree, with a child session there too. */
export const storageOnlySession: FixtureSession = {
  id: STORAGE_ONLY_ID,
  projectId: 'a3f9c1d2e4b5a6978812f0e1d2c3b4a5f6e7d8c9',
  directory: '/home/alice/code/dotfiles',
  title: 'Tidy zsh startup',
  version: '0.15.8',
  created: t('2025-09-20T19:00:00.000Z'),
  updated: t('2025-09-20T19:06:00.000Z'),
  messages: [
    {
      id: 'msg_01HXQ3M40000000000000001',
      time: t('2025-09-20T19:00:02.000Z'),
      data: user('2025-09-20T19:00:02.000Z'),
      parts: [
        {
          id: 'prt_01HXQ3M40000000000000001',
          data: { type: 'text', text: 'Why does my shell take two seconds to start?' },
        },
      ],
    },
    {
      id: 'msg_01HXQ3M40000000000000002',
      time: t('2025-09-20T19:00:10.000Z'),
      data: assistant('2025-09-20T19:00:10.000Z'),
      parts: [
        {
          id: 'prt_01HXQ3M40000000000000002',
          data: { type: 'reasoning', text: 'Profiling with zprof will show which plugin is slow.' },
        },
        {
          id: 'prt_01HXQ3M40000000000000003',
          data: {
            type: 'tool',
            callID: 'toolu_bash_11',
            tool: 'bash',
            state: {
              status: 'completed',
              input: { command: 'zsh -i -c "zprof" | head -5' },
              output: 'num  calls  time\n 1)    1  1612.40  nvm_load\n',
            },
          },
        },
        {
          id: 'prt_01HXQ3M40000000000000004',
          data: { type: 'text', text: 'nvm takes 1.6 s; load it lazily on first use.' },
        },
      ],
    },
  ],
};

export const storageChildSession: FixtureSession = {
  id: STORAGE_CHILD_ID,
  projectId: storageOnlySession.projectId,
  parentId: STORAGE_ONLY_ID,
  directory: '/home/alice/code/dotfiles',
  title: 'Check plugin list (@general subagent)',
  version: '0.15.8',
  created: t('2025-09-20T19:02:00.000Z'),
  updated: t('2025-09-20T19:03:00.000Z'),
  messages: [
    {
      id: 'msg_01HXQ3N90000000000000001',
      time: t('2025-09-20T19:02:01.000Z'),
      data: user('2025-09-20T19:02:01.000Z'),
      parts: [
        {
          id: 'prt_01HXQ3N90000000000000001',
          data: { type: 'text', text: 'List the plugins sourced by .zshrc' },
        },
      ],
    },
    {
      id: 'msg_01HXQ3N90000000000000002',
      time: t('2025-09-20T19:02:30.000Z'),
      data: assistant('2025-09-20T19:02:30.000Z'),
      parts: [
        {
          id: 'prt_01HXQ3N90000000000000002',
          data: { type: 'text', text: 'Plugins: nvm, zsh-autosuggestions, fzf.' },
        },
      ],
    },
  ],
};

/** The storage tree's older copy of the root session: the database copy must win. */
export const staleRootInStorage: FixtureSession = {
  ...rootSession,
  title: 'STALE storage copy of the root session',
  messages: rootSession.messages.slice(0, 1),
};

export const dbSessions = [rootSession, childSession, placeholderSession];
export const storageSessions = [staleRootInStorage, storageOnlySession, storageChildSession];

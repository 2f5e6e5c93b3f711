// An invented Kilo Code session (Kilo CLI / the extension rebuilt on OpenCode), in OpenCode's format: the
// `kilo.db` of the fixture home. Shared by the tests and scripts/build-fixture.ts; no relative imports.
import type { FixtureSession } from './fixture-db.ts';

const t = (iso: string) => Date.parse(iso);
const API = '/home/alice/code/api';

export const KILO_ID = 'ses_02KQ7M3N4P5Q6R7S8T9V0W1X2Y';

export const kiloSession: FixtureSession = {
  id: KILO_ID,
  projectId: 'prj_api',
  directory: API,
  title: 'Explain the rate limiter',
  version: '7.1.4',
  created: t('2026-04-20T15:30:00.000Z'),
  updated: t('2026-04-20T15:31:40.000Z'),
  messages: [
    {
      id: 'msg_02KQ7M3N0000000000000001',
      time: t('2026-04-20T15:30:02.000Z'),
      data: { role: 'user', time: { created: t('2026-04-20T15:30:02.000Z') }, agent: 'ask' },
      parts: [
        {
          id: 'prt_02KQ7M3N0000000000000001',
          data: { type: 'text', text: 'How does the rate limiter decide when to reject a request?' },
        },
      ],
    },
    {
      id: 'msg_02KQ7M3N0000000000000002',
      time: t('2026-04-20T15:30:06.000Z'),
      data: {
        role: 'assistant',
        time: { created: t('2026-04-20T15:30:06.000Z'), completed: t('2026-04-20T15:31:38.000Z') },
        modelID: 'z-ai/glm-4.6',
        providerID: 'kilo',
        mode: 'ask',
      },
      parts: [
        { id: 'prt_02KQ7M3N0000000000000010', data: { type: 'step-start' } },
        {
          id: 'prt_02KQ7M3N0000000000000011',
          data: {
            type: 'tool',
            callID: 'call_read_kilo_01',
            tool: 'read',
            state: {
              status: 'completed',
              input: { filePath: `${API}/src/middleware/rate-limit.ts` },
              output: 'const WINDOW_MS = 60_000;\nconst LIMIT = 120;\n',
              time: { start: t('2026-04-20T15:30:07.000Z'), end: t('2026-04-20T15:30:07.100Z') },
            },
          },
        },
        {
          id: 'prt_02KQ7M3N0000000000000012',
          data: {
            type: 'text',
            text: 'It counts requests per API key in a sliding 60-second window and rejects the 121st with a 429.',
          },
        },
      ],
    },
  ],
};

import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const repo = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const cliPath = join(repo, 'apps/cli/dist/cli.js');
export const appDir = join(repo, 'packages/explore/dist/app');

/** The session whose messages try to run script: its key, and the texts that must show literally. */
export const HOSTILE = {
  key: 'claude:7a1b2c3d-0000-4000-8000-00000000b0b0',
  title: 'Hostile markup check',
  script: '<script>window.__pwned = 1; alert("pwned")</script>',
  image: '<img src=x onerror="window.__pwned = 2; alert(2)">',
};

/** A Claude Code session whose prompt and answer hold markup that would run if inserted as HTML. */
function hostileSession(): string {
  const base = {
    cwd: '/home/alice/code/webapp',
    sessionId: HOSTILE.key.slice('claude:'.length),
    version: '2.0.55',
    gitBranch: 'main',
    isSidechain: false,
    userType: 'external',
  };
  const lines = [
    {
      ...base,
      parentUuid: null,
      type: 'user',
      uuid: 'c1000000-0000-4000-8000-000000000001',
      timestamp: '2026-11-20T10:00:00.000Z',
      message: { role: 'user', content: `${HOSTILE.title}: ${HOSTILE.script} and ${HOSTILE.image}` },
    },
    {
      ...base,
      parentUuid: 'c1000000-0000-4000-8000-000000000001',
      type: 'assistant',
      uuid: 'c1000000-0000-4000-8000-000000000002',
      timestamp: '2026-11-20T10:00:05.000Z',
      message: {
        model: 'claude-sonnet-4-5',
        id: 'msg_hostile',
        type: 'message',
        role: 'assistant',
        content: [{ type: 'text', text: `Echo: ${HOSTILE.image}\n\n[click](javascript:alert(3))` }],
      },
    },
  ];
  return `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`;
}

/**
 * The repository's fixtures/home (plus the hostile session) backed up with the built CLI into a fresh
 * output; returns its root. The corrupt Cursor database among the fixtures makes the backup exit 1.
 */
export async function backupFixtures(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'convx-explore-'));
  const home = join(root, 'home');
  const out = join(root, 'out');
  await cp(join(repo, 'fixtures/home'), home, { recursive: true });
  const project = join(home, '.claude/projects/-home-alice-code-webapp');
  await mkdir(project, { recursive: true });
  await writeFile(join(project, `${HOSTILE.key.slice('claude:'.length)}.jsonl`), hostileSession());
  const args = [
    cliPath,
    'backup',
    '--output-path',
    out,
    '--init',
    '--home',
    home,
    '--user',
    'demo',
    '--system-name',
    'demo-machine',
    '--quiet',
  ];
  await exec(process.execPath, args).catch((error: { code?: number }) => {
    if (error.code !== 1) throw error;
  });
  return out;
}

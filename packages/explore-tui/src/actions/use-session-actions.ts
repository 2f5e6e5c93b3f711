import { join } from 'node:path';
import { resumeCommand } from '@convx/explore/twin';
import type { SessionSummary } from '@convx/search';
import { useApp } from 'ink';
import { useCallback } from 'react';
import type { Status } from '../ui/context.js';
import { useTui } from '../ui/context.js';
import { copyText } from './clipboard.js';
import { openInViewer, viewerCommand } from './pager.js';

type SessionFacts = Pick<SessionSummary, 'source' | 'sessionId' | 'project' | 'path'>;

/** `y` and `o` for a session, each reporting what happened through `say`. */
export function useSessionActions(say: (status: Status) => void) {
  const tui = useTui();
  const { suspendTerminal } = useApp();

  const copyResume = useCallback(
    async (session: SessionFacts) => {
      const command = resumeCommand(session.source, session.sessionId, session.project);
      if (!command) {
        say({ text: `${session.source} sessions have no resume command`, tone: 'error' });
        return;
      }
      const result = await copyText(command, tui.writeRaw, tui);
      say({ text: `${result.message}: ${command}`, tone: result.ok ? 'info' : 'error' });
    },
    [tui, say],
  );

  const openMarkdown = useCallback(
    async (session: SessionFacts) => {
      const file = join(tui.outputRoot, session.path);
      let outcome = { ok: false, message: '' };
      await suspendTerminal(() => {
        outcome = openInViewer(file, tui.env);
      });
      const viewer = viewerCommand(tui.env).split(/\s+/)[0];
      say({
        text: outcome.ok ? `Back from ${viewer}: ${session.path}` : outcome.message,
        tone: outcome.ok ? 'info' : 'error',
      });
    },
    [tui, say, suspendTerminal],
  );

  return { copyResume, openMarkdown };
}

import { Box, useApp, useWindowSize } from 'ink';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ListScreen } from '../list/ListScreen.js';
import { type Row, rowSession } from '../list/results.js';
import { TranscriptScreen, type TranscriptTarget } from '../transcript/TranscriptScreen.js';
import { type Status, useTui } from './context.js';
import { Help } from './Help.js';
import { LIST_KEYS, TRANSCRIPT_KEYS } from './keys.js';
import { Line } from './Line.js';

/** A status message stays this long (or until the next one). */
const STATUS_MS = 6000;

const LIST_HINTS = '/ search  s source  p project  c clear  Enter open  ? keys  q quit';
const TRANSCRIPT_HINTS = 'j/k move  Enter expand  n/N match  o open  y resume  ? keys  Esc back';

/**
 * The whole terminal: the list, or a transcript full screen, or the keys; a status line at the bottom.
 * The list stays mounted (hidden) while a transcript is open, so Esc returns to it exactly as it was.
 */
export function App() {
  const tui = useTui();
  const { exit } = useApp();
  const { columns, rows } = useWindowSize();
  const width = Math.max(20, columns);
  const height = Math.max(5, rows);
  const [transcript, setTranscript] = useState<TranscriptTarget | undefined>(undefined);
  const [help, setHelp] = useState(false);
  const [status, setStatus] = useState<Status | undefined>(undefined);
  const timer = useRef<NodeJS.Timeout | undefined>(undefined);

  const say = useCallback((next: Status) => {
    clearTimeout(timer.current);
    setStatus(next);
    timer.current = setTimeout(() => setStatus(undefined), STATUS_MS);
  }, []);
  useEffect(() => () => clearTimeout(timer.current), []);

  const open = useCallback(
    (row: Row, query: string) => {
      const session = tui.index.getSession(rowSession(row).key);
      if (!session) return say({ text: 'That session is no longer in the index', tone: 'error' });
      setTranscript({ session, query, messageIndex: row.kind === 'hit' ? row.hit.messageIndex : -1 });
    },
    [tui.index, say],
  );
  const quit = useCallback(() => exit(), [exit]);
  const showHelp = useCallback(() => setHelp(true), []);
  const screenHeight = height - 1;

  return (
    <Box flexDirection="column" width={width} height={height}>
      {help ? (
        <Help
          title={transcript ? 'transcript' : 'session list'}
          keys={transcript ? TRANSCRIPT_KEYS : LIST_KEYS}
          width={width}
          height={screenHeight}
          onClose={() => setHelp(false)}
        />
      ) : null}
      <Box display={help || transcript ? 'none' : 'flex'} flexDirection="column">
        <ListScreen
          active={!help && !transcript}
          width={width}
          height={screenHeight}
          say={say}
          onOpen={open}
          onHelp={showHelp}
          onQuit={quit}
        />
      </Box>
      {transcript ? (
        <Box display={help ? 'none' : 'flex'} flexDirection="column">
          <TranscriptScreen
            target={transcript}
            active={!help}
            width={width}
            height={screenHeight}
            say={say}
            onBack={() => setTranscript(undefined)}
            onHelp={showHelp}
            onQuit={quit}
          />
        </Box>
      ) : null}
      <Line
        width={width}
        segments={
          status
            ? [{ text: status.text, style: status.tone === 'error' ? 'error' : 'status' }]
            : [{ text: transcript ? TRANSCRIPT_HINTS : LIST_HINTS, style: 'dim' }]
        }
      />
    </Box>
  );
}

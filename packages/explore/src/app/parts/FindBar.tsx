import { useEffect, useRef, useState } from 'preact/hooks';
import type { TranscriptSource } from '../lib/api.js';

/**
 * Find in this session: the server lists the messages containing the text (the whole session, not only the
 * part on screen); next and previous go from one to the next, and the words are highlighted on screen.
 */
export function FindBar({
  source,
  agent,
  onGo,
  onText,
}: {
  source: TranscriptSource;
  agent: string;
  onGo(index: number): void;
  onText(text: string): void;
}) {
  const [text, setText] = useState('');
  const [matches, setMatches] = useState<number[] | null>(null);
  const [more, setMore] = useState(false);
  const [position, setPosition] = useState(0);
  const [error, setError] = useState('');
  const searched = useRef('');

  useEffect(() => onText(matches ? searched.current : ''), [matches]);

  const go = (list: number[], at: number) => {
    const wrapped = (at + list.length) % list.length;
    setPosition(wrapped);
    const index = list[wrapped];
    if (index !== undefined) onGo(index);
  };
  const submit = async (backwards: boolean) => {
    const needle = text.trim();
    if (!needle) return setMatches(null);
    if (matches && searched.current === needle) return go(matches, position + (backwards ? -1 : 1));
    try {
      const found = await source.find(agent, needle);
      searched.current = needle;
      setMatches(found.matches);
      setMore(found.more);
      setError('');
      if (found.matches.length) go(found.matches, backwards ? found.matches.length - 1 : 0);
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  return (
    <form
      class="find"
      onSubmit={(event) => {
        event.preventDefault();
        void submit(false);
      }}
    >
      <input
        type="search"
        placeholder="Find in session"
        aria-label="Find in session"
        value={text}
        onInput={(event) => setText((event.currentTarget as HTMLInputElement).value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && event.shiftKey) {
            event.preventDefault();
            void submit(true);
          }
        }}
      />
      <span class="find-count muted" aria-live="polite">
        {error ||
          (matches
            ? matches.length
              ? `${position + 1} / ${matches.length}${more ? '+' : ''}`
              : 'none'
            : '')}
      </span>
      <button type="button" title="Previous match (Shift+Enter)" onClick={() => void submit(true)}>
        ↑
      </button>
      <button type="submit" title="Next match (Enter)">
        ↓
      </button>
    </form>
  );
}

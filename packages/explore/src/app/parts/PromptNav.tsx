/** The index of the first message at the top of the screen (below the sticky bars). */
export function messageAtTop(): number {
  const bars = document.querySelector('.transcript-tools')?.getBoundingClientRect().bottom ?? 0;
  for (const article of document.querySelectorAll<HTMLElement>(
    '.transcript:not(.nested) > .messages > article.msg',
  )) {
    if (article.getBoundingClientRect().bottom > bars + 4) return Number(article.dataset.index ?? 0);
  }
  return 0;
}

/** The next (or previous) typed prompt from the message at the top of the screen. */
export function promptFrom(kinds: string, direction: 1 | -1): number | undefined {
  const here = messageAtTop();
  const top = document.getElementById(`m${here}`)?.getBoundingClientRect().top ?? 0;
  const bars = document.querySelector('.transcript-tools')?.getBoundingClientRect().bottom ?? 0;
  // A message already at the top counts as passed when going down.
  const from = direction === 1 ? here : top < bars - 4 ? here + 1 : here;
  for (let i = from + direction; i >= 0 && i < kinds.length; i += direction) if (kinds[i] === 'p') return i;
  return undefined;
}

/** Jumps from prompt to prompt (also `j` / `k` in a transcript). */
export function PromptNav({ kinds, onJump }: { kinds: string; onJump(index: number): void }) {
  const prompts = [...kinds].filter((kind) => kind === 'p').length;
  if (prompts < 2) return null;
  const jump = (direction: 1 | -1) => {
    const index = promptFrom(kinds, direction);
    if (index !== undefined) onJump(index);
  };
  return (
    <span class="prompt-nav">
      <button type="button" title="Previous prompt (k)" onClick={() => jump(-1)}>
        ↑ prompt
      </button>
      <button type="button" title="Next prompt (j)" onClick={() => jump(1)}>
        ↓ prompt
      </button>
      <span class="muted">{prompts} prompts</span>
    </span>
  );
}

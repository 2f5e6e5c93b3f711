import { useState } from 'preact/hooks';
import { copyText } from '../lib/clipboard.js';

/** A small button that copies `text` and says so for a moment. */
export function CopyButton({
  text,
  label = 'Copy',
  title,
}: {
  text: string | (() => string);
  label?: string;
  title?: string;
}) {
  const [done, setDone] = useState<'' | 'ok' | 'failed'>('');
  return (
    <button
      type="button"
      class="copy"
      title={title ?? label}
      onClick={async () => {
        const ok = await copyText(typeof text === 'function' ? text() : text);
        setDone(ok ? 'ok' : 'failed');
        setTimeout(() => setDone(''), 1500);
      }}
    >
      {done === 'ok' ? 'Copied' : done === 'failed' ? 'Copy failed' : label}
    </button>
  );
}

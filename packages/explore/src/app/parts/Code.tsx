import type { DiffLine } from '../lib/diff.js';
import { highlight } from '../lib/highlight.js';

/** Code, highlighted (highlight.js escapes every character it does not mark up). */
export function Code({ code, language }: { code: string; language?: string | undefined }) {
  return (
    <pre class="code">
      <code class="hljs" dangerouslySetInnerHTML={{ __html: highlight(code, language) }} />
    </pre>
  );
}

/** A diff: file and hunk headers, removed and added lines marked (text only, no markup). */
export function Diff({ lines }: { lines: DiffLine[] }) {
  return (
    <pre class="diff">
      {lines.map((line, i) => (
        <div key={i} class={`d-${line.kind}`}>
          <span class="d-sign" aria-hidden="true">
            {line.kind === 'add' ? '+' : line.kind === 'del' ? '-' : ' '}
          </span>
          {line.text}
        </div>
      ))}
    </pre>
  );
}

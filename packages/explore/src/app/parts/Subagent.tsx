import { useState } from 'preact/hooks';
import type { ChildInfo } from '../../shared/api.js';
import type { TranscriptSource } from '../lib/api.js';
import { count } from '../lib/format.js';
import { linkClick } from '../lib/route.js';
import { Transcript } from './Transcript.js';

/** A subagent inside its parent's transcript: a line that opens into its own messages, and a link to it. */
export function Subagent({ source, child }: { source: TranscriptSource; child: ChildInfo }) {
  const [open, setOpen] = useState(false);
  const href = source.agentHref?.(child.agent);
  return (
    <details class="subagent" onToggle={(event) => setOpen((event.currentTarget as HTMLDetailsElement).open)}>
      <summary>
        <span class="badge agent">subagent</span>
        <span class="subagent-title">{child.title}</span>
        {child.type ? <span class="muted">{child.type}</span> : null}
        <span class="muted">{count(child.messageCount, 'message')}</span>
        {href ? (
          <a class="open-agent" href={href} onClick={(event) => linkClick(event, href)}>
            Open
          </a>
        ) : null}
      </summary>
      {open ? <Transcript source={source} agent={child.agent} target={null} nested /> : null}
    </details>
  );
}

import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { TranscriptPage } from '../../shared/api.js';
import { serverTranscript, type TranscriptSource } from '../lib/api.js';
import { AttachmentFiles, serverAttachmentUrl } from '../lib/attachment-files.js';
import { count, dateTime, duration } from '../lib/format.js';
import { useRevision } from '../lib/live.js';
import { linkClick, navigate } from '../lib/route.js';
import type { TranscriptWindow } from '../lib/use-transcript.js';
import { CopyButton } from '../parts/CopyButton.js';
import { promptFrom } from '../parts/PromptNav.js';
import { Transcript } from '../parts/Transcript.js';
import { isTyping } from './ListView.js';

/** Scrolls to message `index`, through the URL (`#m<N>`) so the position can be shared. */
export function jumpTo(base: string, index: number): void {
  if (location.hash === `#m${index}`)
    document.getElementById(`m${index}`)?.scrollIntoView({ block: 'start' });
  else navigate(`${base}#m${index}`, { replace: true });
}

/** A transcript page of the app: `/s/<key>`, `/s/<key>/a/<agent>` for a subagent, `#m<N>` for a message. */
export function SessionView({
  sessionKey,
  agent,
  target,
}: {
  sessionKey: string;
  agent: string;
  target: number | null;
}) {
  const source = useMemo(() => serverTranscript(sessionKey), [sessionKey]);
  const attachmentUrl = useMemo(() => serverAttachmentUrl(sessionKey), [sessionKey]);
  const base = source.agentHref?.(agent) ?? '';
  const win = useRef<TranscriptWindow | null>(null);
  const revision = useRevision();
  useEffect(() => {
    if (revision > 0) win.current?.refresh();
  }, [revision]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTyping(event) || event.metaKey || event.ctrlKey || event.altKey) return;
      const kinds = win.current?.page?.kinds;
      if ((event.key === 'j' || event.key === 'k') && kinds) {
        const index = promptFrom(kinds, event.key === 'j' ? 1 : -1);
        if (index !== undefined) jumpTo(base, index);
        event.preventDefault();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [base]);

  return (
    <div class="session-view">
      <AttachmentFiles.Provider value={attachmentUrl}>
        <Transcript
          key={`${sessionKey}/${agent}`}
          source={source}
          agent={agent}
          target={target}
          onWindow={(w) => {
            win.current = w;
          }}
          onJump={(index) => jumpTo(base, index)}
          header={(page) => <SessionHeader page={page} source={source} />}
        />
      </AttachmentFiles.Provider>
    </div>
  );
}

/** Title, facts, resume command, Markdown path and download of a transcript. */
export function SessionHeader({ page, source }: { page: TranscriptPage; source: TranscriptSource }) {
  const agentHref = source.agentHref;
  useEffect(() => {
    document.title = `${page.title} · convx explore`;
  }, [page.title]);
  return (
    <header class="session-header">
      {page.trail.length ? (
        <nav class="trail" aria-label="Parent sessions">
          {page.trail.map((step) => {
            const href = agentHref?.(step.agent);
            return href ? (
              <a key={step.agent} href={href} onClick={(event) => linkClick(event, href)}>
                {step.title}
              </a>
            ) : (
              <span key={step.agent}>{step.title}</span>
            );
          })}
          <span aria-hidden="true">›</span>
        </nav>
      ) : null}
      <h1>{page.title}</h1>
      <div class="facts">
        <span class={`source src-${page.source}`}>{page.source}</span>
        {page.agentType ? <span class="badge agent">{page.agentType}</span> : null}
        {page.cwd ? <span title="Project folder">{page.cwd}</span> : null}
        {page.branch ? <span title="Git branch">⎇ {page.branch}</span> : null}
        <span>{dateTime(page.startedAt)}</span>
        {page.endedAt ? <span>{duration(page.startedAt, page.endedAt)}</span> : null}
        <span>{count(page.total, 'message')}</span>
        {page.models.length ? <span title="Models">{page.models.join(', ')}</span> : null}
        {page.machine ? <span title="Machine">{page.machine}</span> : null}
        {page.user ? <span title="User">{page.user}</span> : null}
      </div>
      <dl class="session-commands">
        {page.resume ? (
          <div>
            <dt>Resume</dt>
            <dd>
              <code class="resume">{page.resume}</code>
              <CopyButton text={page.resume} title="Copy the resume command" />
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Markdown</dt>
          <dd>
            <code class="md-path">{page.markdownPath}</code>
            <CopyButton text={page.markdownPath} title="Copy the Markdown file's path" />
          </dd>
        </div>
      </dl>
      {source.exportUrl ? (
        <a class="button download" href={source.exportUrl} download>
          Download as HTML
        </a>
      ) : null}
    </header>
  );
}

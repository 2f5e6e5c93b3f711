import { firstTypedPrompt, type Message, type Session } from '@convx/core';
import { html, type Raw, raw } from './escape.js';
import type { HtmlOptions } from './options.js';

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}
header dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;color:#555}
section{border-left:3px solid #ccc;padding:.2rem .8rem;margin:1rem 0}
section.user{border-color:#2f6feb}section.assistant{border-color:#1a7f37}section.event{border-color:#bf8700}
h2{font-size:.8rem;text-transform:uppercase;letter-spacing:.05em;color:#666;margin:.2rem 0}
.text,pre{white-space:pre-wrap;overflow-wrap:anywhere}pre{background:#f6f8fa;padding:.6rem;font-size:13px}
time{font-weight:normal;color:#888;margin-left:.5rem}`;

/** Scripts can never run, even if some text slipped through unescaped: the page allows only its own CSS. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export function sessionTitle(session: Session): string {
  const prompt = firstTypedPrompt(session.messages)?.split('\n')[0]?.trim();
  const title = session.title ?? prompt ?? session.sessionId;
  return title.length > 100 ? `${title.slice(0, 99)}…` : title;
}

const stamp = (message: Message) => (message.timestamp ? html`<time>${message.timestamp}</time>` : raw(''));

function details(summary: string, body: string, time: Raw): Raw {
  return html`<details><summary>${summary}${time}</summary><pre>${body}</pre></details>`;
}

function toolInput(input: unknown): string {
  if (typeof input === 'string') return input;
  return JSON.stringify(input, null, 2) ?? String(input);
}

/** One message as HTML, or nothing when the options hide it. */
export function renderMessage(message: Message, options: HtmlOptions): Raw | undefined {
  switch (message.kind) {
    case 'text':
      return html`<section class="${message.role}"><h2>${message.role}${stamp(message)}</h2><div class="text">${message.text}</div></section>`;
    case 'thinking':
      if (!options.showThinking) return undefined;
      return html`<section class="thinking">${details(message.redacted ? 'Thinking (redacted)' : 'Thinking', message.text, stamp(message))}</section>`;
    case 'tool-call':
      return html`<section class="tool">${details(`Tool call: ${message.name}`, toolInput(message.input), stamp(message))}</section>`;
    case 'tool-result':
      return html`<section class="tool${message.isError ? ' error' : ''}">${details(
        `${message.isError ? 'Tool error' : 'Tool result'}${message.name ? `: ${message.name}` : ''}`,
        message.output,
        stamp(message),
      )}</section>`;
    case 'context':
      if (!options.showContext) return undefined;
      return html`<section class="context">${details(`Context: ${message.label}`, message.text, stamp(message))}</section>`;
    case 'event':
      return html`<section class="event"><h2>${message.event}${stamp(message)}</h2>${
        message.text ? html`<div class="text">${message.text}</div>` : raw('')
      }</section>`;
  }
}

export interface PageLinks {
  /** Subagent pages, relative to this page. */
  children: Array<{ href: string; label: string }>;
  /** The parent page, for a subagent. */
  parent?: string;
}

/** A complete standalone page, streamed in pieces so a huge session never forms one string. */
export function* renderPage(session: Session, options: HtmlOptions, links: PageLinks): Iterable<string> {
  const title = sessionTitle(session);
  const facts: Array<[string, string | undefined]> = [
    ['Source', `${session.source} ${session.sessionId}`],
    ['Started', session.startedAt],
    ['Ended', session.endedAt],
    ['Folder', session.cwd],
    ['Branch', session.gitBranch],
    ['Models', session.models.join(', ') || undefined],
    [
      'Agent',
      session.agent
        ? `${session.agent.type ?? 'agent'} ${session.agent.id}: ${session.agent.description ?? ''}`
        : undefined,
    ],
  ];
  yield html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<header><h1>${title}</h1><dl>`.markup;
  for (const [name, value] of facts) if (value) yield html`<dt>${name}</dt><dd>${value}</dd>`.markup;
  yield '</dl>';
  if (links.parent) yield html`<p><a href="${links.parent}">Back to the parent session</a></p>`.markup;
  yield '</header>\n<main>\n';
  for (const message of session.messages) {
    const part = renderMessage(message, options);
    if (part) yield `${part.markup}\n`;
  }
  if (links.children.length > 0) {
    yield '<section class="agents"><h2>Subagents</h2><ul>';
    for (const child of links.children)
      yield html`<li><a href="${child.href}">${child.label}</a></li>`.markup;
    yield '</ul></section>\n';
  }
  yield '</main>\n</body>\n</html>\n';
}

import type { Message } from '@convx/core';
import { toolSummary, toolView } from '../lib/tools.js';
import { Attachments } from './Attachments.js';
import { Code, Diff } from './Code.js';

type Call = Extract<Message, { kind: 'tool-call' }>;
type Result = Extract<Message, { kind: 'tool-result' }>;

/** A tool call with its result, collapsed to one line until opened. */
export function ToolCall({
  call,
  result,
  open,
  clippedNote,
  children,
}: {
  call: Call;
  result: Result | undefined;
  open?: boolean;
  clippedNote?: preact.ComponentChildren;
  children?: preact.ComponentChildren;
}) {
  const summary = toolSummary(call.input);
  return (
    <details class={`tool${result?.isError ? ' tool-error' : ''}`} open={open}>
      <summary>
        <span class="tool-name">{call.name}</span>
        <span class="tool-summary">{summary}</span>
        {result?.isError ? <span class="badge error">error</span> : null}
        {call.callId !== undefined && !result ? <span class="badge">no result</span> : null}
      </summary>
      <div class="tool-body">
        <ToolInput input={call.input} />
        {result ? <ToolOutput result={result} /> : null}
        {clippedNote}
      </div>
      {children}
    </details>
  );
}

export function ToolInput({ input }: { input: unknown }) {
  const view = toolView(input);
  switch (view.kind) {
    case 'command':
      return <Code code={view.command} language="bash" />;
    case 'diff':
      return <Diff lines={view.lines} />;
    case 'file':
      return (
        <>
          <div class="file-name">{view.path}</div>
          <Code code={view.content} language={view.language} />
        </>
      );
    case 'json':
      return <Code code={view.text} language="json" />;
  }
}

export function ToolOutput({ result }: { result: Result }) {
  return (
    <div class="tool-output">
      <div class="label">{result.isError ? 'Error' : 'Output'}</div>
      {result.output ? <pre class="output">{result.output}</pre> : <div class="muted">(no output)</div>}
      <Attachments items={result.attachments} />
    </div>
  );
}

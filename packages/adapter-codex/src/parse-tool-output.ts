import type { Attachment } from '@convx/core';
import { asRecord, num, str } from '@convx/core';
import { type KeepPayload, readContent } from './parse-content.js';

export interface ToolOutput {
  text: string;
  isError?: boolean;
  attachments?: Attachment[];
}

const EXIT_CODE = /^(?:Exit code:|Process exited with code)\s*(-?\d+)/m;

/**
 * Reads a `function_call_output` / `custom_tool_call_output` `output`. Up to 0.36 it is a JSON string
 * `{"output","metadata":{"exit_code"}}`; later plain text that starts with `Exit code: N`; newer tools return
 * a list of content items or `{content, success}`. A non-zero exit code or `success: false` is an error.
 */
export function readToolOutput(output: unknown, keep: KeepPayload): ToolOutput {
  if (typeof output === 'string') return fromString(output);
  const record = asRecord(output);
  if (record && 'content' in record) {
    const inner = readToolOutput(record.content, keep);
    return record.success === false ? { ...inner, isError: true } : inner;
  }
  if (Array.isArray(output)) {
    const parts = readContent(output, keep);
    return {
      text: parts.texts.join('\n'),
      ...(parts.attachments.length ? { attachments: parts.attachments } : {}),
    };
  }
  return { text: output === undefined || output === null ? '' : JSON.stringify(output) };
}

function fromString(output: string): ToolOutput {
  const wrapped = parseWrapped(output);
  if (wrapped) return wrapped;
  const exit = EXIT_CODE.exec(output.slice(0, 400));
  const code = exit?.[1] === undefined ? undefined : Number(exit[1]);
  return code !== undefined && code !== 0 ? { text: output, isError: true } : { text: output };
}

/** The 0.3x shape: a JSON string holding `{output, metadata: {exit_code, duration_seconds}}`. */
function parseWrapped(output: string): ToolOutput | undefined {
  if (!output.startsWith('{') || !output.includes('"output"')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(output);
  } catch {
    return undefined;
  }
  const record = asRecord(parsed);
  const text = str(record?.output);
  if (text === undefined) return undefined;
  const code = num(asRecord(record?.metadata)?.exit_code);
  return code !== undefined && code !== 0 ? { text, isError: true } : { text };
}

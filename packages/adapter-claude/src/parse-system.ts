import type { Message } from '@convx/core';
import { type JsonRecord, str } from '@convx/core';
import { apiErrorText, compactionText, type Stamp } from './parse-blocks.js';
import { classifiedMessage, classifyUserText } from './parse-classify.js';

/**
 * The message a `system` record stands for: compaction boundaries and API errors become events, local
 * slash commands and their output are classified like user text, away summaries are context. Turn
 * durations, hook summaries and unknown subtypes stand for nothing.
 */
export function systemMessage(record: JsonRecord, common: Stamp): Message | undefined {
  const content = str(record.content);
  switch (record.subtype) {
    case 'compact_boundary':
      return { ...common, kind: 'event', role: 'system', event: 'compaction', text: compactionText(record) };
    case 'api_error':
      return { ...common, kind: 'event', role: 'system', event: 'error', text: apiErrorText(record) };
    case 'local_command':
      return content ? classifiedMessage(classifyUserText(content), common) : undefined;
    case 'away_summary':
      return content
        ? { ...common, kind: 'context', role: 'system', label: 'away summary', text: content }
        : undefined;
    default:
      return undefined;
  }
}

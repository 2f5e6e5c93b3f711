import { arr, asRecord, str } from '@convx/core';

// Tools through which the model speaks to the person rather than acts: the final completion
// (`attempt_completion`) is the assistant's reply, a follow-up question is its question, a plan-mode
// response its answer. They are exported as the assistant's text, and their "results" — the person's
// answer or feedback — as the person's text.

const SPEECH_FIELD: Record<string, string> = {
  attempt_completion: 'result',
  ask_followup_question: 'question',
  plan_mode_respond: 'response',
  act_mode_respond: 'response',
};

/** The words of a speech tool call (empty when it said nothing), or undefined for any other tool. */
export function speechOf(name: string, input: unknown): string | undefined {
  const field = SPEECH_FIELD[name];
  if (!field) return undefined;
  const record = asRecord(input) ?? {};
  let text = (str(record[field]) ?? '').trim();
  const options = optionsOf(record.options ?? record.follow_up);
  if (options.length) text += `\n\n${options.map((o) => `- ${o}`).join('\n')}`;
  const command = str(record.command)?.trim();
  if (command) text += `\n\n\`\`\`sh\n${command}\n\`\`\``;
  return text.trim();
}

/** A question's suggested answers: a JSON array string (Cline), an array, or Roo's `<suggest>` tags. */
function optionsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((v) => str(v) ?? str(asRecord(v)?.answer) ?? '').filter(Boolean);
  const text = str(value)?.trim();
  if (!text) return [];
  if (text.startsWith('[')) {
    try {
      return arr(JSON.parse(text))
        .map((v) => str(v) ?? '')
        .filter(Boolean);
    } catch {
      return [text];
    }
  }
  const suggestions = [...text.matchAll(/<suggest[^>]*>([\s\S]*?)<\/suggest>/g)].map((m) =>
    (m[1] ?? '').trim(),
  );
  return suggestions.length ? suggestions : [text];
}

/** Record kinds never read: skipped before JSON.parse (progress records can make a file gigabytes). */
const SKIPPED_TYPES = new Set([
  'progress',
  'bash_progress',
  'hook_progress',
  'agent_progress',
  'file-history-snapshot',
  'queue-operation',
]);
const TYPE_KEY = '"type":"';

/**
 * `readJsonl` filter: false for lines whose first `"type"` key names a skipped kind. Inside a JSON string a
 * quote is escaped, so `"type":"` only ever matches a real key; the top-level `type` precedes `message`/`data`.
 */
export function keepLine(text: string): boolean {
  const at = text.indexOf(TYPE_KEY);
  if (at === -1) return true;
  const start = at + TYPE_KEY.length;
  const end = text.indexOf('"', start);
  return end === -1 || !SKIPPED_TYPES.has(text.slice(start, end));
}

/** The words a person sees in a message (its text, output, tool name and input), as the server's find reads them. */
export function searchableText(message: unknown): string {
  if (typeof message !== 'object' || message === null) return '';
  const m = message as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of ['text', 'output', 'name', 'label'] as const) {
    if (typeof m[key] === 'string') parts.push(m[key]);
  }
  if (m.input !== undefined) parts.push(typeof m.input === 'string' ? m.input : JSON.stringify(m.input));
  return parts.join('\n');
}

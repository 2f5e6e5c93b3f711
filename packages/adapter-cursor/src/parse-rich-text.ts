const BLOCKS = new Set(['paragraph', 'heading', 'quote', 'code', 'listitem']);

/**
 * Plain text from Cursor's `richText`: a Lexical editor state (`{root:{children:[…]}}`), usually stored as a
 * JSON string. Block nodes become lines; text, mention and code nodes contribute their `text`.
 */
export function flattenRichText(richText: unknown): string {
  let state = richText;
  if (typeof state === 'string') {
    try {
      state = JSON.parse(state);
    } catch {
      return state as string;
    }
  }
  const root = (state as { root?: unknown } | null)?.root ?? state;
  return collect(root).replace(/\n+$/, '').trim();
}

function collect(node: unknown): string {
  if (typeof node !== 'object' || node === null) return '';
  const { type, text, children } = node as { type?: unknown; text?: unknown; children?: unknown };
  if (type === 'linebreak') return '\n';
  let out = typeof text === 'string' ? text : '';
  if (Array.isArray(children)) out += children.map(collect).join('');
  return typeof type === 'string' && BLOCKS.has(type) ? `${out}\n` : out;
}

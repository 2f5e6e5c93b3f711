// What a user-role text block of the Cline family holds. The extension writes almost everything in the user's
// name: the typed prompt wrapped in `<task>`, answers and feedback in `<answer>`/`<feedback>`/`<user_message>`,
// tool results as plain text headed `[read_file for 'a.ts'] Result:`, and `<environment_details>` on every turn.

/** One piece of a user text block, in order. */
export type UserPiece =
  | { type: 'typed'; text: string }
  | { type: 'environment'; text: string }
  | { type: 'other'; text: string };

/** `[read_file for 'src/a.ts'] Result:` (the description may span lines: a multi-line command). */
const RESULT_HEADER = /^\[([A-Za-z][\w-]*)(?: for ([\s\S]*?))?\] Result:/;

/** The header of a tool result sent as user text, and what follows it in the same block. */
export function resultHeader(text: string): { name: string; target?: string; rest: string } | undefined {
  const match = RESULT_HEADER.exec(text);
  if (!match) return undefined;
  const header: { name: string; target?: string; rest: string } = {
    name: match[1] as string,
    rest: text.slice(match[0].length).trim(),
  };
  const target = match[2]?.replace(/^'([\s\S]*)'$/, '$1');
  if (target) header.target = target;
  return header;
}

const WRAPPED = /<(task|feedback|answer|user_message|environment_details)>([\s\S]*?)<\/\1>/g;

/** Splits a block into what a person typed, the environment details, and everything else, in order. */
export function splitUserText(text: string): UserPiece[] {
  const pieces: UserPiece[] = [];
  let at = 0;
  const other = (end: number) => {
    const part = text.slice(at, end).trim();
    if (part) pieces.push({ type: 'other', text: part });
  };
  WRAPPED.lastIndex = 0;
  for (let match = WRAPPED.exec(text); match; match = WRAPPED.exec(text)) {
    other(match.index);
    const inner = (match[2] as string).trim();
    if (inner)
      pieces.push({ type: match[1] === 'environment_details' ? 'environment' : 'typed', text: inner });
    at = match.index + match[0].length;
  }
  other(text.length);
  return pieces;
}

/**
 * Whether unwrapped user text is the extension's own (a resumption notice, an `[ERROR]` nudge, mention
 * contents such as `<file_content path=…>`, `<explicit_instructions>`) rather than something typed: the
 * extension's texts open with a bracketed tag or an XML-like tag; a person's rarely do.
 */
export function isInjected(text: string): boolean {
  return /^\[[A-Z][A-Za-z _-]*[\]:]/.test(text) || /^<[a-z][\w-]*[\s>]/.test(text);
}

/** A short label for injected text, from its opening tag. */
export function injectedLabel(text: string): string {
  const bracket = /^\[([A-Z][A-Za-z _-]*?)[\]:]/.exec(text);
  if (bracket) return (bracket[1] as string).toLowerCase();
  const tag = /^<([a-z][\w-]*)/.exec(text);
  return tag ? (tag[1] as string).replace(/_/g, ' ') : 'injected';
}

/** Facts the environment details carry: the working folder, and (Roo/Kilo) the mode's model. */
export function environmentFacts(text: string): { cwd?: string; model?: string; mode?: string } {
  const facts: { cwd?: string; model?: string; mode?: string } = {};
  const cwd = /# Current (?:Working|Workspace) Directory \(([^\n]+?)\) Files/.exec(text)?.[1];
  if (cwd) facts.cwd = cwd;
  const model = /<model>([^<\n]+)<\/model>/.exec(text)?.[1]?.trim();
  if (model) facts.model = model;
  const mode = /<slug>([^<\n]+)<\/slug>/.exec(text)?.[1]?.trim();
  if (mode) facts.mode = mode;
  return facts;
}

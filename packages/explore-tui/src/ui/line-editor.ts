import type { Key } from 'ink';

/** A one-line text field: the text and where the cursor is in it (in UTF-16 units, on character bounds). */
export interface EditState {
  text: string;
  cursor: number;
  /** The text is selected (a query brought back for editing): typing replaces it, Backspace clears it. */
  selected?: boolean;
}

/**
 * Keys typed faster than the screen reads them arrive as one input, Enter included (`word\r`): the text
 * before the first Enter, and whether an Enter came.
 */
export function splitEnter(input: string): { text: string; enter: boolean } {
  const at = input.search(/[\r\n]/);
  return at === -1 || input.length === 1
    ? { text: input, enter: false }
    : { text: input.slice(0, at), enter: true };
}

export function editState(text: string): EditState {
  return { text, cursor: text.length, ...(text ? { selected: true } : {}) };
}

/**
 * The field after a key, or undefined when the key is not an editing key (Enter, Esc, arrows up/down…).
 * Keys as in a shell: ←/→, Home/End or Ctrl-A/Ctrl-E, Backspace, Delete, Ctrl-U (to the start), Ctrl-K (to
 * the end), Ctrl-W (the word before). Pasted text arrives as one input and is inserted whole, newlines as spaces.
 */
export function edit(state: EditState, input: string, key: Key): EditState | undefined {
  if (state.selected) {
    const kept = { text: state.text, cursor: state.cursor };
    if (key.backspace || key.delete) return { text: '', cursor: 0 };
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what typed text must not carry
    const typing = !key.ctrl && !key.meta && input !== '' && !/[\u0000-\u001f\u007f]/.test(input);
    return edit(typing ? { text: '', cursor: 0 } : kept, input, key) ?? (typing ? undefined : kept);
  }
  const { text, cursor } = state;
  if (key.return || key.escape || key.upArrow || key.downArrow || key.tab) return undefined;
  if (key.leftArrow) return { text, cursor: prevChar(text, cursor) };
  if (key.rightArrow) return { text, cursor: nextChar(text, cursor) };
  if (key.home || (key.ctrl && input === 'a')) return { text, cursor: 0 };
  if (key.end || (key.ctrl && input === 'e')) return { text, cursor: text.length };
  if (key.backspace || (key.ctrl && input === 'h')) {
    const from = prevChar(text, cursor);
    return { text: text.slice(0, from) + text.slice(cursor), cursor: from };
  }
  if (key.delete || (key.ctrl && input === 'd'))
    return { text: text.slice(0, cursor) + text.slice(nextChar(text, cursor)), cursor };
  if (key.ctrl && input === 'u') return { text: text.slice(cursor), cursor: 0 };
  if (key.ctrl && input === 'k') return { text: text.slice(0, cursor), cursor };
  if (key.ctrl && input === 'w') {
    const before = text.slice(0, cursor).replace(/\S+\s*$/, '');
    return { text: before + text.slice(cursor), cursor: before.length };
  }
  if (key.ctrl || key.meta || input === '') return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what typed text must not carry
  const typed = input.replace(/[\r\n]+/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '');
  if (typed === '') return undefined;
  return { text: text.slice(0, cursor) + typed + text.slice(cursor), cursor: cursor + typed.length };
}

function prevChar(text: string, at: number): number {
  if (at <= 0) return 0;
  const code = text.charCodeAt(at - 1);
  return code >= 0xdc00 && code <= 0xdfff && at >= 2 ? at - 2 : at - 1;
}

function nextChar(text: string, at: number): number {
  if (at >= text.length) return text.length;
  const code = text.charCodeAt(at);
  return code >= 0xd800 && code <= 0xdbff && at + 1 < text.length ? at + 2 : at + 1;
}

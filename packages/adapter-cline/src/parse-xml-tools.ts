// Before native tool calling (Cline 2025-10, Roo 2025-11), the model wrote its tool calls as XML inside its
// text: `<read_file>\n<path>src/a.ts</path>\n</read_file>`, and its reasoning as `<thinking>…</thinking>`.

/** A piece of an assistant's text: prose, reasoning, or a tool call with its string parameters. */
export type AssistantPiece =
  | { type: 'text'; text: string }
  | { type: 'thinking'; text: string }
  | { type: 'tool'; name: string; input: Record<string, string> };

/** Tools of Cline, Roo Code and Kilo Code, as the model names them in XML. */
const KNOWN_TOOLS = new Set([
  'execute_command',
  'read_file',
  'write_to_file',
  'replace_in_file',
  'apply_diff',
  'insert_content',
  'search_and_replace',
  'search_files',
  'list_files',
  'list_code_definition_names',
  'codebase_search',
  'browser_action',
  'use_mcp_tool',
  'access_mcp_resource',
  'ask_followup_question',
  'attempt_completion',
  'plan_mode_respond',
  'act_mode_respond',
  'new_task',
  'switch_mode',
  'fetch_instructions',
  'load_mcp_documentation',
  'web_fetch',
  'web_search',
  'update_todo_list',
  'run_slash_command',
  'generate_image',
  'condense',
  'summarize_task',
  'report_bug',
  'new_rule',
  'use_subagents',
]);

/** Parameters whose value may itself hold tags (file contents, diffs): they run to their last closing tag. */
const GREEDY_PARAMS = new Set(['content', 'diff', 'result', 'response']);

const OPEN_TAG = /<([a-z][a-z0-9_]*)>/g;

/** Splits an assistant's text into prose, `<thinking>` blocks and XML tool calls, in order. */
export function splitAssistantText(text: string): AssistantPiece[] {
  const pieces: AssistantPiece[] = [];
  let prose = 0;
  const pushProse = (end: number) => {
    const part = text.slice(prose, end).trim();
    if (part) pieces.push({ type: 'text', text: part });
  };
  OPEN_TAG.lastIndex = 0;
  for (let match = OPEN_TAG.exec(text); match; match = OPEN_TAG.exec(text)) {
    const name = match[1] as string;
    const bodyStart = match.index + match[0].length;
    const isThinking = name === 'thinking';
    if (!isThinking && !(atLineStart(text, match.index) && looksLikeTool(name, text, bodyStart))) continue;
    const close = text.indexOf(`</${name}>`, bodyStart);
    if (close < 0) continue; // cut off mid-stream: left as prose
    pushProse(match.index);
    const body = text.slice(bodyStart, close);
    if (isThinking) {
      const thought = body.trim();
      if (thought) pieces.push({ type: 'thinking', text: thought });
    } else pieces.push({ type: 'tool', name, input: parseParams(body) });
    prose = close + name.length + 3;
    OPEN_TAG.lastIndex = prose;
  }
  pushProse(text.length);
  return pieces;
}

function atLineStart(text: string, index: number): boolean {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  return text.slice(lineStart, index).trim() === '';
}

/** A known tool, or an unknown one whose body opens with a parameter tag (tools added later, MCP-era). */
function looksLikeTool(name: string, text: string, bodyStart: number): boolean {
  if (KNOWN_TOOLS.has(name)) return true;
  return /^\s*<([a-z][a-z0-9_]*)>[\s\S]*?<\/\1>/.test(text.slice(bodyStart, bodyStart + 4096));
}

/** `<path>a</path>\n<content>…</content>` → `{ path: 'a', content: '…' }`. */
export function parseParams(body: string): Record<string, string> {
  const input: Record<string, string> = {};
  const tag = /<([a-z][a-z0-9_]*)>/g;
  for (let match = tag.exec(body); match; match = tag.exec(body)) {
    const name = match[1] as string;
    const start = match.index + match[0].length;
    const closeTag = `</${name}>`;
    const close = GREEDY_PARAMS.has(name) ? body.lastIndexOf(closeTag) : body.indexOf(closeTag, start);
    if (close < start) continue;
    const value = body.slice(start, close);
    input[name] = GREEDY_PARAMS.has(name) ? value.replace(/^\r?\n/, '').replace(/\r?\n$/, '') : value.trim();
    tag.lastIndex = close + closeTag.length;
  }
  return input;
}

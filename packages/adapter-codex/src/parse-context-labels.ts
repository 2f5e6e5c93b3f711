// Codex sends a lot of text to the model as `user` or `developer` messages that nobody typed. These patterns
// recognize it so it becomes a `context` message, never a prompt (the prompt names the transcript).

const USER_CONTEXT: ReadonlyArray<readonly [RegExp, string]> = [
  [/^#\s*AGENTS\.md instructions\b/i, 'AGENTS.md'],
  [/^<user_instructions>/, 'User instructions'],
  [/^<environment_context>/, 'Environment'],
  [/^<turn_aborted>/, 'Turn aborted'],
  [/^<user_shell_command>/, 'Shell command'],
  [/^<INSTRUCTIONS>/, 'Instructions'],
  [/^<permissions instructions>/, 'Permissions'],
  [/^<collaboration_mode>/, 'Collaboration mode'],
  [/^<skills_instructions>/, 'Skills'],
  [/^<skill>/, 'Skill'],
  [/^Another language model started to solve this problem/, 'Compaction summary'],
];

/** The label of injected context in a `user` message part, or undefined for text a person typed. */
export function userContextLabel(text: string): string | undefined {
  const head = text.trimStart();
  for (const [pattern, label] of USER_CONTEXT) if (pattern.test(head)) return label;
  return undefined;
}

/** The label of a `developer` / `system` message part: always context, named by its leading tag. */
export function developerContextLabel(text: string): string {
  return userContextLabel(text) ?? 'Developer instructions';
}

export const IDE_CONTEXT_LABEL = 'IDE context';

const IDE_HEAD = '# Context from my IDE setup:';
const IDE_REQUEST = /^## My request for Codex:[ \t]*\n?/m;

/**
 * The VS Code extension prefixes the typed prompt with the editor's state (`# Context from my IDE setup:` …
 * `## My request for Codex:`). Splits that block off so only the request counts as typed.
 */
export function splitIdeContext(text: string): { context?: string; prompt: string } {
  if (!text.trimStart().startsWith(IDE_HEAD)) return { prompt: text };
  const request = IDE_REQUEST.exec(text);
  if (!request) return { context: text, prompt: '' };
  return {
    context: text.slice(0, request.index).trimEnd(),
    prompt: text.slice(request.index + request[0].length),
  };
}

/** Label for a `user` message that a file's `user_message` events show nobody typed. */
export const INJECTED_LABEL = 'Injected message';

/** The working directory an `<environment_context>` block names (older files record no cwd elsewhere). */
export function cwdFromEnvironment(text: string): string | undefined {
  const match = /<cwd>([^<]+)<\/cwd>/.exec(text);
  return match?.[1]?.trim() || undefined;
}

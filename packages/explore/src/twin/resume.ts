/** The command that reopens a session in the tool that recorded it, run from its folder; null when none. */
export function resumeCommand(source: string, sessionId: string, cwd: string | null): string | null {
  const id = shellQuote(sessionId);
  const command =
    source === 'claude'
      ? `claude --resume ${id}`
      : source === 'codex'
        ? `codex resume ${id}`
        : source === 'gemini'
          ? `gemini --resume ${id}`
          : source === 'opencode'
            ? `opencode --session ${id}`
            : source === 'copilot-cli'
              ? `copilot --resume ${id}`
              : null;
  if (command === null) return null;
  return cwd ? `cd ${shellQuote(cwd)} && ${command}` : command;
}

/** POSIX shell quoting: bare when safe, else single-quoted. */
function shellQuote(text: string): string {
  return /^[A-Za-z0-9._/:@%+=,-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

// Codex wraps a command's output in bookkeeping lines for the model (`Chunk ID: 5b1e`, `Wall time: 4.6
// seconds`, `Original token count: 61`, `Output:`). A reader wants the output; the exit code and a process
// still running are worth a word on the result's label. The JSON twin keeps the output as it was.

/** The lines Codex puts before `Output:`. */
const BOOKKEEPING =
  /^(?:Chunk ID|Wall time|Process exited with code|Exit code|Original token count|Total output lines|Process running with session ID)\b/;
const EXIT_CODE = /^(?:Process exited with code|Exit code:)\s*(-?\d+)/;
const RUNNING = /^Process running with session ID\s*(\S+)/;

export interface ToolOutput {
  /** The output a person reads. */
  text: string;
  /** The exit code the bookkeeping recorded. */
  exitCode?: number;
  /** The session id of a process still running when the output was taken. */
  running?: string;
}

/**
 * Splits an output that starts with bookkeeping lines and an `Output:` line into the output and what the
 * bookkeeping said. Anything else (no `Output:` line, another line among the header) is returned whole.
 */
export function splitToolOutput(output: string): ToolOutput {
  if (!BOOKKEEPING.test(output)) return { text: output };
  const result: ToolOutput = { text: output };
  let at = 0;
  for (let line = 0; line < 12; line++) {
    const end = output.indexOf('\n', at);
    const text = (end === -1 ? output.slice(at) : output.slice(at, end)).replace(/\r$/, '');
    if (text === 'Output:') {
      result.text = end === -1 ? '' : output.slice(end + 1);
      return result;
    }
    if (!BOOKKEEPING.test(text) || end === -1) break;
    const code = EXIT_CODE.exec(text)?.[1];
    if (code !== undefined) result.exitCode = Number(code);
    const running = RUNNING.exec(text)?.[1];
    if (running !== undefined) result.running = running;
    at = end + 1;
  }
  return { text: output };
}

import { join, sep } from 'node:path';
import type { AdapterContext, Attachment } from '@convx/core';
import type { ChatFile, GeminiMessage } from './types.js';

/** The note on a saved output Gemini CLI no longer has. */
export const GONE = 'not found in Gemini CLI’s project folder';

/**
 * Where Gemini CLI says it saved the whole of a truncated tool output: `The full output has been saved to:
 * <path>` in what the model got, `Output too long and was saved to: <path>` in what the screen showed. The
 * rest of the line is the path (it may hold spaces).
 */
const SAVED_TO = /(?:full output has been saved to|Output too long and was saved to): ([^\n]+?)\s*$/im;

/** The recorded path of a truncated output's saved file, or undefined. */
export function savedOutputPath(output: string): string | undefined {
  if (!output.includes('saved to: ')) return undefined;
  return SAVED_TO.exec(output)?.[1];
}

/** The project's temp folder (`~/.gemini/tmp/<project>`) of a chat file (`<that>/chats/…`). */
export function projectTempDir(chat: ChatFile): string | undefined {
  const marker = `${sep}${chat.projectDir}${sep}chats${sep}`;
  const at = chat.path.lastIndexOf(marker);
  return at === -1 ? undefined : chat.path.slice(0, at + 1 + chat.projectDir.length);
}

/**
 * The local copy of a recorded saved-output path: the part of it below the project folder's name, taken
 * from this machine's project folder — plain names only, so a log never makes convx read anything else.
 */
export function localSavedPath(recorded: string, projectDir: string, local: string): string | undefined {
  const parts = recorded.replaceAll('\\', '/').split('/');
  const at = parts.lastIndexOf(projectDir);
  const below = at === -1 ? [] : parts.slice(at + 1);
  if (below.length === 0 || below.some((p) => !/^[\w.-]+$/.test(p) || p === '.' || p === '..'))
    return undefined;
  return join(local, ...below);
}

/** The whole outputs Gemini CLI saved for the truncated tool results of these messages, by recorded path. */
export async function readSavedOutputs(
  ctx: AdapterContext,
  messages: Iterable<GeminiMessage>,
  chat: ChatFile | undefined,
): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  const local = chat && projectTempDir(chat);
  if (!chat || !local) return texts;
  for (const message of messages) {
    for (const call of Array.isArray(message.toolCalls) ? message.toolCalls : []) {
      for (const text of resultTexts(call)) {
        const recorded = savedOutputPath(text);
        if (!recorded || texts.has(recorded)) continue;
        const file = localSavedPath(recorded, chat.projectDir, local);
        if (!file || !(await ctx.stat(file))?.isFile) continue;
        try {
          texts.set(recorded, await ctx.readText(file));
        } catch {
          // Deleted between the stat and the read: the preview stays.
        }
      }
    }
  }
  return texts;
}

/** Every text of a tool call's result that may name a saved output. */
function resultTexts(call: NonNullable<GeminiMessage['toolCalls']>[number]): string[] {
  const out: string[] = [];
  for (const item of Array.isArray(call.result) ? call.result : []) {
    const output = item?.functionResponse?.response?.output;
    if (typeof output === 'string') out.push(output);
  }
  if (typeof call.resultDisplay === 'string') out.push(call.resultDisplay);
  return out;
}

/** A truncated output with its whole text, when Gemini CLI still has it, and the reference to the file. */
export function withSavedOutput(
  output: string,
  display: unknown,
  saved: ReadonlyMap<string, string>,
): { output: string; attachments: Attachment[] } {
  const recorded =
    savedOutputPath(output) ?? (typeof display === 'string' ? savedOutputPath(display) : undefined);
  if (!recorded) return { output, attachments: [] };
  const name = recorded.replaceAll('\\', '/').split('/').pop() ?? recorded;
  const reference: Attachment = { type: 'text/plain', name, path: recorded };
  const text = saved.get(recorded);
  if (text === undefined) return { output, attachments: [{ ...reference, omitted: GONE }] };
  return { output: text, attachments: [{ ...reference, size: Buffer.byteLength(text, 'utf8') }] };
}

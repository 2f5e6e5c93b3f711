// Loose views of Qwen Code's chat records (packages/core/src/services/chatRecordingService.ts upstream), as
// observed from CLI 0.5 (2025-12) to 0.14 (2026-05). Records are read as unknown and narrowed field by field.

/** What discovery hands to `load` for one chat file. */
export interface QwenRefData {
  /** The `projects/<encoded-cwd>/chats/<sessionId>.jsonl` file. */
  file: string;
  /** The `<encoded-cwd>` folder (`-home-alice-app`): the cwd with `/` turned into `-`, not reversible. */
  projectDir?: string;
}

/** Token counts summed over a session's model calls (`usageMetadata`). */
export interface TokenTotals {
  promptTokens: number;
  outputTokens: number;
  thoughtsTokens: number;
  cachedTokens: number;
}

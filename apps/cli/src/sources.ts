import { claudeAdapter } from '@convx/adapter-claude';
import { clineAdapter, kiloAdapter, rooAdapter } from '@convx/adapter-cline';
import { codexAdapter } from '@convx/adapter-codex';
import { copilotVscodeAdapter } from '@convx/adapter-copilot-vscode';
import { crushAdapter } from '@convx/adapter-crush';
import { cursorAdapter } from '@convx/adapter-cursor';
import { geminiAdapter } from '@convx/adapter-gemini';
import { opencodeAdapter } from '@convx/adapter-opencode';
import type { Adapter } from '@convx/core';

/**
 * The built-in source systems, by the name used in `--source-system` and `--input-path codex=…`.
 * Adding a source is one import and one line here.
 */
export const builtinSources: Readonly<Record<string, Adapter>> = {
  codex: codexAdapter,
  claude: claudeAdapter,
  cursor: cursorAdapter,
  gemini: geminiAdapter,
  opencode: opencodeAdapter,
  cline: clineAdapter,
  roo: rooAdapter,
  kilo: kiloAdapter,
  crush: crushAdapter,
  'copilot-vscode': copilotVscodeAdapter,
};

import type { PluginRef } from '@convx/core';

/**
 * The built-in source systems, by the name used in `--source-system` and `--input-path codex=…`, as a run
 * spec names them: each package is imported only when its source is selected (in every thread that needs
 * it). Adding a source is one line here and a dependency in package.json.
 */
export const builtinSources: Readonly<Record<string, PluginRef>> = {
  codex: { module: '@convx/adapter-codex' },
  claude: { module: '@convx/adapter-claude' },
  cursor: { module: '@convx/adapter-cursor' },
  gemini: { module: '@convx/adapter-gemini' },
  opencode: { module: '@convx/adapter-opencode' },
  cline: { module: '@convx/adapter-cline' },
  roo: { module: '@convx/adapter-cline', export: 'rooAdapter' },
  // Kilo Code's two generations, one source: the extension's task folders (Cline's format, until its 2026
  // rebuild) and the OpenCode-format store since (`~/.local/share/kilo/kilo.db`), combined in run-plugins.
  kilo: { module: '@convx/cli/run-plugins', export: 'kiloSource', options: {} },
  crush: { module: '@convx/adapter-crush' },
  'copilot-cli': { module: '@convx/adapter-copilot-cli' },
  'copilot-vscode': { module: '@convx/adapter-copilot-vscode' },
  continue: { module: '@convx/adapter-continue' },
  qwen: { module: '@convx/adapter-qwen' },
};

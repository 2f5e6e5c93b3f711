import { codexAdapter } from '@convx/adapter-codex';
import type { Adapter } from '@convx/core';

/**
 * The built-in source systems, by the name used in `--source-system` and `--input-path codex=…`.
 * Adding a source is one import and one line here.
 */
export const builtinSources: Readonly<Record<string, Adapter>> = {
  codex: codexAdapter,
};

import type { PluginRef } from '@convx/core';

/** The renderer every backup uses unless the config or `--renderer` names another. */
export const defaultRenderer: PluginRef = { module: '@convx/render-md' };

// A run as plain data (`RunSpec`) and its resolution into the engine's functions.

export type { RunPlugins } from '../engine/types.js';
export { composeTransform, composeWithdraw } from './compose.js';
export { describeRef, loadPlugin } from './load-plugin.js';
export { type ResolveRunSpecOptions, resolveRunSpec } from './resolve.js';
export { isFileSpecifier, resolveModule, resolvePackage } from './resolve-module.js';
export type { PluginRef, RunSpec } from './types.js';

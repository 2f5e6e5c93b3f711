// Community adapters and renderers named in `.convx/config.toml`, loaded by package name or path.
export { type AdapterSpec, type LoadedPlugins, type LoadPluginsOptions, loadPlugins } from './load.js';
export { isPathSpec, type Resolution, resolvePlugin } from './resolve.js';

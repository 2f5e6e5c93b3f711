// `.convx/config.toml`: parsing and validation (its schema comes from the option table), and `convx config`.
export { type EffectiveConfigOptions, formatEffectiveConfig } from './format.js';
export { CONFIG_FILE, type LoadedConfig, loadConfig, parseConfig } from './load.js';
export { configSchema } from './schema.js';

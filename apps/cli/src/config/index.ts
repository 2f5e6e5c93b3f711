// `.convx/config.toml`: parsing, validation, layering with flags, and `convx config` output.
export {
  type AdapterEntry,
  type BackupConfig,
  CONFIG_DEFAULTS,
  type ConvxConfig,
  configSchema,
  MAX_LINE_MB,
  type RedactionConfig,
  type RedactionRuleConfig,
  type SyncConfig,
} from './config-schema.js';
export { type EffectiveConfigOptions, formatEffectiveConfig } from './format.js';
export { CONFIG_FILE, type LoadedConfig, loadConfig, parseConfig } from './load.js';
export {
  type BackupConfigFlags,
  configAsBackupFlags,
  configAsSyncFlags,
  type Merged,
  mergeOptions,
  resolveConfigPath,
  type SyncConfigFlags,
  type ValueSource,
} from './merge.js';

// `convx hooks install | uninstall | status`: a marked block in the pre-commit hook that runs `convx sync`.
export { BLOCK_END, BLOCK_START, hookBlock } from './block.js';
export {
  type HookLocation,
  type HookOptions,
  type HookStatus,
  hookStatus,
  type InstallResult,
  installHook,
  locateHook,
  type UninstallResult,
  uninstallHook,
} from './install.js';
export { detectHookManagers, type HookManager, type HookManagerName, syncCommand } from './managers.js';

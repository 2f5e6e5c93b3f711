// Public API of @convx/explore: the explorer's server (the CLI's `convx explore` starts it).

export { isLoopback } from './server/security.js';
export {
  DEFAULT_PORT,
  type Explorer,
  type ExplorerOptions,
  PortsTakenError,
  startExplorer,
} from './server/server.js';
export type * from './shared/api.js';

// Public API of @convx/explore: the explorer's server (the CLI's `convx explore` starts it).
export { DEFAULT_PORT, type Explorer, type ExplorerOptions, PortsTakenError, startExplorer } from './server/server.js';
export { isLoopback } from './server/security.js';
export type * from './shared/api.js';

import { packageConfig } from '../../tsup.base';

// The worker entry is its own file: the engine starts worker threads from it
// (engine/prepare/threads/worker-pool.ts).
export default packageConfig([
  'src/index.ts',
  'src/testing/index.ts',
  'src/engine/prepare/threads/worker-entry.ts',
]);

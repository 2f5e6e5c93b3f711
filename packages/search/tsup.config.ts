import { packageConfig } from '../../tsup.base';

// The parsing thread of a bulk update is its own file (update/worker-run.ts starts it).
export default packageConfig(['src/index.ts', 'src/update/parse-worker.ts']);

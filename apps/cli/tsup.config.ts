import { packageConfig } from '../../tsup.base';

// The CLI is an executable, not a library: no declarations needed. worker-options.js is imported by the
// engine's worker threads.
export default packageConfig(['src/cli.ts', 'src/worker-options.ts'], {
  dts: false,
  banner: { js: '#!/usr/bin/env node' },
});

import { packageConfig } from '../../tsup.base';

// The CLI is an executable, not a library: no declarations needed. run-plugins.js is the module its run specs
// name (`@convx/cli/run-plugins`), which core imports in the main thread and in worker threads.
export default packageConfig(['src/cli.ts', 'src/run-plugins.ts'], {
  dts: false,
  banner: { js: '#!/usr/bin/env node' },
});

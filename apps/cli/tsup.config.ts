import { packageConfig } from '../../tsup.base';

// The CLI is an executable, not a library: no declarations needed.
export default packageConfig(['src/cli.ts'], { dts: false, banner: { js: '#!/usr/bin/env node' } });

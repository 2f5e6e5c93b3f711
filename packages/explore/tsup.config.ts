import { packageConfig } from '../../tsup.base';

// The server (Node). The browser app is bundled by scripts/build-app.mjs into dist/app.
export default packageConfig(['src/index.ts']);

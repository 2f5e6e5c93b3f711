import { packageConfig } from '../../tsup.base';

// The server (Node) and the twin reader (`./twin`, also used by @convx/explore-tui). The browser app is
// bundled by scripts/build-app.mjs into dist/app.
export default packageConfig(['src/index.ts', 'src/twin/index.ts']);

import { packageConfig } from '../../tsup.base';

// Keep `node:sqlite` as written: unlike older builtins, it only resolves with the `node:` prefix.
export default packageConfig(['src/index.ts'], { removeNodeProtocol: false });

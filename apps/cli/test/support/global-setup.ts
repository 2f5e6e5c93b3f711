import { existsSync } from 'node:fs';
import { cliPath } from './paths.js';

/** The integration tests run the built CLI in a subprocess; say how to build it instead of failing oddly. */
export default function setup(): void {
  if (!existsSync(cliPath)) {
    throw new Error(
      `${cliPath} is missing: build first with \`pnpm build\` (or run \`pnpm test\`, which builds before testing).`,
    );
  }
}

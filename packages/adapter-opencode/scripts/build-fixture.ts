// Writes the committed OpenCode demo fixture under fixtures/home/.local/share/opencode/: an opencode.db built
// from the same description the tests use, and a small storage tree (one session also in the db, one only
// there); and Kilo Code's kilo.db under fixtures/home/.local/share/kilo/. Deterministic: run
// `node packages/adapter-opencode/scripts/build-fixture.ts` from the repo root.
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildOpencodeDb, writeStorageTree } from '../test/fixture-db.ts';
import { kiloSession } from '../test/fixture-kilo.ts';
import { dbSessions, storageSessions } from '../test/fixture-sessions.ts';

const root = fileURLToPath(new URL('../../../fixtures/home/.local/share/opencode', import.meta.url));
rmSync(root, { recursive: true, force: true });
mkdirSync(root, { recursive: true });
buildOpencodeDb(`${root}/opencode.db`, dbSessions);
writeStorageTree(root, storageSessions);
console.log(`wrote ${root}`);

const kilo = fileURLToPath(new URL('../../../fixtures/home/.local/share/kilo', import.meta.url));
rmSync(kilo, { recursive: true, force: true });
mkdirSync(kilo, { recursive: true });
buildOpencodeDb(`${kilo}/kilo.db`, [kiloSession]);
console.log(`wrote ${kilo}`);

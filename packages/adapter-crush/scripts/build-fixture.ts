// Writes the committed Crush fixtures: three projects under fixtures/home/code/, each with its
// `.crush/crush.db` at another schema generation; weather-app's data lives only in `crush.db-wal`, as a running
// Crush leaves it. Run `node packages/adapter-crush/scripts/build-fixture.ts` from the repo root. (The log's
// salts are random, so its bytes change on every run.)
import { fileURLToPath } from 'node:url';
import { buildCrushDb } from '../test/fixture-db.ts';
import { ledger, todoCli, weatherApp } from '../test/fixture-sessions.ts';

const code = fileURLToPath(new URL('../../../fixtures/home/code', import.meta.url));
buildCrushDb(`${code}/todo-cli/.crush/crush.db`, todoCli, { schema: 20250627000000 });
buildCrushDb(`${code}/weather-app/.crush/crush.db`, weatherApp, { schema: 20260127000000, walOnly: true });
buildCrushDb(`${code}/ledger/.crush/crush.db`, ledger, { schema: 20250424200609 });
console.log(`wrote Crush fixtures under ${code}`);

import { fileURLToPath } from 'node:url';
import { runAdapterConformance } from '@convx/core/testing';
import { describe, expect, it } from 'vitest';
import { crushAdapter } from '../src/index.js';

const home = fileURLToPath(new URL('../../../fixtures/home', import.meta.url));

runAdapterConformance(
  { describe, it },
  {
    adapter: crushAdapter,
    home,
    minSessions: 4,
    additionalTests: ({ loadAll }) => {
      it('reads every schema generation, the one held only in the write-ahead log too', async () => {
        const schemas = (await loadAll()).map((s) => `${s.sessionId}:${s.meta?.schema}`).sort();
        expect(schemas).toEqual([
          '0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6:20250424200609',
          '6f1c2b9e-3d4a-4c8b-9e7f-0a1b2c3d4e5f:20250627000000',
          '8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d:20250627000000',
          'b3c4d5e6-f7a8-4b9c-8d0e-1f2a3b4c5d6e:20260127000000',
        ]);
      });
    },
  },
);

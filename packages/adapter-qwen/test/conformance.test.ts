import { fileURLToPath } from 'node:url';
import { runAdapterConformance } from '@convx/core/testing';
import { describe, it } from 'vitest';
import { qwenAdapter } from '../src/index.js';

const home = fileURLToPath(new URL('../../../fixtures/home', import.meta.url));

runAdapterConformance({ describe, it }, { adapter: qwenAdapter, home, minSessions: 3 });

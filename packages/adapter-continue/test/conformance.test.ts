import { fileURLToPath } from 'node:url';
import { runAdapterConformance } from '@convx/core/testing';
import { describe, it } from 'vitest';
import { continueAdapter } from '../src/index.js';

const home = fileURLToPath(new URL('../../../fixtures/home', import.meta.url));

runAdapterConformance({ describe, it }, { adapter: continueAdapter, home, minSessions: 4 });

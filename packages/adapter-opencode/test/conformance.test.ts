import { fileURLToPath } from 'node:url';
import { runAdapterConformance } from '@convx/core/testing';
import { describe, it } from 'vitest';
import { opencodeAdapter } from '../src/index.js';

const fixtureHome = fileURLToPath(new URL('../../../fixtures/home', import.meta.url));

runAdapterConformance({ describe, it }, { adapter: opencodeAdapter, home: fixtureHome, minSessions: 3 });

import { fileURLToPath } from 'node:url';
import { runAdapterConformance } from '@convx/core/testing';
import { describe, it } from 'vitest';
import { geminiAdapter } from '../src/index.js';

const home = fileURLToPath(new URL('../../../fixtures/home', import.meta.url));

runAdapterConformance({ describe, it }, { adapter: geminiAdapter, home, minSessions: 5 });

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAdapterConformance } from '@convx/core/testing';
import { describe, it } from 'vitest';
import { aiderAdapter } from '../src/index.js';

const home = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/home');

runAdapterConformance({ describe, it }, { adapter: aiderAdapter, home, minSessions: 3 });

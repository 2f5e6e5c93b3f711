import { fileURLToPath } from 'node:url';
import { runAdapterConformance } from '@convx/core/testing';
import { describe, it } from 'vitest';
import { copilotCliAdapter } from '../src/index.js';

const home = fileURLToPath(new URL('../../../fixtures/home', import.meta.url));

// Every generation is among the fixtures: a history file, a bare event log, two session folders and a
// folder holding only workspace.yaml.
runAdapterConformance({ describe, it }, { adapter: copilotCliAdapter, home, minSessions: 5 });

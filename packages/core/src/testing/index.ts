// @convx/core/testing — the conformance kit every adapter runs (see docs/writing-an-adapter.md).
export { type ConformanceOptions, runAdapterConformance, type TestApi } from './adapter-conformance.js';
export { type ExportFixture, type ExportFixtureOptions, exportFixtures } from './export-fixture.js';
export { recordingCache } from './recording-cache.js';
export { type RendererConformanceOptions, runRendererConformance } from './renderer-conformance.js';
export { sampleSessions } from './sample-sessions.js';

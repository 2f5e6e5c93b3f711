// @convx/core/testing — the conformance kit every adapter runs (see docs/writing-an-adapter.md).
export { runAdapterConformance, type ConformanceOptions, type TestApi } from './adapter-conformance.js';
export { runRendererConformance, type RendererConformanceOptions } from './renderer-conformance.js';
export { sampleSessions } from './sample-sessions.js';

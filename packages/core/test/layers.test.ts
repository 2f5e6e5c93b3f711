import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type ImportGraph, importCycles, importGraph, importsOf, layerViolations } from './support/layers.js';

const src = fileURLToPath(new URL('../src/', import.meta.url));

describe('core layers', () => {
  const graph = importGraph(src);

  it('reads the imports of every source file', () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get('engine/run.ts')).toContain('store/index-file.ts');
  });

  it('imports only downward: model → io → paths → store → engine (plan → prepare → commit → run)', () => {
    expect(layerViolations(graph)).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(importCycles(graph)).toEqual([]);
  });
});

describe('the layer check itself', () => {
  const fake: ImportGraph = new Map([
    ['model/types.ts', []],
    ['store/index-file.ts', ['model/types.ts', 'engine/run.ts']],
    ['engine/run.ts', ['store/index-file.ts']],
    ['engine/prepare/a.ts', ['engine/commit/b.ts']],
    ['engine/commit/b.ts', ['engine/prepare/a.ts']],
    ['stray.ts', []],
  ]);

  it('finds an upward import and a file outside every layer', () => {
    expect(layerViolations(fake)).toEqual([
      'engine/prepare/a.ts (engine/prepare) imports engine/commit/b.ts (engine/commit), a later layer',
      'store/index-file.ts (store) imports engine/run.ts (engine (run)), a later layer',
      'stray.ts belongs to no layer',
    ]);
  });

  it('finds cycles', () => {
    expect(importCycles(fake)).toEqual([
      ['engine/commit/b.ts', 'engine/prepare/a.ts', 'engine/commit/b.ts'],
      ['engine/run.ts', 'store/index-file.ts', 'engine/run.ts'],
    ]);
  });

  it('sees static, type-only, re-exported and dynamic imports', () => {
    const text = [
      "import { a } from '../io/a.js';",
      "import type { B } from './b.js';",
      "export { c } from '../store/c.js';",
      "const d = await import('../engine/d.js');",
      "import './side-effect.js';",
      "import { e } from 'node:fs';",
    ].join('\n');
    expect(importsOf('engine/x.ts', text).sort()).toEqual([
      'engine/b.ts',
      'engine/d.ts',
      'engine/side-effect.ts',
      'io/a.ts',
      'store/c.ts',
    ]);
  });
});

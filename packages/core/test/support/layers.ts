import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';

/**
 * Core's layers, lowest first: a file may import from its own layer and the ones before it, never from a
 * later one. A layer is a list of paths below `src/` (a folder ends with `/`). Inside the engine the steps of a
 * run come in the order it takes them: what every step shares, plan, prepare, commit, and the run itself.
 */
export const CORE_LAYERS: ReadonlyArray<{ name: string; paths: readonly string[] }> = [
  { name: 'model', paths: ['errors.ts', 'model/', 'contract/'] },
  { name: 'io', paths: ['io/'] },
  { name: 'paths', paths: ['paths/'] },
  { name: 'store', paths: ['store/'] },
  { name: 'engine (shared)', paths: ['engine/types.ts', 'engine/tally.ts', 'run-spec/'] },
  { name: 'engine/plan', paths: ['engine/plan/'] },
  { name: 'engine/prepare', paths: ['engine/prepare/'] },
  { name: 'engine/commit', paths: ['engine/commit/'] },
  {
    name: 'engine (run)',
    paths: ['engine/run.ts', 'engine/open-run.ts', 'engine/settle.ts', 'engine/failures.ts'],
  },
  { name: 'public', paths: ['index.ts', 'testing/'] },
];

type Layers = typeof CORE_LAYERS;

/** File (relative to `src/`, `/`-separated) → the files it imports, relative to `src/` too. */
export type ImportGraph = Map<string, string[]>;

/** The relative imports (static, dynamic, re-exports, type-only ones too) of every `.ts` file below `root`. */
export function importGraph(root: string): ImportGraph {
  const graph: ImportGraph = new Map();
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.ts')) {
        const file = relative(root, path).split('\\').join('/');
        graph.set(file, importsOf(file, readFileSync(path, 'utf8')));
      }
    }
  };
  visit(root);
  return graph;
}

/** The files a source file imports by relative path, resolved against its own folder. */
export function importsOf(file: string, text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(
    /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm,
  )) {
    const spec = match[1] as string;
    found.add(posix.normalize(posix.join(dirname(file), spec)).replace(/\.js$/, '.ts'));
  }
  return [...found];
}

/** The index of the layer a file belongs to; -1 for a file no layer names (itself a finding). */
export function layerOf(file: string, layers: Layers = CORE_LAYERS): number {
  return layers.findIndex((layer) =>
    layer.paths.some((path) => (path.endsWith('/') ? file.startsWith(path) : file === path)),
  );
}

/** Every import from a lower layer into a higher one, and every file outside all layers, as sentences. */
export function layerViolations(graph: ImportGraph, layers: Layers = CORE_LAYERS): string[] {
  const out: string[] = [];
  for (const [file, imports] of graph) {
    const own = layerOf(file, layers);
    if (own < 0) {
      out.push(`${file} belongs to no layer`);
      continue;
    }
    for (const target of imports) {
      const theirs = layerOf(target, layers);
      if (theirs > own)
        out.push(`${file} (${layers[own]?.name}) imports ${target} (${layers[theirs]?.name}), a later layer`);
    }
  }
  return out.sort();
}

/** The import cycles among the graph's files, each as the files around it (found by depth-first search). */
export function importCycles(graph: ImportGraph): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      const seen = state.get(next);
      if (seen === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (seen === undefined) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}

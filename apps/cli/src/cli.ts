import nodeModule from 'node:module';
import { tuneHeap } from './heap.js';
import { unsupportedNode } from './node-version.js';

// The executable. On a Node.js too old for convx it says so in one sentence (the program itself would fail
// on a missing built-in module); otherwise it restarts itself with the heap settings backups run best with
// before loading anything else (see heap.ts), then runs the program.
const tooOld = unsupportedNode(process.versions.node);
if (tooOld) {
  process.stderr.write(`convx: ${tooOld}\n`);
  process.exit(1);
}
tuneHeap();
// V8's compiled code of convx's modules kept between runs (Node's own cache, in the system's temp folder; off
// with NODE_DISABLE_COMPILE_CACHE=1): every run, and a pre-commit hook's sync on every commit, would otherwise
// compile its ~1 MB of JavaScript again (docs/performance.md). Looked up, not imported by name: an old Node.js
// must reach the version check above.
nodeModule.enableCompileCache?.();
await import('./run.js');

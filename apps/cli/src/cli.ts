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
await import('./run.js');

import { relaunchWithHeapFlag } from './heap.js';

// The executable. Restarts itself with the heap setting backups run best with before loading anything
// else (see heap.ts), then runs the program.
relaunchWithHeapFlag();
await import('./run.js');

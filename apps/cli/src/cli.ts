import { limitHeapGrowth, relaunchWithHeapFlag } from './heap.js';

// The executable. Restarts itself with the heap settings backups run best with before loading anything
// else (see heap.ts), then runs the program.
relaunchWithHeapFlag();
limitHeapGrowth();
await import('./run.js');

import { processIO } from './io.js';
import { main } from './program.js';

// The process around the program: signals and the exit code; everything else lives in program.ts.
const controller = new AbortController();
let interrupts = 0;
const onSignal = (signal: NodeJS.Signals) => {
  interrupts++;
  // A second Ctrl-C means "now": files are replaced atomically, so stopping mid-write loses nothing.
  if (interrupts > 1) process.exit(130);
  controller.abort(new DOMException(`received ${signal}`, 'AbortError'));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

// `convx stats | head` closes stdout early: that is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2), processIO(controller.signal));

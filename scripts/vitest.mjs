#!/usr/bin/env node
// Runs vitest with the given arguments; when stdout is not a terminal (CI, `> log`, `| less`), without colours.
// Vitest colours whenever TERM is set, terminal or not, which leaves escape codes all over a saved test log.
// FORCE_COLOR (or NO_COLOR) set by the caller still decides.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The environment vitest runs with: NO_COLOR=1 added when stdout is not a terminal and the caller chose nothing. */
export function vitestEnv(env, isTTY) {
  if (isTTY || 'FORCE_COLOR' in env || 'NO_COLOR' in env) return env;
  return { ...env, NO_COLOR: '1' };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('vitest/package.json');
  const bin = join(dirname(manifest), require(manifest).bin.vitest);
  const child = spawn(process.execPath, [bin, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: vitestEnv(process.env, process.stdout.isTTY === true),
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}

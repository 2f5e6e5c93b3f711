// The write floor of `pnpm bench`: what the disk alone costs for a cold backup's output — as many files of the
// same sizes as the backup wrote under `history/`, each written to a temp file in 64 KiB pieces, closed and
// renamed into a folder of its own (as the engine does), on one thread, nothing rendered. Not a target: it
// says how much of a cold backup is the filesystem's (on a VM with online discard, most of it is system time).
// Run as a process of its own: `node bench/write-floor.mjs OUTPUT SCRATCH` prints {seconds, files, bytes}. What it
// wrote stays until the benchmark ends: deleting 1 GB on a disk with online discard would slow the next measure.
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

const [output, scratch] = process.argv.slice(2);
const PIECE = Buffer.alloc(64 * 1024, 'x');

/** Sizes of every file under `dir`, grouped by folder as the backup laid them out. */
function sizesIn(dir, folders = []) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sizesIn(path, folders);
    else if (entry.isFile()) files.push(statSync(path).size);
  }
  if (files.length) folders.push(files);
  return folders;
}

const folders = sizesIn(join(output, 'history'));
rmSync(scratch, { recursive: true, force: true });
mkdirSync(join(scratch, 'tmp'), { recursive: true });
const counts = { files: 0, bytes: 0 };
const started = process.hrtime.bigint();
folders.forEach((sizes, f) => {
  const folder = join(scratch, `f${f}`);
  mkdirSync(folder);
  for (const size of sizes) {
    const temp = join(scratch, 'tmp', `${counts.files}.tmp`);
    const fd = openSync(temp, 'w');
    for (let at = 0; at < size; at += PIECE.length)
      writeSync(fd, PIECE, 0, Math.min(PIECE.length, size - at));
    closeSync(fd);
    renameSync(temp, join(folder, `${counts.files++}.out`));
    counts.bytes += size;
  }
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({ seconds, ...counts }));

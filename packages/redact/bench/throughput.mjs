// Throughput of @convx/redact on generated message text: `pnpm --filter @convx/redact build` first, then
// `node packages/redact/bench/throughput.mjs [megabytes]`. Prints MB/s (UTF-8 bytes of message text).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinRules, createRedactor } from '../dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const targetMb = Number(process.argv[2] ?? 64);

// Message-sized pieces of the false-positive corpus: sections split at Markdown headings.
const corpusDir = join(here, '../test/corpus');
const pieces = readdirSync(corpusDir)
  .filter((name) => /\.(md|txt|log)$/.test(name))
  .flatMap((name) => readFileSync(join(corpusDir, name), 'utf8').split(/\n(?=## )/))
  .filter((piece) => piece.length > 0);

// One planted credential per ~200 messages, drawn from the rules' own examples.
const secrets = builtinRules.map((rule) => rule.examples.positive);
const messages = [];
let bytes = 0;
for (let i = 0; bytes < targetMb * 1e6; i++) {
  const base = pieces[i % pieces.length];
  // Tool outputs are often long: every 10th message is a few pieces glued together.
  let text = i % 10 === 0 ? pieces.slice(0, 4).join('\n') : base;
  text = `${text}\n<!-- message ${i} -->`;
  if (i % 200 === 0) text += `\n${secrets[(i / 200) % secrets.length]}`;
  messages.push(text);
  bytes += Buffer.byteLength(text);
}

const redactor = createRedactor();
function run() {
  let found = 0;
  const start = process.hrtime.bigint();
  for (const text of messages) found += redactor.redactText(text).findings.length;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { seconds, found };
}

run(); // warm up the regex compiler and JIT
const rounds = [run(), run(), run()];
const best = rounds.reduce((a, b) => (a.seconds < b.seconds ? a : b));
const mb = bytes / 1e6;
console.log(`messages: ${messages.length}, text: ${mb.toFixed(1)} MB, rules: ${builtinRules.length}`);
console.log(
  `redactText: ${(mb / best.seconds).toFixed(0)} MB/s (best of 3: ${best.seconds.toFixed(3)} s, ${best.found} findings)`,
);

// Coverage, false positives and throughput of our rule table against secretlint's recommended preset.
// secretlint is not a project dependency; install it outside the repository first:
//   npm install --prefix /tmp/sl @secretlint/core @secretlint/secretlint-rule-preset-recommend
//   pnpm --filter @convx/redact build && SECRETLINT_DIR=/tmp/sl node packages/redact/bench/compare-secretlint.mjs
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { builtinRules, createRedactor } from '../dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const slDir = process.env.SECRETLINT_DIR ?? '/tmp/sl';
const resolve = (name) => {
  const manifest = createRequire(join(slDir, 'package.json')).resolve(`${name}/package.json`);
  const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
  const entry = pkg.exports?.['.']?.import?.default ?? pkg.exports?.['.']?.import ?? pkg.module ?? pkg.main;
  return pathToFileURL(join(dirname(manifest), typeof entry === 'string' ? entry : pkg.main)).href;
};
const { lintSource } = await import(resolve('@secretlint/core'));
const { creator: preset } = await import(resolve('@secretlint/secretlint-rule-preset-recommend'));

const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: preset }] };
const lint = async (content) =>
  (
    await lintSource({
      source: { filePath: '/virtual/message.txt', content, contentType: 'text' },
      options: { config, noPhysicFilePath: true },
    })
  ).messages;
const redactor = createRedactor();

let found = 0;
let nearMisses = 0;
const missed = [];
for (const rule of builtinRules) {
  if ((await lint(rule.examples.positive)).length) found++;
  else missed.push(rule.id);
  if ((await lint(rule.examples.negative)).length) nearMisses++;
}
console.log(
  `positive examples found: convx ${builtinRules.length}/${builtinRules.length}, secretlint ${found}/${builtinRules.length}`,
);
console.log(`secretlint missed: ${missed.join(', ')}`);
console.log(`near misses flagged by secretlint: ${nearMisses}`);

const corpusDir = join(here, '../test/corpus');
const files = readdirSync(corpusDir).filter((name) => name.endsWith('.md'));
for (const file of files) {
  const text = readFileSync(join(corpusDir, file), 'utf8');
  const messages = await lint(text);
  const where = messages.map((m) => `${m.ruleId}:${m.loc.start.line}`).join(' ');
  console.log(
    `corpus ${file}: secretlint ${messages.length} ${where}, convx ${redactor.scanText(text).length}`,
  );
}

const pieces = files.flatMap((name) => readFileSync(join(corpusDir, name), 'utf8').split(/\n(?=## )/));
const messages = [];
let bytes = 0;
for (let i = 0; bytes < 8e6; i++) {
  const text = `${pieces[i % pieces.length]}\n<!-- ${i} -->`;
  messages.push(text);
  bytes += Buffer.byteLength(text);
}
const mb = bytes / 1e6;
for (const text of messages.slice(0, 200)) await lint(text); // warm up
let start = performance.now();
for (const text of messages) await lint(text);
const secretlintRate = mb / ((performance.now() - start) / 1000);
start = performance.now();
for (const text of messages) redactor.redactText(text);
const convxRate = mb / ((performance.now() - start) / 1000);
console.log(
  `${messages.length} messages, ${mb.toFixed(1)} MB: secretlint ${secretlintRate.toFixed(1)} MB/s, convx ${convxRate.toFixed(0)} MB/s`,
);
const whole = messages.join('\n');
start = performance.now();
await lint(whole);
const secretlintWhole = mb / ((performance.now() - start) / 1000);
start = performance.now();
redactor.redactText(whole);
const convxWhole = mb / ((performance.now() - start) / 1000);
console.log(
  `one ${mb.toFixed(0)} MB string: secretlint ${secretlintWhole.toFixed(1)} MB/s, convx ${convxWhole.toFixed(0)} MB/s`,
);

// Throughput of @convx/redact on generated message text. Build first (`pnpm --filter @convx/redact build`),
// then `node packages/redact/bench/throughput.mjs [megabytes]`. Prints MB/s of UTF-8 message text, by wall
// and by CPU time.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSession } from '@convx/core';
import { builtinRules, createRedactor } from '../dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const targetMb = Number(process.argv[2] ?? 64);

// Message-sized pieces of the false-positive corpus (coding conversations about tokens, auth and deploys,
// so denser in trigger words like "token" and "://" than typical history): sections split at headings.
const corpusDir = join(here, '../test/corpus');
const pieces = readdirSync(corpusDir)
  .filter((name) => name.endsWith('.md'))
  .flatMap((name) => readFileSync(join(corpusDir, name), 'utf8').split(/\n(?=## )/))
  .filter((piece) => piece.length > 0);

// One planted credential per ~200 messages, drawn from the rules' own examples.
const secrets = builtinRules.map((rule) => rule.examples.positive);
const messages = [];
let bytes = 0;
for (let i = 0; bytes < targetMb * 1e6; i++) {
  // Tool outputs are often long: every 10th message is a few pieces glued together.
  let text = i % 10 === 0 ? pieces.slice(0, 4).join('\n') : pieces[i % pieces.length];
  text = `${text}\n<!-- message ${i} -->`;
  if (i % 200 === 0) text += `\n${secrets[(i / 200) % secrets.length]}`;
  messages.push(text);
  bytes += Buffer.byteLength(text);
}

// The same messages with every trigger keyword replaced: ordinary text, the common case.
const triggers = /token|secret|password|bearer|authorization|credential|:\/\/|key-|sig=|dapi|ops_|secret/gi;
const plain = messages.map((text) => text.replace(triggers, 'word'));

// Sessions of 50 messages (tool call, tool result, text in turn) for redactSession.
const sessions = [];
for (let i = 0; i < messages.length; i += 50) {
  const chunk = messages.slice(i, i + 50).map((text, j) => {
    if (j % 3 === 0) return { kind: 'tool-call', role: 'assistant', name: 'shell', input: { command: text } };
    if (j % 3 === 1) return { kind: 'tool-result', role: 'tool', output: text };
    return { kind: 'text', role: 'assistant', text };
  });
  sessions.push(
    createSession({
      source: 'bench',
      sessionId: String(i),
      sourceLocation: { path: '/bench' },
      messages: chunk,
    }),
  );
}

const redactor = createRedactor();

function report(label, work) {
  work(); // warm up the regex compiler and the JIT
  let fastest = Number.POSITIVE_INFINITY;
  let leastCpu = Number.POSITIVE_INFINITY;
  let found = 0;
  for (let round = 0; round < 3; round++) {
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    found = work();
    const cpu = process.cpuUsage(cpuStart);
    fastest = Math.min(fastest, Number(process.hrtime.bigint() - start) / 1e9);
    leastCpu = Math.min(leastCpu, (cpu.user + cpu.system) / 1e6);
  }
  // CPU time too: on a busy machine the wall time says more about the neighbours than about redaction.
  const rate = (seconds) => (bytes / 1e6 / seconds).toFixed(0).padStart(5);
  console.log(
    `${label.padEnd(40)} ${rate(fastest)} MB/s  (best of 3: ${fastest.toFixed(3)} s, CPU ${leastCpu.toFixed(3)} s = ${rate(leastCpu).trim()} MB/s; ${found} redacted)`,
  );
}

console.log(
  `${messages.length} messages, ${(bytes / 1e6).toFixed(1)} MB of text, ${builtinRules.length} rules`,
);
report('redactText, keyword-dense corpus', () => {
  let found = 0;
  for (const text of messages) found += redactor.redactText(text).findings.length;
  return found;
});
report('redactText, no trigger keywords', () => {
  let found = 0;
  for (const text of plain) found += redactor.redactText(text).findings.length;
  return found;
});
report('redactSession, keyword-dense corpus', () => {
  let redacted = 0;
  for (const session of sessions) {
    for (const m of redactor.redactSession(session).messages) {
      const text = m.kind === 'tool-call' ? m.input.command : m.kind === 'tool-result' ? m.output : m.text;
      if (text.includes('[REDACTED:')) redacted++;
    }
  }
  return redacted;
});

#!/usr/bin/env node
// Builds the explorer's browser app into dist/app: app.js (the explorer), standalone.js (the viewer inlined
// into a downloaded conversation), app.css, index.html and the icon. Everything is bundled and minified
// here: the package ships it prebuilt, and the page loads nothing from anywhere else.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src/app');
const out = join(root, 'dist/app');
/** The size budget of the app's JavaScript, gzipped (docs/architecture.md). */
const BUDGET = 300 * 1024;

mkdirSync(out, { recursive: true });
const result = await build({
  entryPoints: { app: join(src, 'main.tsx'), standalone: join(src, 'standalone.tsx') },
  outdir: out,
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['chrome111', 'firefox115', 'safari16.4'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});
await build({
  entryPoints: { app: join(src, 'styles.css') },
  outdir: out,
  bundle: true,
  minify: true,
  logLevel: 'warning',
});
copyFileSync(join(src, 'index.html'), join(out, 'index.html'));
copyFileSync(join(src, 'favicon.svg'), join(out, 'favicon.svg'));

// The standalone viewer is inlined into <script> and the styles into <style>: neither may close its element.
const standalone = readFileSync(join(out, 'standalone.js'), 'utf8');
const css = readFileSync(join(out, 'app.css'), 'utf8');
if (/<\/script/i.test(standalone))
  throw new Error('standalone.js contains "</script"; it cannot be inlined.');
if (/<\/style/i.test(css)) throw new Error('app.css contains "</style"; it cannot be inlined.');

const sizes = {};
for (const name of ['app.js', 'standalone.js', 'app.css']) {
  sizes[name] = gzipSync(readFileSync(join(out, name)), { level: 9 }).length;
}
writeFileSync(join(out, 'sizes.json'), `${JSON.stringify(sizes, null, 2)}\n`);
if (sizes['app.js'] > BUDGET) {
  throw new Error(
    `app.js is ${Math.round(sizes['app.js'] / 1024)} KB gzipped, over the ${BUDGET / 1024} KB budget.`,
  );
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(
  `app: app.js ${kb(sizes['app.js'])}, standalone.js ${kb(sizes['standalone.js'])}, app.css ${kb(sizes['app.css'])} (gzipped)`,
);
void result;

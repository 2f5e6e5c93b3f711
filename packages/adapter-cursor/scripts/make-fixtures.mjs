#!/usr/bin/env node
// Writes the committed Cursor fixtures under fixtures/home/.config/Cursor/User from
// test/fixtures/demo-home.json. Deterministic: same description, same bytes. Run it after changing the
// description:  node packages/adapter-cursor/scripts/make-fixtures.mjs
// (Node ≥ 22.18 runs the TypeScript builder directly by stripping its types.)
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildHome, userDir } from '../test/fixtures/build-home.ts';

const here = dirname(fileURLToPath(import.meta.url));
const home = join(here, '..', '..', '..', 'fixtures', 'home');
const spec = JSON.parse(readFileSync(join(here, '..', 'test', 'fixtures', 'demo-home.json'), 'utf8'));

rmSync(userDir(home), { recursive: true, force: true });
// URIs point into a made-up /home/alice (the home the other fixtures' cwds use): the committed files must
// not depend on where the repo is checked out.
// (So the multi-root workspace's .code-workspace file is not on disk here; the tests build it in a temp home.)
const written = buildHome(home, spec, { homeInPaths: '/home/alice', cursorOnly: true });
console.log(`wrote ${written}`);

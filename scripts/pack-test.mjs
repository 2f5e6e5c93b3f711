#!/usr/bin/env node
// Packed-tarball test: `pnpm pack` every publishable package, `npm install` the tarballs into an empty
// folder (as a user would get them from the registry), and run the installed `convx` against fixtures/home;
// then install them globally into a temp prefix, as `./dev install-global` does from a clone.
// Catches what workspace tests cannot: missing `files`, wrong `exports`/`bin`, unrewritten `workspace:`
// ranges, dependencies that only resolve inside the monorepo. Run after `pnpm build`; exits non-zero on failure.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative } from 'node:path';
import { globalBin, installGlobal } from './install-global.mjs';
import { packAll, repo } from './pack.mjs';

const keep = process.argv.includes('--keep');
const work = mkdtempSync(join(tmpdir(), 'convx-pack-'));
const tarballs = join(work, 'tarballs');
const app = join(work, 'app');
const output = join(work, 'output');
// The installed bin's `#!/usr/bin/env node` must find this Node (≥ 22.13), not an older system one.
const env = {
  ...process.env,
  PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
  NO_COLOR: '1',
};
for (const name of ['CODEX_HOME', 'CLAUDE_CONFIG_DIR', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME']) delete env[name];

function fail(message) {
  console.error(`pack-test: FAILED: ${message}`);
  console.error(`pack-test: work folder kept at ${work}`);
  process.exit(1);
}

function run(command, args, cwd) {
  const result = spawnSync(command, args, {
    cwd,
    env,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (result.error) fail(`${command} ${args.join(' ')}: ${result.error.message}`);
  return result;
}

// 1. Pack.
let packed;
try {
  packed = packAll(tarballs, env);
} catch (error) {
  fail(error.message);
}
const { packages } = packed;
const files = packed.tarballs.map((path) => path.slice(tarballs.length + 1));
console.log(`pack-test: packed ${files.length} packages: ${packages.map((p) => p.manifest.name).join(', ')}`);

// 2. No workspace: ranges may leak into a published manifest; every tarball has its README and LICENSE.
for (const file of files) {
  const manifest = execFileSync('tar', ['-xOzf', join(tarballs, file), 'package/package.json'], {
    encoding: 'utf8',
  });
  if (manifest.includes('workspace:')) fail(`${file} still has a workspace: range in its package.json`);
  const listed = execFileSync('tar', ['-tzf', join(tarballs, file)], { encoding: 'utf8' }).split('\n');
  for (const name of ['package/LICENSE', 'package/README.md'])
    if (!listed.includes(name)) fail(`${file} has no ${name.slice('package/'.length)}`);
}

// 3. Install the tarballs with npm into an empty project.
mkdirSync(app, { recursive: true });
writeFileSync(
  join(app, 'package.json'),
  `${JSON.stringify({ name: 'convx-pack-test', private: true }, null, 2)}\n`,
);
const install = run(
  'npm',
  ['install', '--no-audit', '--no-fund', '--loglevel=error', ...files.map((f) => join(tarballs, f))],
  app,
);
if (install.status !== 0) fail(`npm install:\n${install.stderr || install.stdout}`);
const bin = join(app, 'node_modules/.bin', process.platform === 'win32' ? 'convx.cmd' : 'convx');
if (!existsSync(bin)) fail(`npm install did not create ${relative(work, bin)}`);

// 4. Run the installed CLI.
const cliPackage = packages.find((p) => p.dir === join(repo, 'apps/cli'));
const version = run(bin, ['--version'], app);
if (version.status !== 0 || version.stdout.trim() !== cliPackage?.manifest.version) {
  fail(`convx --version printed "${version.stdout.trim()}" (exit ${version.status}): ${version.stderr}`);
}
mkdirSync(output, { recursive: true });
run('git', ['init', '--quiet', output], work);
// The installed CLI backing up the bundled fixtures into `output`, with extra flags.
const backupArgs = (...extra) => [
  'backup',
  '--output-path',
  output,
  '--home',
  join(repo, 'fixtures/home'),
  '--user',
  'pack',
  '--system-name',
  'pack-test',
  ...extra,
];
const backup = run(bin, backupArgs('--json'), app);
// Exit 1 only says some fixture session failed; the report below decides.
if (backup.status !== 0 && backup.status !== 1)
  fail(`convx backup exited ${backup.status}:\n${backup.stderr}`);
let report;
try {
  report = JSON.parse(backup.stdout);
} catch {
  fail(`convx backup --json did not print JSON:\n${backup.stdout.slice(0, 500)}\n${backup.stderr}`);
}
const exported = report.totals.new;
if (!(exported > 0)) fail(`convx backup exported no sessions: ${JSON.stringify(report.totals)}`);
const transcripts = readdirSync(join(output, 'history'), { recursive: true }).filter((p) =>
  String(p).endsWith('.md'),
);
if (transcripts.length === 0) fail('no Markdown transcripts under the output history folder');
const perSource = Object.entries(report.sources)
  .map(([name, counts]) => `${name} ${counts.new}`)
  .join(', ');
console.log(
  `pack-test: installed convx ${version.stdout.trim()} exported ${exported} sessions (${perSource}), ${report.failures.length} failures`,
);

// Worker threads start from files inside the installed packages (core's engine/prepare/threads/worker-entry.js, and the
// modules their run spec names, such as @convx/cli/run-plugins): a forced dry run with two of them must say it used them.
const threaded = run(bin, backupArgs('--jobs', '2', '--force', '--dry-run', '--verbose'), app);
if (!threaded.stderr.includes('exporting in 2 worker thread(s) and the main thread'))
  fail(
    `convx backup --jobs 2 did not use worker threads from the installed packages:\n${threaded.stderr.slice(-1500)}`,
  );

const stats = run(bin, ['stats', '--output-path', output, '--json'], app);
if (stats.status !== 0 || JSON.parse(stats.stdout).sessions !== exported) {
  fail(
    `convx stats disagrees with the backup (exit ${stats.status}): ${stats.stdout.slice(0, 300)} ${stats.stderr}`,
  );
}

// 5. The README's way to install from a clone: the same tarballs, installed globally (here into a prefix).
const prefix = join(work, 'global');
try {
  installGlobal({ prefix, env, quiet: true });
} catch (error) {
  fail(error.message);
}
const globalConvx = join(globalBin(prefix), process.platform === 'win32' ? 'convx.cmd' : 'convx');
const globalVersion = run(globalConvx, ['--version'], work);
if (globalVersion.status !== 0 || globalVersion.stdout.trim() !== cliPackage?.manifest.version)
  fail(
    `the globally installed convx --version printed "${globalVersion.stdout.trim()}": ${globalVersion.stderr}`,
  );
console.log(`pack-test: a global install from the tarballs gives convx ${globalVersion.stdout.trim()}`);

// The explorer serves its prebuilt app from inside the installed @convx/explore: start it, load the page
// and its script over loopback, stop it with Ctrl-C.
await checkExplorer();

if (keep) console.log(`pack-test: work folder kept at ${work}`);
else rmSync(work, { recursive: true, force: true });
console.log('pack-test: OK');

async function checkExplorer() {
  const child = spawn(bin, ['explore', '--output-path', output, '--no-open', '--port', '0'], {
    cwd: app,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: process.platform === 'win32',
  });
  let printed = '';
  let errors = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => {
    errors += chunk;
  });
  const url = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), 60_000);
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      printed += chunk;
      const found = /convx explore: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(printed)?.[1];
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    child.on('exit', () => resolve(undefined));
  });
  // A failure exits this process: the server must not outlive it.
  const failWith = (message) => {
    child.kill('SIGKILL');
    fail(message);
  };
  try {
    if (!url) failWith(`convx explore printed no URL:\n${printed}${errors}`);
    const page = await fetch(url).then((r) => r.text());
    const script = await fetch(`${url}assets/app.js`);
    const sessions = await fetch(`${url}api/sessions?limit=1`).then((r) => r.json());
    if (!page.includes('/assets/app.js') || !script.ok || sessions.total !== exported) {
      failWith(`convx explore does not serve its app (script ${script.status}, ${sessions.total} sessions)`);
    }
  } finally {
    child.kill('SIGINT');
  }
  console.log('pack-test: convx explore serves its app and the API from the installed packages');
}

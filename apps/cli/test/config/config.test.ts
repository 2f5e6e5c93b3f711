import { parse } from 'smol-toml';
import { afterAll, describe, expect, it } from 'vitest';
import { formatEffectiveConfig, loadConfig, parseConfig } from '../../src/config/index.js';
import { mergeValues } from '../../src/options/values.js';
import { cleanupTemp, tempDir, writeFileIn } from '../git/temp-repo.js';

afterAll(cleanupTemp);

const FULL = `
adapters = ["convx-adapter-aider", "./tools/my-adapter.js", { package = "my-codex", replace = true }]
renderer = "convx-render-html"
sanitize_keywords = ["ACME_INTERNAL"]
skip_marker = "NO_CONVX"
exclude = ["**/scratch/**"]

[backup]
source_system = ["codex", "claude"]
user = "ana"
system_name = "laptop"
history_subpath = "transcripts"
input_paths = { codex = ["~/old-codex", "archive/codex"], claude = "/mnt/claude" }
commit = true
push = false

[sync]
recursive = false
match_name = true
history_subpath = ".ai/log"
source_system = "codex"

[redaction]
enabled = true
allow = ["sk-test-allowed"]

[[redaction.rules]]
id = "acme-token"
pattern = "acme_[A-Za-z0-9]{32}"
description = "ACME API token"

[hooks]
strict = true

[renderer_options]
theme = "dark"
fonts = { body = "serif", "code font" = "mono" }
`;

describe('parseConfig', () => {
  it("reads every section into the option table's values, per command", async () => {
    const config = await parseConfig(FULL);
    const context = { root: '/repo', home: '/home/ana', env: {} };
    const shared = {
      adapter: ['convx-adapter-aider', './tools/my-adapter.js', { package: 'my-codex', replace: true }],
      renderer: 'convx-render-html',
      sanitizeKeywords: ['ACME_INTERNAL'],
      skipMarker: 'NO_CONVX',
      exclude: ['**/scratch/**'],
      redact: true,
      redactionAllow: ['sk-test-allowed'],
      redactionRules: [{ id: 'acme-token', pattern: 'acme_[A-Za-z0-9]{32}', description: 'ACME API token' }],
      hooksStrict: true,
      rendererOptions: { theme: 'dark', fonts: { body: 'serif', 'code font': 'mono' } },
    };
    expect(mergeValues({}, config, 'backup', context).config).toEqual({
      ...shared,
      sourceSystem: ['codex', 'claude'],
      user: 'ana',
      systemName: 'laptop',
      historySubpath: 'transcripts',
      // Paths resolved against the repository, as --input-path values.
      inputPath: ['codex=/home/ana/old-codex', 'codex=/repo/archive/codex', 'claude=/mnt/claude'],
      commit: true,
      push: false,
    });
    expect(mergeValues({}, config, 'sync', context).config).toEqual({
      ...shared,
      recursive: false,
      matchName: true,
      historySubpath: '.ai/log',
      sourceSystem: ['codex'],
    });
  });

  it('names the key and the problem for a wrong type', async () => {
    await expect(parseConfig('[sync]\nrecursive = "yes"\n')).rejects.toThrow(
      '.convx/config.toml: sync.recursive must be a boolean (got "yes")',
    );
    await expect(parseConfig('adapters = "convx-adapter-aider"\n')).rejects.toThrow(
      '.convx/config.toml: adapters must be a list (got "convx-adapter-aider")',
    );
    await expect(parseConfig('adapters = [{ replace = true, pkg = "x" }]\n')).rejects.toThrow(
      '.convx/config.toml: unknown key adapters[0].pkg; adapters[0].package is required',
    );
    await expect(parseConfig('[backup]\ninput_paths = { codex = 3 }\n')).rejects.toThrow(
      'backup.input_paths.codex must be a string or a list of strings (got 3)',
    );
  });

  it('rejects unknown keys with a suggestion, and lists every problem', async () => {
    await expect(
      parseConfig('[sync]\nrecursve = true\nmatch_name = 1\n[hook]\nstrict = true\n'),
    ).rejects.toThrow(
      '.convx/config.toml: unknown key sync.recursve (did you mean sync.recursive?); sync.match_name must be a boolean (got 1); unknown key hook (did you mean hooks?)',
    );
  });

  it('checks paths, labels and regular expressions', async () => {
    await expect(parseConfig('[sync]\nhistory_subpath = "../out"\n')).rejects.toThrow(
      'sync.history_subpath leaves the output folder (got "../out")',
    );
    await expect(parseConfig('[backup]\nhistory_subpath = ".convx/state/tmp"\n')).rejects.toThrow(
      'backup.history_subpath is inside .convx/, where convx keeps its state (got ".convx/state/tmp")',
    );
    await expect(parseConfig('[sync]\nhistory_subpath = ".git/history"\n')).rejects.toThrow(
      'sync.history_subpath is inside .git/, which belongs to git (got ".git/history")',
    );
    await expect(parseConfig('[backup]\nuser = "a/b"\n')).rejects.toThrow(
      'backup.user cannot be used as a folder name (got "a/b")',
    );
    await expect(parseConfig('[[redaction.rules]]\nid = "x"\npattern = "(unclosed"\n')).rejects.toThrow(
      /redaction\.rules\[0\]\.pattern is not a valid regular expression/,
    );
  });

  it('names the line of a TOML syntax error', async () => {
    await expect(parseConfig('[sync]\nrecursive = true\nmatch_name = \n')).rejects.toThrow(
      /^\.convx\/config\.toml: line 3, column \d+: /,
    );
  });
});

describe('loadConfig', () => {
  it('returns an empty config when the file is missing, and the parsed one when present', async () => {
    const root = await tempDir();
    expect(await loadConfig(root)).toEqual({ config: {}, path: `${root}/.convx/config.toml`, exists: false });
    await writeFileIn(root, '.convx/config.toml', '[hooks]\nstrict = true\n');
    expect(await loadConfig(root)).toMatchObject({ config: { hooks: { strict: true } }, exists: true });
  });
});

describe('mergeValues', () => {
  it('lets only the flags that were given override the config, and the config override defaults', async () => {
    const config = await parseConfig(
      '[sync]\nrecursive = false\nmatch_name = true\nhistory_subpath = ".ai/log"\n',
    );
    const merged = mergeValues({ matchName: false }, config, 'sync', { root: '/repo', env: {} });
    expect(merged.values).toMatchObject({ recursive: false, matchName: false, historySubpath: '.ai/log' });
    expect(merged.sources).toMatchObject({
      recursive: 'config',
      matchName: 'flag',
      historySubpath: 'config',
    });
    // The [sync] history folder is not backup's, whose default applies.
    expect(mergeValues({}, config, 'backup', { root: '/repo', env: {} }).values.historySubpath).toBe(
      'history',
    );
    expect(mergeValues({}, {}, 'sync', { root: '/repo', env: {} }).sources.historySubpath).toBe('default');
  });

  it("adds list flags to the config's lists, and replaces the rest", async () => {
    const config = await parseConfig('exclude = ["a"]\n[backup]\ninput_paths = { codex = "/old" }\n');
    const merged = mergeValues({ exclude: ['b'], inputPath: ['codex=/new'] }, config, 'backup', {
      root: '/r',
      env: {},
    });
    expect(merged.values.exclude).toEqual(['a', 'b']);
    expect(merged.values.inputPath).toEqual(['codex=/new']);
    expect(merged.config.exclude).toEqual(['a']);
  });
});

describe('formatEffectiveConfig', () => {
  it('prints valid TOML noting where each value comes from', async () => {
    const root = await tempDir();
    await writeFileIn(root, '.convx/config.toml', FULL);
    const text = formatEffectiveConfig(await loadConfig(root), { flags: { sync: { recursive: true } } });
    expect(text).toContain('recursive = true  # flag');
    expect(text).toContain('match_name = true  # config');
    expect(text).toContain('skip_marker = "NO_CONVX"  # config');
    expect(text).toContain('[[redaction.rules]]  # config\nid = "acme-token"');
    // What it prints parses back into a valid config with the same values.
    const reparsed = await parseConfig(text);
    const full = await parseConfig(FULL);
    expect(reparsed.sync).toEqual({
      recursive: true,
      match_name: true,
      history_subpath: '.ai/log',
      source_system: ['codex'],
    });
    expect(reparsed.redaction).toEqual({ ...(full.redaction as object), disable: [] });
    expect((reparsed.backup as Record<string, unknown>).input_paths).toEqual(
      (full.backup as Record<string, unknown>).input_paths,
    );
    expect(reparsed.renderer_options).toEqual(full.renderer_options);
    expect(reparsed.adapters).toEqual(full.adapters);
    expect(parse(text)).toBeTypeOf('object');
  });

  it('shows defaults when there is no file', async () => {
    const text = formatEffectiveConfig(await loadConfig(await tempDir()), {
      runtimeDefaults: { user: 'me' },
    });
    expect(text).toContain('no ');
    expect(text).toContain('user = "me"  # default');
    expect(text).toContain('# system_name = (host name)');
    expect(text).toContain('skip_marker = "CONVX_NO_SYNC"  # default');
    expect(text).toContain('strict = false  # default');
  });
});

import { type Adapter, ConvxError, defineAdapter, type LocationEnv, loadFromStream } from '@convx/core';
import { discoverSessions } from './discover.js';
import { loadSession } from './load.js';
import { clineDataDir, customStorageDirs, DEFAULT_EDITORS, extensionStorageDirs } from './paths.js';
import type { ClineRefData } from './types.js';

/** Options of {@link createClineAdapter}: which extension of the Cline family to read, and where. */
export interface ClineAdapterOptions {
  /**
   * The source name: keys, output folders and `--source-system`.
   * @default 'cline'
   */
  name?: string;
  /**
   * The name reports show.
   * @default 'Cline'
   */
  displayName?: string;
  /**
   * The VS Code extension id, lower-case as its `globalStorage` folder is named on disk.
   * @default 'saoudrizwan.claude-dev'
   */
  extensionId?: string;
  /**
   * The editors (user-data folder names) whose extension storage is searched.
   * @default ['Code', 'Code - Insiders', 'VSCodium', 'Cursor', 'Windsurf']
   */
  editors?: readonly string[];
  /**
   * Also read the Cline CLI/SDK (and JetBrains) data folder: `$CLINE_DATA_DIR`, `$CLINE_DIR/data` or
   * `~/.cline/data`.
   * @default true when `extensionId` is Cline's, else false
   */
  clineHome?: boolean;
  /**
   * The editor setting that moves the extension's storage folder (read from each editor's user
   * `settings.json`); false for none.
   * @default 'roo-cline.customStoragePath' for Roo Code, else false
   */
  storageSetting?: string | false;
}

const CLINE_EXTENSION = 'saoudrizwan.claude-dev';
const ROO_EXTENSION = 'rooveterinaryinc.roo-cline';

/**
 * An adapter for one extension of the Cline family (Cline, Roo Code, the Kilo Code extension before its
 * 2026 rebuild): its task folders under every editor's `globalStorage/<extension id>/tasks/`, read with one
 * parser, and for Cline also the CLI/SDK store under `~/.cline/data`.
 */
export function createClineAdapter(options: ClineAdapterOptions = {}): Adapter<ClineRefData> {
  const {
    name = 'cline',
    displayName = 'Cline',
    extensionId = CLINE_EXTENSION,
    editors = DEFAULT_EDITORS,
  } = options;
  const clineHome = options.clineHome ?? extensionId === CLINE_EXTENSION;
  const storageSetting =
    options.storageSetting ?? (extensionId === ROO_EXTENSION ? 'roo-cline.customStoragePath' : false);
  const invalid = (problem: string): never => {
    throw new ConvxError('INVALID_OPTION', `the ${name} adapter's ${problem}`, name);
  };
  if (typeof name !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(name))
    throw new ConvxError(
      'INVALID_OPTION',
      `the cline adapter's name option must be a lower-case name like "roo" (got ${JSON.stringify(name)})`,
      'cline',
    );
  for (const [key, value] of [
    ['displayName', displayName],
    ['extensionId', extensionId],
  ] as const)
    if (typeof value !== 'string' || value === '')
      invalid(`${key} option must be a non-empty string (got ${JSON.stringify(value)})`);
  if (!Array.isArray(editors) || !editors.every((e) => typeof e === 'string' && e !== ''))
    invalid(`editors option must be a list of folder names (got ${JSON.stringify(editors)})`);
  if (typeof clineHome !== 'boolean')
    invalid(`clineHome option must be true or false (got ${JSON.stringify(clineHome)})`);
  if (storageSetting !== false && (typeof storageSetting !== 'string' || storageSetting === ''))
    invalid(
      `storageSetting option must be a setting's name or false (got ${JSON.stringify(storageSetting)})`,
    );
  return defineAdapter<ClineRefData>(
    {
      name,
      displayName,
      defaultLocations: (env: LocationEnv) => [
        ...extensionStorageDirs(env, extensionId, editors),
        ...(storageSetting ? customStorageDirs(env, storageSetting, editors) : []),
        ...(clineHome ? [clineDataDir(env)] : []),
      ],
      discover: discoverSessions,
      // Histories grow to hundreds of MB (file contents pasted into tool results): streamed, never held.
      stream: (ctx, ref, emit) => loadSession(ctx, ref, { name, extensionId }, emit),
      load: (ctx, ref) =>
        loadFromStream((c, r, emit) => loadSession(c, r, { name, extensionId }, emit), ctx, ref),
    },
    '@convx/adapter-cline',
  );
}

/** Cline (`saoudrizwan.claude-dev`, also Claude Dev's 2024 tasks) and the Cline CLI/SDK store. */
export const clineAdapter = createClineAdapter();

/**
 * Roo Code (`rooveterinaryinc.roo-cline`), subtasks nested under their parent task; also the folder its
 * `roo-cline.customStoragePath` setting moved them to.
 */
export const rooAdapter = createClineAdapter({
  name: 'roo',
  displayName: 'Roo Code',
  extensionId: ROO_EXTENSION,
});

/** Kilo Code's VS Code extension before its 2026 rebuild on OpenCode (`kilocode.kilo-code` task folders). */
export const kiloAdapter = createClineAdapter({
  name: 'kilo',
  displayName: 'Kilo Code',
  extensionId: 'kilocode.kilo-code',
});

export default clineAdapter;
export type { ClineRefData, SdkPlan, TaskFiles, TaskPlan } from './types.js';

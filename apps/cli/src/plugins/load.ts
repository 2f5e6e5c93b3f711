import { pathToFileURL } from 'node:url';
import {
  type Adapter,
  assertAdapter,
  assertRenderer,
  ConvxError,
  describeError,
  type PluginRef,
  type Renderer,
} from '@convx/core';
import { isPathSpec, resolvePlugin } from './resolve.js';

/** An adapter to load: a package name or path, or one allowed to replace the built-in of the same name. */
export type AdapterSpec = string | { package: string; replace?: boolean };

export interface LoadPluginsOptions {
  /** From the config's `adapters`. */
  adapters: readonly AdapterSpec[];
  /** From the config's `renderer`. */
  renderer?: string;
  /** Where package names and relative paths resolve from: the output repository (or the synced repo). */
  cwd: string;
  /** The built-in adapters by name; a community adapter may only take one's name with `replace = true`. */
  builtins?: Readonly<Record<string, PluginRef>>;
}

export interface LoadedPlugins {
  /** The community adapters, in config order. */
  adapters: Adapter[];
  renderer?: Renderer;
  /** The renderer as a run spec names it: its file and export. */
  rendererRef?: PluginRef;
  /**
   * Built-ins plus community adapters (replacing built-ins where allowed), as a run spec names them: the
   * registry to select from.
   */
  sources: Record<string, PluginRef>;
}

type Kind = 'adapter' | 'renderer';

/**
 * Imports a plugin module and picks its export: the default, else the named `adapter`/`renderer`. Returns it
 * with the run spec's name for it (the file found and the export), which worker threads import again.
 */
async function importPlugin(
  kind: Kind,
  spec: string,
  cwd: string,
): Promise<{ value: unknown; ref: PluginRef }> {
  const fail = (problem: string, cause?: unknown) =>
    new ConvxError(
      kind === 'adapter' ? 'INVALID_ADAPTER' : 'INVALID_RENDERER',
      `Could not load ${kind} "${spec}": ${problem}`,
      spec,
      {
        cause,
      },
    );
  const found = resolvePlugin(spec, cwd);
  if (found.kind === 'missing') {
    throw new ConvxError(
      'INVALID_OPTION',
      isPathSpec(spec)
        ? `Could not load ${kind} "${spec}": ${found.where} does not exist.`
        : `Could not load ${kind} "${spec}": it is not installed in ${found.where} or beside convx; run npm install ${spec} there (or npm install -g ${spec} next to a global convx).`,
      spec,
    );
  }
  const url = pathToFileURL(found.path).href;
  let module: Record<string, unknown>;
  try {
    module = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw fail(`importing ${found.path} failed: ${describeError(error)}`, error);
  }
  const name = module.default !== undefined ? 'default' : kind;
  const value = module[name];
  if (value === undefined) {
    throw fail(`it has no default export and no export named "${kind}".`);
  }
  return { value, ref: { module: url, export: name } };
}

/** Re-words core's contract error so it starts with what was being loaded. */
function reword(kind: Kind, spec: string, check: () => void): void {
  try {
    check();
  } catch (error) {
    if (error instanceof ConvxError) {
      throw new ConvxError(error.code, `Could not load ${kind} "${spec}": ${error.message}`, spec, {
        cause: error,
      });
    }
    throw error;
  }
}

function validateAdapter(spec: string, value: unknown): asserts value is Adapter {
  reword('adapter', spec, () => assertAdapter(value, spec));
}

function validateRenderer(spec: string, value: unknown): asserts value is Renderer {
  reword('renderer', spec, () => assertRenderer(value, spec));
}

/**
 * Loads community adapters and a custom renderer named in the config, validates them against the core
 * contracts, and merges the adapters into the registry. A name clash with a built-in is an error unless the
 * entry says `replace = true`; two community adapters may never share a name.
 */
export async function loadPlugins(options: LoadPluginsOptions): Promise<LoadedPlugins> {
  const builtins = options.builtins ?? {};
  const sources: Record<string, PluginRef> = { ...builtins };
  const adapters: Adapter[] = [];
  const origins = new Map<string, string>();
  const seen = new Set<string>();
  for (const entry of options.adapters) {
    const spec = typeof entry === 'string' ? entry : entry.package;
    const replace = typeof entry === 'object' && entry.replace === true;
    if (seen.has(spec)) continue;
    seen.add(spec);
    const { value: adapter, ref } = await importPlugin('adapter', spec, options.cwd);
    validateAdapter(spec, adapter);
    const clash = origins.get(adapter.name);
    if (clash) {
      throw new ConvxError(
        'INVALID_ADAPTER',
        `Adapters "${clash}" and "${spec}" are both named "${adapter.name}"; keep one of them in adapters.`,
        spec,
      );
    }
    if (Object.hasOwn(builtins, adapter.name) && !replace) {
      throw new ConvxError(
        'INVALID_ADAPTER',
        `Adapter "${spec}" is named "${adapter.name}" like a built-in source; to replace the built-in, write { package = "${spec}", replace = true } in adapters.`,
        spec,
      );
    }
    origins.set(adapter.name, spec);
    sources[adapter.name] = ref;
    adapters.push(adapter);
  }
  if (!options.renderer) return { adapters, sources };
  const { value: renderer, ref: rendererRef } = await importPlugin('renderer', options.renderer, options.cwd);
  validateRenderer(options.renderer, renderer);
  return { adapters, renderer, rendererRef, sources };
}

import { ConvxError, describeError } from '../errors.js';
import { sha256 } from '../io/hash.js';
import { resolveModule } from './resolve-module.js';
import type { PluginRef } from './types.js';

/** How a plugin is named in messages: its module, and the export when it is not the default. */
export function describeRef(ref: PluginRef): string {
  return ref.export && ref.export !== 'default' ? `${ref.export} of ${ref.module}` : ref.module;
}

/** A plugin's identity when it declares none: its spec entry. */
export function refIdentity(ref: PluginRef): string {
  return `${ref.module}#${ref.export ?? 'default'}:${sha256(JSON.stringify(ref.options ?? null)).slice(0, 16)}`;
}

/**
 * Imports a plugin's module (resolved from `from`), picks its export and, when the entry has options, calls
 * it with them. Fails with one sentence naming the module.
 */
export async function loadPlugin(ref: PluginRef, from: readonly string[] = []): Promise<unknown> {
  const name = describeRef(ref);
  const url = resolveModule(ref.module, from);
  if (!url) {
    throw new ConvxError(
      'INVALID_OPTION',
      `Could not load the plugin ${name}: the module is not installed where ${from.length ? from.join(' or ') : 'convx'} can find it.`,
      ref.module,
    );
  }
  let module: Record<string, unknown>;
  try {
    module = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw new ConvxError(
      'INVALID_OPTION',
      `Could not load the plugin ${name}: importing it failed: ${describeError(error)}`,
      ref.module,
      { cause: error },
    );
  }
  const key = ref.export ?? 'default';
  const value = module[key];
  if (value === undefined) {
    throw new ConvxError(
      'INVALID_OPTION',
      `Could not load the plugin ${name}: it has no export "${key}".`,
      ref.module,
    );
  }
  if (ref.options === undefined) return value;
  if (typeof value !== 'function') {
    throw new ConvxError(
      'INVALID_OPTION',
      `Could not load the plugin ${name}: its export "${key}" is not a function to call with options.`,
      ref.module,
    );
  }
  return await (value as (options: unknown) => unknown)(ref.options);
}

import { ConvxError } from '@convx/core';
import type { SearchIndex } from '@convx/search';
import { loadConfig } from '../config/index.js';
import type { CliIO } from '../io.js';
import { checkSourceNames } from '../options/source-system.js';
import { mergeValues } from '../options/values.js';
import { loadPlugins } from '../plugins/index.js';
import { builtinSources } from '../sources.js';

/**
 * The adapters the output's config names (what `convx backup` would load there). Searching never needed
 * the config, so one that cannot be read or loaded here (a clone without the plugin) only adds no names.
 */
async function configuredSources(root: string, io: CliIO): Promise<string[]> {
  try {
    const { config } = await loadConfig(root);
    const { values } = mergeValues({}, config, 'backup', { root, env: io.env });
    if (!values.adapter?.length) return [];
    const plugins = await loadPlugins({ adapters: values.adapter, cwd: root, builtins: builtinSources });
    return plugins.adapters.map((adapter) => adapter.name);
  } catch (error) {
    if (error instanceof ConvxError) return [];
    throw error;
  }
}

/**
 * `search --source` must name sources that exist: a built-in, an adapter the output's config loads, or a
 * source whose sessions the index holds (an adapter removed since). A typo is a usage error with the closest
 * name, not a search that silently finds nothing. The config and the index are asked only for names that are
 * not built in.
 */
export async function checkSearchSources(
  names: readonly string[],
  root: string,
  index: SearchIndex,
  io: CliIO,
): Promise<void> {
  const builtin = Object.keys(builtinSources);
  if (names.every((name) => builtin.includes(name))) return;
  const indexed = index.facets().source.map((facet) => facet.value);
  const known = [...new Set([...builtin, ...(await configuredSources(root, io)), ...indexed])];
  checkSourceNames(names, known);
}

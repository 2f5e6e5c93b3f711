import * as v from 'valibot';
import { strictTable } from '../options/kinds.js';
import type { Option } from '../options/option.js';
import { OPTIONS } from '../options/table.js';

type Tree = { [key: string]: Tree | v.GenericSchema };

/** Every TOML path an option lives at, with the schema of its value. */
function paths(): Array<[string, v.GenericSchema]> {
  return (Object.values(OPTIONS) as Array<Option<unknown, unknown>>).flatMap((option) => {
    const { config, schema } = option;
    if (!config || !schema) return [];
    const all = typeof config === 'string' ? [config] : Object.values(config);
    return [...new Set(all)].map((path): [string, v.GenericSchema] => [path, schema]);
  });
}

function toSchema(tree: Tree): v.GenericSchema {
  const entries: v.ObjectEntries = {};
  for (const [key, node] of Object.entries(tree)) {
    entries[key] = v.optional(
      'kind' in node && node.kind === 'schema' ? (node as v.GenericSchema) : toSchema(node as Tree),
    );
  }
  return strictTable(entries);
}

/**
 * The schema of `.convx/config.toml`, built from the option table: every option's TOML path (`backup.user`,
 * `exclude`) becomes a key of its section, every section a table that rejects unknown keys.
 */
export function buildConfigSchema(): v.GenericSchema {
  const root: Tree = {};
  for (const [path, schema] of paths()) {
    const keys = path.split('.');
    const leaf = keys.pop() as string;
    let node = root;
    for (const key of keys) {
      node[key] ??= {};
      node = node[key] as Tree;
    }
    node[leaf] = schema;
  }
  return toSchema(root);
}

export const configSchema = buildConfigSchema();

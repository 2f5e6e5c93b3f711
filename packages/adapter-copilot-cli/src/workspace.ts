import {
  type AdapterContext,
  asRecord,
  assignDefined,
  type DiagnosticsCollector,
  str,
  toIsoTime,
} from '@convx/core';
import type { WorkspaceFacts } from './types.js';

/**
 * Reads a session folder's `workspace.yaml`: the title (`name` since ~1.0.60 when the user named the
 * session, else `summary`, the title Copilot generated), the working folder, branch and repository. A file
 * that cannot be read or parsed gives no facts and a diagnostic: the events alone still make the session.
 */
export async function readWorkspace(
  ctx: AdapterContext,
  path: string,
  diagnostics: DiagnosticsCollector,
): Promise<WorkspaceFacts> {
  // Loaded here, when a session is read: a run with nothing to export (discovery only) never needs it.
  const { parse } = await import('yaml');
  let value: unknown;
  try {
    // A small file Copilot writes itself; a cap on aliases keeps a hostile one from expanding.
    value = parse(await ctx.readText(path), { maxAliasCount: 100 });
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    diagnostics.add('unreadable-workspace', `workspace.yaml could not be read (${why}); ignored`, { path });
    return {};
  }
  const record = asRecord(value);
  if (!record) return {};
  const name = nonEmpty(record.name);
  const summary = nonEmpty(record.summary);
  return assignDefined<WorkspaceFacts>(
    {},
    {
      title: record.user_named === true ? (name ?? summary) : (summary ?? name),
      cwd: nonEmpty(record.cwd),
      branch: nonEmpty(record.branch),
      repository: nonEmpty(record.repository),
      gitRoot: nonEmpty(record.git_root),
      createdAt: toIsoTime(yamlTime(record.created_at)),
      updatedAt: toIsoTime(yamlTime(record.updated_at)),
    },
  );
}

function nonEmpty(value: unknown): string | undefined {
  const text = str(value)?.trim();
  return text ? text : undefined;
}

/** YAML 1.2 leaves timestamps as strings; a number (epoch) is kept as it is. */
function yamlTime(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

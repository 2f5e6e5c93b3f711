import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listOutputFiles } from '../support/cli.js';

export interface Twin {
  sessionId: string;
  source: string;
  title?: string;
  messages: Array<{ kind: string; role?: string; text?: string; output?: string; input?: unknown }>;
  children?: Twin[];
}

/** Every JSON twin under the output (hidden `.<basename>.json` files), parsed: they must be valid JSON. */
export async function readTwins(out: string): Promise<Map<string, Twin>> {
  const twins = new Map<string, Twin>();
  for (const file of await listOutputFiles(out)) {
    const name = file.split('/').at(-1) ?? '';
    if (!file.startsWith('history/') || !name.startsWith('.') || !name.endsWith('.json')) continue;
    const twin = JSON.parse(await readFile(join(out, file), 'utf8')) as Twin;
    twins.set(twin.sessionId, twin);
  }
  return twins;
}

/** Every output file's path and content. */
export async function readOutputs(out: string): Promise<{ file: string; content: string }[]> {
  const files = await listOutputFiles(out);
  return Promise.all(files.map(async (file) => ({ file, content: await readFile(join(out, file), 'utf8') })));
}

/** `file: rule` for every needle found in any output file. */
export function leaks(
  outputs: readonly { file: string; content: string }[],
  needles: readonly { ruleId: string; core: string }[],
): string[] {
  return outputs.flatMap(({ file, content }) =>
    needles.filter(({ core }) => content.includes(core)).map(({ ruleId }) => `${file}: ${ruleId}`),
  );
}

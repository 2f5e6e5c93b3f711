// YAML front matter. Every scalar is written as a double-quoted string, so no title can break the block.

/** Characters YAML forbids or treats specially even inside double quotes; written as `\uXXXX` escapes. */
const UNSAFE_CLASS = '\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ufeff\\ufffe\\uffff';
const UNSAFE = new RegExp(`[${UNSAFE_CLASS}]`, 'g');
// Either of those, or any surrogate (most values have none, and JSON.stringify alone is then enough).
const NEEDS_CARE = new RegExp(`[${UNSAFE_CLASS}\\ud800-\\udfff]`);

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A YAML double-quoted scalar. JSON string syntax is valid YAML 1.2 double-quoted syntax; on top of it we
 * escape the characters YAML does not allow raw in a document (C1 controls, BOM, line/paragraph separators);
 * lone surrogates become U+FFFD.
 */
export function yamlString(value: string): string {
  if (!NEEDS_CARE.test(value)) return JSON.stringify(value);
  const json = JSON.stringify(value.replace(LONE_SURROGATE, '\ufffd'));
  return json.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export type FrontMatterValue = string | readonly string[] | undefined;

/** A complete front matter block (`---` … `---`); undefined values and empty lists are left out. */
export function frontMatter(entries: ReadonlyArray<readonly [string, FrontMatterValue]>): string {
  const lines = ['---'];
  for (const [key, value] of entries) {
    if (value === undefined) continue;
    if (typeof value === 'string') {
      lines.push(`${key}: ${yamlString(value)}`);
    } else if (value.length) {
      lines.push(`${key}:`);
      for (const item of value) lines.push(`  - ${yamlString(item)}`);
    }
  }
  lines.push('---', '');
  return lines.join('\n');
}

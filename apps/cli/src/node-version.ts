/** The oldest Node.js convx runs on (`engines.node`): `node:sqlite` and the stable fs APIs it uses. */
export const MIN_NODE = [22, 13] as const;

/** A one-sentence error when `version` (`process.versions.node`) is too old for convx, else undefined. */
export function unsupportedNode(version: string): string | undefined {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1])) return undefined;
  return `Node.js ${MIN_NODE.join('.')} or newer is needed, but this is ${version}; install a current Node.js (https://nodejs.org) and run it again.`;
}

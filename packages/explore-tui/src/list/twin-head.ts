import { open } from 'node:fs/promises';

export interface TwinHead {
  header: Record<string, unknown>;
  /** The first messages whose lines lie whole within the bytes read. */
  messages: Record<string, unknown>[];
}

/**
 * The header and first messages of a JSON twin, from its first `maxBytes` only (a twin is written one header
 * field and one message per line, see docs/output-format.md), so previewing a 200 MB session reads 256 KB.
 * A twin in another layout yields what could be read (possibly nothing); it never throws for its content.
 */
export async function readTwinHead(path: string, maxMessages = 8, maxBytes = 256 << 10): Promise<TwinHead> {
  const handle = await open(path, 'r');
  let text: string;
  let complete: boolean;
  try {
    const buffer = Buffer.allocUnsafe(maxBytes);
    const { bytesRead } = await handle.read(buffer, 0, maxBytes, 0);
    complete = bytesRead < maxBytes;
    text = buffer.toString('utf8', 0, bytesRead);
  } finally {
    await handle.close();
  }
  const lines = text.split('\n');
  // The last line may be cut in the middle unless the file ended within the read.
  if (!complete) lines.pop();
  const head: TwinHead = { header: {}, messages: [] };
  let inMessages = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (!inMessages) {
      if (line === '"messages": [') inMessages = true;
      else if (line.startsWith('"messages"')) break;
      else if (line.startsWith('"')) Object.assign(head.header, parseField(line));
      continue;
    }
    if (!line.startsWith('{') || head.messages.length >= maxMessages) break;
    const message = parseObject(line.endsWith(',') ? line.slice(0, -1) : line);
    if (message) head.messages.push(message);
  }
  return head;
}

function parseField(line: string): Record<string, unknown> {
  return parseObject(`{${line.endsWith(',') ? line.slice(0, -1) : line}}`) ?? {};
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

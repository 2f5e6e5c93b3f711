import { open } from 'node:fs/promises';

/**
 * One session of a JSON twin (the top-level one or a subagent), as byte ranges: where each message's JSON
 * lies in the file, never the messages themselves, so a 200 MB twin costs a few numbers per message.
 */
export interface TwinNode {
  /** The session's header fields (everything but `messages` and `children`). */
  header: Record<string, unknown>;
  /** Byte offset where message i's JSON starts, and where it ends (exclusive). */
  starts: number[];
  ends: number[];
  /** One letter per message (see kindLetter), for prompt jumps and hiding tool work without a read. */
  kinds: string;
  children: TwinNode[];
  /** Messages held in memory: only for a twin that is not in convx's line layout (read whole, when small). */
  inline?: unknown[];
}

export interface TwinOutline {
  path: string;
  size: number;
  mtimeMs: number;
  root: TwinNode;
}

const CHUNK = 1 << 20;
/** Bytes of each message line kept to classify it (`kind` and `role` come first in every adapter's output). */
const HEAD = 1024;
/** A header line longer than this is not a twin header. */
const MAX_HEADER_LINE = 16 << 20;
/** A twin not in the line layout is parsed whole only up to this size. */
const MAX_WHOLE_PARSE = 64 << 20;

export class TwinLayoutError extends Error {}

type Mode = 'header' | 'messages' | 'after-messages' | 'children' | 'after-children';
interface Frame {
  node: TwinNode;
  mode: Mode;
}

/**
 * Reads a twin once, line by line, and returns its outline. Twins are written by convx in a fixed layout
 * (header fields one per line, then one message per line, then children in the same layout, see
 * docs/output-format.md); a file that is not (edited by hand, pretty-printed) is parsed whole when small.
 */
export async function readTwinOutline(path: string): Promise<TwinOutline> {
  const handle = await open(path, 'r');
  try {
    const info = await handle.stat();
    let root: TwinNode;
    try {
      root = await scanLayout(handle, info.size);
    } catch (error) {
      if (!(error instanceof TwinLayoutError) || info.size > MAX_WHOLE_PARSE) throw error;
      root = nodeFromValue(JSON.parse(await handle.readFile('utf8')));
    }
    return { path, size: info.size, mtimeMs: info.mtimeMs, root };
  } finally {
    await handle.close();
  }
}

async function scanLayout(handle: import('node:fs/promises').FileHandle, size: number): Promise<TwinNode> {
  const stack: Frame[] = [];
  let root: TwinNode | undefined;
  const decoder = new TextDecoder();
  const buffer = Buffer.allocUnsafe(CHUNK);
  let position = 0;
  // The line being read: where it starts, its first bytes, and (in header mode) all of it.
  let lineStart = 0;
  let lineLength = 0;
  let head: Buffer[] = [];
  let headLength = 0;
  let lastByte = -1;

  const wantsWhole = () => (stack.at(-1)?.mode ?? 'header') === 'header';
  const onLine = () => {
    const text = decoder.decode(Buffer.concat(head, headLength));
    const indent = text.length - text.trimStart().length;
    const trimmed = text.trim();
    if (trimmed === '') return;
    const frame = stack.at(-1);
    if (!frame) {
      if (root || trimmed !== '{') throw new TwinLayoutError('not a twin');
      root = emptyNode();
      stack.push({ node: root, mode: 'header' });
      return;
    }
    switch (frame.mode) {
      case 'header': {
        if (trimmed === '"messages": [') frame.mode = 'messages';
        else if (trimmed === '"messages": []' || trimmed === '"messages": [],') frame.mode = 'after-messages';
        else if (trimmed.startsWith('"')) readHeaderField(frame.node, trimmed);
        else throw new TwinLayoutError('unexpected header line');
        return;
      }
      case 'messages': {
        if (trimmed.startsWith('{')) {
          const start = lineStart + Buffer.byteLength(text.slice(0, indent));
          const end = lineStart + lineLength - (lastByte === 0x2c ? 1 : 0) - (lastByte === 0x0d ? 1 : 0);
          frame.node.starts.push(start);
          frame.node.ends.push(end);
          frame.node.kinds += kindLetter(trimmed);
        } else if (trimmed === ']' || trimmed === '],') frame.mode = 'after-messages';
        else throw new TwinLayoutError('unexpected message line');
        return;
      }
      case 'after-messages':
      case 'after-children': {
        if (frame.mode === 'after-messages' && trimmed === '"children": [') frame.mode = 'children';
        else if (trimmed === '}' || trimmed === '},') stack.pop();
        else throw new TwinLayoutError('unexpected line after messages');
        return;
      }
      case 'children': {
        if (trimmed === '{') {
          const child = emptyNode();
          frame.node.children.push(child);
          stack.push({ node: child, mode: 'header' });
        } else if (trimmed === ']' || trimmed === '],') frame.mode = 'after-children';
        else throw new TwinLayoutError('unexpected child line');
      }
    }
  };

  while (position < size) {
    const { bytesRead } = await handle.read(buffer, 0, CHUNK, position);
    if (bytesRead === 0) break;
    const chunk = buffer.subarray(0, bytesRead);
    let from = 0;
    while (from < bytesRead) {
      const newline = chunk.indexOf(10, from);
      const end = newline === -1 ? bytesRead : newline;
      if (end > from) {
        const limit = wantsWhole() ? MAX_HEADER_LINE : HEAD;
        if (headLength < limit) {
          const take = Math.min(end - from, limit - headLength);
          head.push(Buffer.from(chunk.subarray(from, from + take)));
          headLength += take;
        }
        lineLength += end - from;
        lastByte = chunk[end - 1] ?? -1;
      }
      if (newline === -1) break;
      onLine();
      lineStart = position + newline + 1;
      lineLength = 0;
      head = [];
      headLength = 0;
      lastByte = -1;
      from = newline + 1;
    }
    position += bytesRead;
  }
  if (lineLength > 0) onLine();
  if (!root || stack.length > 0) throw new TwinLayoutError('the twin ends early');
  return root;
}

function emptyNode(): TwinNode {
  return { header: {}, starts: [], ends: [], kinds: '', children: [] };
}

function readHeaderField(node: TwinNode, trimmed: string): void {
  let field: unknown;
  try {
    field = JSON.parse(`{${trimmed.endsWith(',') ? trimmed.slice(0, -1) : trimmed}}`);
  } catch {
    throw new TwinLayoutError('unreadable header line');
  }
  Object.assign(node.header, field);
}

const KIND_PATTERN = /"kind":"([a-z-]+)"/;
const ROLE_PATTERN = /"role":"([a-z]+)"/;

/**
 * The letter of a message from the first bytes of its line: `p` a typed prompt, `a` assistant text, `t` tool
 * call, `r` tool result, `h` thinking, `c` context, `e` event, `?` anything else.
 */
function kindLetter(head: string): string {
  const kind = KIND_PATTERN.exec(head)?.[1];
  switch (kind) {
    case 'text':
      return ROLE_PATTERN.exec(head)?.[1] === 'user' ? 'p' : 'a';
    case 'tool-call':
      return 't';
    case 'tool-result':
      return 'r';
    case 'thinking':
      return 'h';
    case 'context':
      return 'c';
    case 'event':
      return 'e';
    default:
      return '?';
  }
}

/** The outline of a twin read whole (a file not in the line layout). */
function nodeFromValue(value: unknown): TwinNode {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TwinLayoutError('not a twin');
  }
  const { messages, children, ...header } = value as Record<string, unknown>;
  const list = Array.isArray(messages) ? messages : [];
  return {
    header,
    starts: [],
    ends: [],
    kinds: list.map((m) => kindLetter(JSON.stringify(m).slice(0, HEAD))).join(''),
    children: Array.isArray(children) ? children.map(nodeFromValue) : [],
    inline: list,
  };
}

import { EventEmitter } from 'node:events';
import type { SearchIndex } from '@convx/search';
import { render } from 'ink';
import { Root } from '../../src/ui/Root.js';

/** A terminal of a given size that keeps every frame Ink draws (and anything else written to it). */
class FakeStdout extends EventEmitter {
  readonly frames: string[] = [];
  readonly raw: string[] = [];
  isTTY = true;
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string, ...rest: unknown[]) => {
    if (frame !== '') this.frames.push(frame);
    // Ink waits for the write callback before it reports the app unmounted.
    const done = rest.find((arg) => typeof arg === 'function');
    if (typeof done === 'function') queueMicrotask(() => done());
    return true;
  };
}

/** Keys as a terminal sends them. */
export const KEY = {
  enter: '\r',
  escape: '\x1b',
  up: '\x1b[A',
  down: '\x1b[B',
  pageUp: '\x1b[5~',
  pageDown: '\x1b[6~',
  backspace: '\x7f',
  tab: '\t',
} as const;

class FakeStdin extends EventEmitter {
  isTTY = true;
  #pending: string[] = [];
  write(data: string) {
    this.#pending.push(data);
    this.emit('readable');
  }
  read = () => this.#pending.shift() ?? null;
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

export interface Screen {
  /** The latest frame as plain text (colours and styles removed). */
  text(): string;
  /** The latest frame as written, with its escape sequences. */
  ansi(): string;
  press(...keys: string[]): Promise<void>;
  resize(columns: number, rows: number): Promise<void>;
  /** Waits until the frame's text satisfies `check` (throws with the frame after `ms`). */
  waitFor(check: (text: string) => boolean, ms?: number): Promise<string>;
  raw: string[];
  exited: Promise<unknown>;
  unmount(): void;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping escape sequences is the point
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*(\x07|\x1b\\)/g;

/** Renders the terminal explorer over `index` in a fake terminal of `columns` × `rows`. */
export function renderTui(
  index: SearchIndex,
  options: { columns?: number; rows?: number; env?: Record<string, string | undefined> } = {},
): Screen {
  const stdout = new FakeStdout(options.columns ?? 80, options.rows ?? 24);
  const stdin = new FakeStdin();
  const raw: string[] = [];
  const instance = render(
    <Root
      environment={{
        index,
        outputRoot: index.outputRoot,
        env: options.env ?? {},
        platform: 'linux',
        home: '/home/alice',
        writeRaw: (sequence) => raw.push(sequence),
        tty: true,
      }}
    />,
    {
      // Ink takes Node streams; these fakes carry what it uses of them.
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
      debug: true,
      exitOnCtrlC: false,
      patchConsole: false,
    },
  );
  const ansi = () => stdout.frames.at(-1) ?? '';
  const text = () => ansi().replace(ANSI, '');
  const settle = () => new Promise((resolve) => setTimeout(resolve, 30));
  return {
    text,
    ansi,
    raw,
    exited: instance.waitUntilExit(),
    async press(...keys) {
      for (const key of keys) {
        stdin.write(key);
        await settle();
      }
    },
    async resize(columns, rows) {
      stdout.columns = columns;
      stdout.rows = rows;
      stdout.emit('resize');
      await settle();
    },
    async waitFor(check, ms = 3000) {
      const until = Date.now() + ms;
      while (!check(text())) {
        if (Date.now() > until) throw new Error(`timed out; the screen shows:\n${text()}`);
        await settle();
      }
      return text();
    },
    unmount: () => instance.unmount(),
  };
}

import type { SearchIndex } from '@convx/search';
import { createContext, useContext } from 'react';

/** What every screen needs from outside: the index, the output folder and the process's surroundings. */
export interface TuiEnvironment {
  index: SearchIndex;
  outputRoot: string;
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  /** The home folder, shown as `~` in project paths. */
  home: string | undefined;
  /** Writes straight to the terminal (OSC 52), bypassing Ink's frame. */
  writeRaw: (sequence: string) => void;
  /** Whether stdout is a terminal (OSC 52 only goes to one). */
  tty: boolean;
}

export const TuiContext = createContext<TuiEnvironment | undefined>(undefined);

export function useTui(): TuiEnvironment {
  const value = useContext(TuiContext);
  if (!value) throw new Error('useTui() outside <TuiContext.Provider>');
  return value;
}

/** A transient message in the status line. */
export interface Status {
  text: string;
  tone: 'info' | 'error';
}

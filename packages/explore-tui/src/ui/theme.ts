import { createContext, useContext } from 'react';

/** What a piece of text is; the theme decides how it looks. */
export type StyleName =
  | 'plain'
  | 'title'
  | 'dim'
  | 'user'
  | 'assistant'
  | 'tool'
  | 'thinking'
  | 'error'
  | 'ok'
  | 'mark'
  | 'source'
  | 'project'
  | 'key'
  | 'selected'
  | 'cursor'
  | 'status';

/** The props of Ink's <Text> a style sets. */
export interface TextStyle {
  color?: string;
  backgroundColor?: string;
  bold?: boolean;
  dimColor?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
}

export type Theme = Record<StyleName, TextStyle>;

const colored: Theme = {
  plain: {},
  title: { bold: true },
  dim: { dimColor: true },
  user: { color: 'cyan', bold: true },
  assistant: { color: 'green', bold: true },
  tool: { color: 'yellow' },
  thinking: { color: 'magenta', dimColor: true },
  error: { color: 'red' },
  ok: { color: 'green' },
  mark: { color: 'black', backgroundColor: 'yellow' },
  source: { color: 'blue' },
  project: { color: 'cyan' },
  key: { bold: true },
  selected: { inverse: true },
  cursor: { inverse: true },
  status: { color: 'yellow' },
};

/**
 * NO_COLOR (https://no-color.org): no colour at all, only the attributes every terminal has, so matches,
 * the selection and headings still stand out.
 */
const monochrome: Theme = {
  plain: {},
  title: { bold: true },
  dim: { dimColor: true },
  user: { bold: true },
  assistant: { bold: true },
  tool: {},
  thinking: { dimColor: true },
  error: { bold: true },
  ok: {},
  mark: { bold: true, underline: true },
  source: {},
  project: {},
  key: { bold: true },
  selected: { inverse: true },
  cursor: { inverse: true },
  status: { bold: true },
};

/** The theme for an environment: monochrome when NO_COLOR is set to anything but the empty string. */
export function themeFor(env: Readonly<Record<string, string | undefined>>): Theme {
  const noColor = env.NO_COLOR;
  return noColor !== undefined && noColor !== '' ? monochrome : colored;
}

export const ThemeContext = createContext<Theme>(colored);

export function useTheme(): Theme {
  return useContext(ThemeContext);
}

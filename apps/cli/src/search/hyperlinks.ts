import type { OutStream } from '../io.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Whether a terminal shows OSC 8 hyperlinks (the `supports-hyperlinks` package's rules, on the injected
 * environment): `FORCE_HYPERLINK` decides when set; else only on a terminal known to support them.
 */
export function supportsHyperlinks(stream: OutStream, env: Env): boolean {
  if (env.FORCE_HYPERLINK !== undefined)
    return env.FORCE_HYPERLINK !== '0' && env.FORCE_HYPERLINK !== 'false';
  if (stream.isTTY !== true || env.TERM === 'dumb' || env.CI || env.TEAMCITY_VERSION) return false;
  if (env.WT_SESSION || env.KITTY_WINDOW_ID || env.KONSOLE_VERSION || env.DOMTERM) return true;
  if (env.TERM === 'xterm-kitty' || env.TERM === 'alacritty' || env.TERM === 'xterm-ghostty') return true;
  const vte = Number(env.VTE_VERSION ?? '');
  if (vte >= 5000) return true;
  const [major = 0, minor = 0] = (env.TERM_PROGRAM_VERSION ?? '').split('.').map(Number);
  switch (env.TERM_PROGRAM) {
    case 'iTerm.app':
      return major > 3 || (major === 3 && minor >= 1);
    case 'WezTerm':
    case 'ghostty':
      return true;
    case 'vscode':
      return major > 1 || (major === 1 && minor >= 72);
    default:
      return false;
  }
}

/** `text` as an OSC 8 hyperlink to `url`. */
export function hyperlink(text: string, url: string): string {
  return `\u001b]8;;${url}\u001b\\${text}\u001b]8;;\u001b\\`;
}

/** A folder or file named by a VS Code URI, as a path a person would recognize. */
export interface UriPath {
  /** `/home/me/app`, or `C:\Users\me\app` for a Windows drive, or the remote machine's path. */
  path: string;
  /** For `vscode-remote://` URIs: the decoded authority, e.g. `ssh-remote+devbox`, `wsl+Ubuntu`. */
  remote?: string;
  /** Whether `path` is a Windows path (drive letter or UNC share). */
  windows: boolean;
}

const URI = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)/i;
const DRIVE = /^\/([a-z])(?::|%3a)(\/|$)/i;

/**
 * Turns a `file://` or `vscode-remote://` URI, as VS Code-family editors store them, into a path:
 * percent-decoded, Windows drives (`file:///c%3A/Users/me`) as `C:\Users\me`, UNC shares
 * (`file://server/share`) as `\\server\share`, trailing slashes dropped. Other schemes answer undefined.
 *
 * Whether the path is a Windows one comes from the URI itself, not from the machine reading it: a user
 * folder copied from Windows, or a remote server's folder, keeps the paths of the machine that wrote it.
 */
export function fileUriToPath(uri: string): UriPath | undefined {
  const match = URI.exec(uri.trim());
  if (!match) return undefined;
  const scheme = (match[1] ?? '').toLowerCase();
  const authority = decode(match[2] ?? '');
  const rawPath = match[3] || '/';
  if (scheme !== 'file' && scheme !== 'vscode-remote') return undefined;
  const drive = DRIVE.exec(rawPath);
  let resolved: UriPath;
  if (drive?.[1]) {
    const rest = decode(rawPath.slice(drive[0].length)).replace(/\/+$/, '');
    resolved = { path: `${drive[1].toUpperCase()}:\\${rest.replace(/\//g, '\\')}`, windows: true };
  } else if (scheme === 'file' && authority && authority !== 'localhost') {
    const rest = decode(rawPath).replace(/\/+$/, '');
    resolved = { path: `\\\\${authority}${rest.replace(/\//g, '\\')}`, windows: true };
  } else {
    resolved = { path: trimSlash(decode(rawPath)), windows: false };
  }
  if (scheme === 'vscode-remote') resolved.remote = authority;
  return resolved;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

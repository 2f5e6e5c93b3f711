import { type AdapterContext, splitPath } from '@convx/core';
import { cwdFromFolderName } from './paths.js';

/** The fingerprint the index recorded for a transcript the run knows to be out of scope, else undefined. */
export type Outside = (path: string) => string | undefined;

/**
 * In a filtered run (`convx sync`): for a conversation's own transcript (`<project>/<sessionId>.jsonl`) the
 * index records as out of scope, its recorded fingerprint — discovery then lists it without a stat or a peek
 * at its head. Only when what decided it cannot change: a conversation's folder is the first `cwd` its own
 * transcript records (that file is read first, whatever is appended or continued later). A recorded folder
 * that is just the guess from the project folder's name means no record named one yet, and a later one may:
 * such a transcript is discovered as always.
 */
export function knownOutside(ctx: AdapterContext): Outside | undefined {
  const scope = ctx.scope;
  if (!scope) return undefined;
  // The guess from a project folder's name, once per folder (not once per transcript in it).
  const guesses = new Map<string, string | undefined>();
  const guessFor = (projectDir: string) => {
    if (!guesses.has(projectDir)) guesses.set(projectDir, cwdFromFolderName(splitPath(projectDir).name));
    return guesses.get(projectDir);
  };
  // Asked twice of each transcript (listing it, then making its conversation's ref): answered once.
  const answers = new Map<string, string | undefined>();
  const answer = (path: string) => {
    if (!path.endsWith('.jsonl')) return undefined;
    const { dir, name } = splitPath(path);
    const sessionId = name.slice(0, -'.jsonl'.length);
    const known = scope.knownOutside(path, sessionId);
    if (!known?.cwd || known.sessionId !== sessionId) return undefined;
    return known.cwd === guessFor(dir) ? undefined : known.fingerprint;
  };
  return (path) => {
    if (answers.has(path)) return answers.get(path);
    const fingerprint = answer(path);
    answers.set(path, fingerprint);
    return fingerprint;
  };
}

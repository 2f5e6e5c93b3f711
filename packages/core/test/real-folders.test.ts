import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { RealFolders, UnsafeFolderError } from '../src/store/real-folders.js';

let root: string;
let outside: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'convx-folders-'));
  outside = mkdtempSync(join(tmpdir(), 'convx-outside-'));
});

describe('RealFolders', () => {
  it('makes missing folders one at a time, and finds existing ones', () => {
    const folders = new RealFolders(root);
    const dir = join(root, 'history', 'alice', 'codex');
    expect(folders.exists(dir)).toBe(false);
    folders.make(dir);
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(folders.exists(dir)).toBe(true);
    expect(new RealFolders(root).exists(dir)).toBe(true);
  });

  it('refuses a link anywhere on the way, naming it, and makes nothing through it', () => {
    mkdirSync(join(root, 'history'));
    symlinkSync(outside, join(root, 'history', 'alice'));
    const folders = new RealFolders(root);
    const dir = join(root, 'history', 'alice', 'codex', 'box');
    const refused = () => folders.make(dir);
    expect(refused).toThrow(UnsafeFolderError);
    expect(refused).toThrow(`${join(root, 'history', 'alice')} is a symbolic link`);
    expect(() => folders.exists(dir)).toThrow(/is a symbolic link/);
    expect(() => statSync(join(outside, 'codex'))).toThrow(/ENOENT/);
  });

  it('refuses a link to a folder at the last name too, and a file where a folder should be', () => {
    symlinkSync(outside, join(root, 'history'));
    expect(() => new RealFolders(root).exists(join(root, 'history'))).toThrow(
      expect.objectContaining({ kind: 'link', path: join(root, 'history') }),
    );
    writeFileSync(join(root, 'file'), 'x');
    expect(() => new RealFolders(root).make(join(root, 'file', 'below'))).toThrow(
      expect.objectContaining({ kind: 'not-a-folder', path: join(root, 'file') }),
    );
  });

  it('trusts the output root itself, even as a link, and refuses folders outside it', () => {
    const linkedRoot = join(outside, 'root-link');
    symlinkSync(root, linkedRoot);
    const folders = new RealFolders(linkedRoot);
    folders.make(join(linkedRoot, 'history'));
    expect(statSync(join(root, 'history')).isDirectory()).toBe(true);
    expect(() => folders.make(join(outside, 'x'))).toThrow(/outside the output/);
  });

  it('checks a folder again after it is forgotten (removed and replaced)', () => {
    const folders = new RealFolders(root);
    const dir = join(root, 'history', 'a');
    folders.make(dir);
    // Replaced behind the run's back; a forgotten folder is looked at again.
    rmSync(join(root, 'history'), { recursive: true });
    symlinkSync(outside, join(root, 'history'));
    folders.forget(join(root, 'history'));
    expect(() => folders.make(dir)).toThrow(/is a symbolic link/);
  });
});

import { describe, expect, it } from 'vitest';
import {
  backupLayout,
  createSession,
  fitFolders,
  folderBudget,
  historySubpathProblem,
  idTail,
  projectSegments,
  sanitizeRelativePath,
  sanitizeSegment,
  sessionBasename,
  slugify,
  timePrefix,
} from '../src/index.js';

describe('slugify', () => {
  it('folds accents, lower-cases and collapses runs of separators', () => {
    expect(slugify('  Café — déjà vu!!  Fix   the API__now ')).toBe('cafe-deja-vu-fix-the-api-now');
  });
  it('cuts at a word boundary at 60 characters at most', () => {
    const slug = slugify(
      'Refactor the authentication middleware so that expired tokens are refreshed transparently',
    );
    expect(slug).toBe('refactor-the-authentication-middleware-so-that-expired');
    expect(slug.length).toBeLessThanOrEqual(60);
  });
  it('cuts a single over-long word hard', () => {
    expect(slugify('a'.repeat(80))).toBe('a'.repeat(60));
  });
  it('gives an empty slug for text with no ASCII letters or digits', () => {
    expect(slugify('日本語のみ')).toBe('');
  });
  it('slugs a long text exactly as folding all of it would (it folds a prefix first)', () => {
    const foldAll = (text: string, max = 60) => {
      const ascii = text
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '');
      if (ascii.length <= max) return ascii;
      const cut = ascii.slice(0, max + 1);
      const boundary = cut.lastIndexOf('-');
      return (boundary > 0 ? cut.slice(0, boundary) : ascii.slice(0, max)).replace(/-+$/g, '');
    };
    let seed = 5;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x80000000;
    };
    // Some texts fold to little ASCII (punctuation, emoji, CJK), so a 240-character prefix can fold to less
    // than a slug and the whole text must be folded.
    const silent = ['Σ', '😀', '—', '!!', ' ', '日本', '\u0301', '\n'];
    const loud = ['é', 'ﬁ', 'İ', 'a', 'Zz', '9', 'word '];
    for (let round = 0; round < 400; round++) {
      let text = '';
      const share = random() * random();
      for (let n = 100 + Math.floor(random() * 400); n > 0; n--) {
        const from = random() < share ? loud : silent;
        text += from[Math.floor(random() * from.length)];
      }
      expect(slugify(text), JSON.stringify(text)).toBe(foldAll(text));
    }
  });
});

describe('sanitizeSegment', () => {
  it('neutralizes traversal, separators, control and reserved names', () => {
    expect(sanitizeSegment('..')).toBe('_');
    expect(sanitizeSegment('.')).toBe('_');
    expect(sanitizeSegment('a/b\\c')).toBe('a_b_c');
    expect(sanitizeSegment('bad\u0000name\u0007')).toBe('bad_name_');
    expect(sanitizeSegment('CON')).toBe('_CON');
    expect(sanitizeSegment('trailing. ')).toBe('trailing');
    expect(sanitizeSegment('ends.\u3000')).toBe('ends');
    expect(sanitizeSegment('a .\u00a0. ')).toBe('a');
    expect(sanitizeSegment('')).toBe('_');
    // Answers are remembered per segment and fallback: asking again, or with another fallback, is no different.
    expect(sanitizeSegment('', 'session')).toBe('session');
    expect(sanitizeSegment('')).toBe('_');
    expect(sanitizeSegment('..', 'x')).toBe('x');
    expect(sanitizeSegment('.git')).toBe('_.git');
    expect(sanitizeSegment('.GIT')).toBe('_.GIT');
  });
  it('keeps a name within the filesystem limit in bytes, cutting whole characters', () => {
    const cjk = sanitizeSegment('项目'.repeat(80));
    expect(Buffer.byteLength(cjk)).toBeLessThanOrEqual(200);
    expect(cjk).toBe('项目'.repeat(33));
    const emoji = sanitizeSegment('😀'.repeat(60));
    expect(emoji).toBe('😀'.repeat(50));
    expect(sanitizeSegment('a'.repeat(150))).toBe('a'.repeat(100));
  });
  it('never leaves a trailing dot or space where it cuts, so sanitizing twice changes nothing', () => {
    const cut = sanitizeSegment(`${'a'.repeat(98)}. tail`);
    expect(cut).toBe('a'.repeat(98));
    for (const raw of [
      `${'b'.repeat(99)} x`,
      `${'c'.repeat(97)}...z`,
      ' CON ',
      'x\u0001. ',
      '项目'.repeat(80),
      `con.${'d'.repeat(150)}`,
    ])
      expect(sanitizeSegment(sanitizeSegment(raw))).toBe(sanitizeSegment(raw));
    // A reserved name at the limit keeps its `_` prefix and stays within it.
    expect(sanitizeSegment(`con.${'d'.repeat(150)}`)).toBe(`_con.${'d'.repeat(95)}`);
  });
  it('drops empty, dot and dot-dot parts of relative paths', () => {
    expect(sanitizeRelativePath('../../etc//./passwd')).toEqual(['etc', 'passwd']);
  });
  it('removes invisible format characters: bidirectional controls, zero-width characters, the BOM', () => {
    // U+202E makes `report\u202Egpj.exe` display as `reportexe.jpg`.
    expect(sanitizeSegment('report\u202egpj.exe')).toBe('reportgpj.exe');
    expect(sanitizeSegment('\u202aa\u202bb\u202cc\u202dd\u202e')).toBe('abcd');
    expect(sanitizeSegment('\u2066x\u2067y\u2068z\u2069')).toBe('xyz');
    expect(sanitizeSegment('zero\u200bwidth\u200c\u200d\u200e\u200fspace')).toBe('zerowidthspace');
    expect(sanitizeSegment('\ufeffbom\u2060\u2061\u2062\u2063\u2064')).toBe('bom');
    expect(sanitizeSegment('soft\u00adhyphen\u061c\u180e')).toBe('softhyphen');
    expect(sanitizeSegment('tag\u{e0041}\u{e007f}s')).toBe('tags');
    // Nothing left but invisible characters: the fallback; an accent behind a joiner composes with its letter.
    expect(sanitizeSegment('\u200b\u202e')).toBe('_');
    expect(sanitizeSegment('e\u200d\u0301')).toBe('é');
    // C1 controls and line separators are replaced like the C0 ones.
    expect(sanitizeSegment('a\u0085b\u2028c\u2029d\u009b')).toBe('a_b_c_d_');
    // Visible text is left as it was: accents, CJK, emoji with their variation selectors.
    expect(sanitizeSegment('Café 项目 ❤️')).toBe('Café 项目 ❤️');
  });
});

describe('fitFolders', () => {
  const bytes = (segments: readonly string[]) => Buffer.byteLength(segments.join('/'));
  it('leaves folders that fit exactly as they are', () => {
    const segments = ['alice', 'codex', 'laptop', 'code', 'app'];
    expect(fitFolders(segments, 512)).toEqual(segments);
    const full = ['a'.repeat(200), 'b'.repeat(200), 'c'.repeat(110)];
    expect(bytes(full)).toBe(512);
    expect(fitFolders(full, 512)).toEqual(full);
  });
  it('shortens a path of 45 folders of 100 characters to the budget, with a stable hash of the whole', () => {
    const deep = [
      'alice',
      'codex',
      'laptop',
      '_root',
      ...Array.from({ length: 45 }, (_, i) => `${i}`.padEnd(100, 'x')),
    ];
    const fitted = fitFolders(deep, 512);
    expect(bytes(fitted)).toBeLessThanOrEqual(512);
    expect(fitted.slice(0, 4)).toEqual(['alice', 'codex', 'laptop', '_root']);
    expect(fitted.at(-1)).toMatch(/^44x{62}-[0-9a-f]{12}$/);
    expect(fitFolders([...deep], 512)).toEqual(fitted);
    // Another path with the same beginning and end gets another folder.
    const other = [...deep];
    other[20] = `${other[20]?.slice(0, 99)}y`;
    expect(fitFolders(other, 512).at(-1)).not.toBe(fitted.at(-1));
    expect(fitFolders(other, 512).slice(0, -1)).toEqual(fitted.slice(0, -1));
  });
  it('keeps every name whole, cutting only the last one, within a small budget too', () => {
    const wide = ['项目'.repeat(10), '😀'.repeat(50), '项目'.repeat(33)];
    const fitted = fitFolders(wide, 160);
    expect(bytes(fitted)).toBeLessThanOrEqual(160);
    expect(fitted).toEqual([wide[0], expect.stringMatching(/^(项目){10}项-[0-9a-f]{12}$/)]);
    expect(fitFolders(['x'.repeat(200), 'y'.repeat(200)], 160)).toEqual([
      expect.stringMatching(/^y{64}-[0-9a-f]{12}$/),
    ]);
  });
  it('budgets 512 bytes below a usual history folder, less below a long one, never under 160', () => {
    expect(folderBudget('/home/alice/ai-history/history')).toBe(512);
    expect(folderBudget(`/${'d'.repeat(499)}/history`)).toBe(1024 - 256 - 508 - 1);
    expect(folderBudget(`/${'d'.repeat(2000)}`)).toBe(160);
  });
});

describe('historySubpathProblem', () => {
  it('accepts a folder inside the output', () => {
    for (const ok of [
      'history',
      '.ai/history',
      'archive/ai',
      './history/',
      'convx',
      'history/.convx',
      '.gitlab',
    ])
      expect(historySubpathProblem(ok)).toBeUndefined();
  });
  it('refuses the output itself, anything outside it, and folders inside .convx/ or .git/', () => {
    expect(historySubpathProblem('.')).toBe('is empty');
    expect(historySubpathProblem('/srv/history')).toBe('is absolute');
    expect(historySubpathProblem('\\\\server\\share')).toBe('is absolute');
    expect(historySubpathProblem('c:history')).toBe('is absolute');
    expect(historySubpathProblem('a/../../b')).toBe('leaves the output folder');
    expect(historySubpathProblem('..\\b')).toBe('leaves the output folder');
    for (const state of ['.convx', '.convx/state/tmp', './.convx/x', '.CONVX/x', '.convx. /x'])
      expect(historySubpathProblem(state)).toMatch(/inside \.convx\//);
    for (const git of ['.git', '.git/hooks', 'history/.git', '.Git./x'])
      expect(historySubpathProblem(git)).toMatch(/inside \.git\//);
  });
});

describe('projectSegments', () => {
  it('makes a cwd relative to the home directory', () => {
    expect(projectSegments('/home/alice/code/app', '/home/alice')).toEqual(['code', 'app']);
    expect(projectSegments('/home/alice/', '/home/alice')).toEqual(['_home']);
  });
  it('puts paths outside home under _root, Windows drives by letter', () => {
    expect(projectSegments('/srv/www', '/home/alice')).toEqual(['_root', 'srv', 'www']);
    expect(projectSegments('C:\\Users\\Bob\\proj', 'C:\\Users\\bob')).toEqual(['proj']);
    expect(projectSegments('D:\\work\\x', 'C:\\Users\\bob')).toEqual(['_root', 'd', 'work', 'x']);
  });
  it("recognizes another machine's home in the recorded cwd", () => {
    expect(projectSegments('/home/alice/code/app', '/mnt/backup/alice')).toEqual(['code', 'app']);
    expect(projectSegments('/Users/bob/src/api', '/home/alice')).toEqual(['src', 'api']);
    expect(projectSegments('C:\\Users\\carol\\proj', '/home/alice')).toEqual(['proj']);
    expect(projectSegments('/root', '/home/alice')).toEqual(['_home']);
    expect(projectSegments('/homework/x', '/home/alice')).toEqual(['_root', 'homework', 'x']);
  });
  it('can never climb out, whatever the cwd says', () => {
    expect(projectSegments('/home/alice/../../../etc', '/home/alice')).toEqual(['etc']);
    expect(projectSegments('../../x', '/home/alice')).toEqual(['_root', 'x']);
    expect(projectSegments('/home/bob/../../etc/passwd', '/home/alice')).toEqual(['etc', 'passwd']);
  });
  it('marks an unknown project', () => {
    expect(projectSegments(undefined, '/home/alice')).toEqual(['_unknown-project']);
  });
});

describe('sessionBasename', () => {
  const base = { sessionId: '019a2b3c-4d5e-7f60-8a9b-0c1d2e3f4a5b', startedAt: '2026-03-04T05:06:07.000Z' };
  it('uses the UTC start time and the title', () => {
    expect(sessionBasename({ ...base, title: 'Fix flaky login test', messages: [] })).toBe(
      '2026-03-04-0506-fix-flaky-login-test',
    );
  });
  it('falls back to the first typed prompt, never injected context', () => {
    const messages = [
      { kind: 'context' as const, role: 'user' as const, label: 'AGENTS.md', text: 'Always run tests' },
      { kind: 'text' as const, role: 'user' as const, text: 'Why does the build fail?' },
    ];
    expect(sessionBasename({ ...base, messages })).toBe('2026-03-04-0506-why-does-the-build-fail');
  });
  it("falls back to the id's tail, and to zeros without a start time", () => {
    expect(sessionBasename({ sessionId: base.sessionId, messages: [] })).toBe('0000-00-00-0000-2e3f4a5b');
    expect(idTail('ABC-def')).toBe('abcdef');
    expect(timePrefix('not a date')).toBe('0000-00-00-0000');
  });
  it('gives the UTC date and time of any start, canonical or not, rolled over or not', () => {
    const viaDate = (startedAt: string) => {
      const d = new Date(startedAt);
      if (Number.isNaN(d.getTime())) return '0000-00-00-0000';
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}-${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}`;
    };
    for (const startedAt of [
      '2026-03-04T05:06:07.000Z',
      '2026-02-28T23:59:59.999Z',
      '2026-02-30T10:00:00.000Z', // rolls over into March
      '2026-04-31T10:00:00.000Z',
      '2026-12-31T23:59:00.000Z',
      '0999-01-02T03:04:05.000Z', // a three-digit year
      '2026-03-04T05:06:07Z',
      '2026-03-04T05:06:07.000+02:00',
      '2026-13-01T00:00:00.000Z',
    ]) {
      expect(timePrefix(startedAt), startedAt).toBe(viaDate(startedAt));
    }
  });
});

describe('backupLayout', () => {
  it('is <user>/<source>/<system>/<project>', () => {
    const layout = backupLayout({ user: 'alice', systemName: 'laptop', home: '/home/alice' });
    const session = createSession({
      source: 'codex',
      sessionId: 'x',
      cwd: '/home/alice/code/app',
      sourceLocation: { path: '/x' },
    });
    expect(layout(session)).toEqual(['alice', 'codex', 'laptop', 'code', 'app']);
  });
  it('puts a session of a remote host under _remote/<host>, apart from a local project of the same path', () => {
    const layout = backupLayout({ user: 'alice', systemName: 'laptop', home: '/home/alice' });
    const remote = createSession({
      source: 'cursor',
      sessionId: 'r',
      cwd: '/home/alice/services/billing',
      meta: { remote: 'ssh-remote+devbox' },
      sourceLocation: { path: '/x' },
    });
    expect(layout(remote)).toEqual([
      'alice',
      'cursor',
      'laptop',
      '_remote',
      'ssh-remote+devbox',
      'services',
      'billing',
    ]);
  });
});

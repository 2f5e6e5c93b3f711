// Some mid-2025 single-JSON rollouts store a message's `content` as the Python repr of a list of parts
// (`"[{'type': 'text', 'text': 'hi'}]"`). This reads Python literals leniently: lists, tuples, dicts,
// strings (either quote, escapes), numbers, True/False/None. Anything else: undefined.

class Reader {
  pos = 0;
  constructor(readonly src: string) {}

  skip(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos] as string)) this.pos++;
  }

  peek(): string {
    this.skip();
    return this.src[this.pos] ?? '';
  }

  expect(ch: string): void {
    if (this.peek() !== ch) throw new SyntaxError(`expected ${ch} at ${this.pos}`);
    this.pos++;
  }

  value(): unknown {
    const ch = this.peek();
    if (ch === '[' || ch === '(') return this.sequence(ch === '[' ? ']' : ')');
    if (ch === '{') return this.dict();
    if (ch === "'" || ch === '"') return this.string();
    if (/[rRuUbB]/.test(ch) && /['"]/.test(this.src[this.pos + 1] ?? '')) {
      const raw = ch === 'r' || ch === 'R';
      this.pos++;
      return this.string(raw);
    }
    return this.word();
  }

  sequence(close: string): unknown[] {
    this.pos++;
    const out: unknown[] = [];
    while (this.peek() !== close) {
      out.push(this.value());
      if (this.peek() === ',') this.pos++;
      else if (this.peek() !== close) throw new SyntaxError(`expected , or ${close} at ${this.pos}`);
    }
    this.pos++;
    return out;
  }

  dict(): Record<string, unknown> {
    this.pos++;
    const out: Record<string, unknown> = {};
    while (this.peek() !== '}') {
      const key = this.value();
      this.expect(':');
      out[String(key)] = this.value();
      if (this.peek() === ',') this.pos++;
      else if (this.peek() !== '}') throw new SyntaxError(`expected , or } at ${this.pos}`);
    }
    this.pos++;
    return out;
  }

  string(raw = false): string {
    const quote = this.src[this.pos] as string;
    const triple = this.src.startsWith(quote.repeat(3), this.pos);
    const end = triple ? quote.repeat(3) : quote;
    this.pos += end.length;
    let out = '';
    while (this.pos < this.src.length) {
      if (this.src.startsWith(end, this.pos)) {
        this.pos += end.length;
        return out;
      }
      const ch = this.src[this.pos++] as string;
      if (ch !== '\\' || raw) out += ch;
      else out += this.escape();
    }
    throw new SyntaxError('unterminated string');
  }

  escape(): string {
    const ch = this.src[this.pos++] ?? '';
    const simple: Record<string, string> = {
      n: '\n',
      t: '\t',
      r: '\r',
      '\\': '\\',
      "'": "'",
      '"': '"',
      '\n': '',
    };
    if (ch in simple) return simple[ch] as string;
    const width = ch === 'x' ? 2 : ch === 'u' ? 4 : ch === 'U' ? 8 : 0;
    if (width) {
      const hex = this.src.slice(this.pos, this.pos + width);
      if (/^[0-9a-fA-F]+$/.test(hex) && hex.length === width) {
        this.pos += width;
        return String.fromCodePoint(Number.parseInt(hex, 16));
      }
    }
    // Python keeps unknown escapes as written.
    return `\\${ch}`;
  }

  word(): unknown {
    const match = /^(True|False|None|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
      this.src.slice(this.pos, this.pos + 40),
    );
    if (!match?.[1]) throw new SyntaxError(`unexpected input at ${this.pos}`);
    this.pos += match[1].length;
    if (match[1] === 'True') return true;
    if (match[1] === 'False') return false;
    if (match[1] === 'None') return null;
    return Number(match[1]);
  }
}

/** Parses a Python literal, or returns undefined when the text is not one (trailing junk included). */
export function parsePythonLiteral(src: string): unknown {
  try {
    const reader = new Reader(src);
    const value = reader.value();
    return reader.peek() === '' ? value : undefined;
  } catch {
    return undefined;
  }
}

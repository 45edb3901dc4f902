// Parses JSON documents the way HCS reports bad ones: on failure, where (line and column, 1-based) and why.
// JSON.parse builds the value; when it fails, a small strict scanner walks the text to find the first error, because
// V8's messages do not reliably carry a position.

export type JsonParse =
  { ok: true; value: unknown } | { ok: false; line: number; column: number; offset: number; reason: string };

export function parseJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    const found = locateJsonError(text);
    if (found) return { ok: false, ...found };
    // The scanner accepts only what JSON.parse accepts, so this is a safety net, not an expected path.
    const pos = position(text, 0);
    return { ok: false, ...pos, offset: 0, reason: (e as Error).message };
  }
}

/** "line 3, column 7: expected ',' or '}' after a property value" */
export function describeJsonError(err: { line: number; column: number; reason: string }): string {
  return `line ${err.line}, column ${err.column}: ${err.reason}`;
}

interface Located {
  line: number;
  column: number;
  offset: number;
  reason: string;
}

class ScanError extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Returns the first syntax error in text, or null if it is valid JSON. */
export function locateJsonError(text: string): Located | null {
  try {
    const s = new Scanner(text);
    s.ws();
    if (s.at >= text.length) throw new ScanError(s.at, 'the document is empty');
    s.value(0);
    s.ws();
    if (s.at < text.length)
      throw new ScanError(s.at, `unexpected ${s.describe()} after the end of the document`);
    return null;
  } catch (e) {
    if (!(e instanceof ScanError)) throw e;
    return { ...position(text, e.offset), offset: e.offset, reason: e.reason };
  }
}

const MAX_DEPTH = 512;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

class Scanner {
  at = 0;
  constructor(private readonly text: string) {}

  describe(): string {
    if (this.at >= this.text.length) return 'end of the document';
    const c = this.text[this.at]!;
    return c === "'" ? `character "'"` : `character '${c}'`;
  }

  ws(): void {
    while (this.at < this.text.length) {
      const c = this.text.charCodeAt(this.at);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.at++;
      else break;
    }
  }

  value(depth: number): void {
    if (depth > MAX_DEPTH) throw new ScanError(this.at, 'the document is nested too deeply');
    const c = this.text[this.at];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.at)) {
        this.at += word.length;
        return;
      }
    }
    throw new ScanError(this.at, `expected a value but found ${this.describe()}`);
  }

  private object(depth: number): void {
    this.at++;
    this.ws();
    if (this.text[this.at] === '}') {
      this.at++;
      return;
    }
    for (;;) {
      this.ws();
      if (this.text[this.at] !== '"') {
        throw new ScanError(
          this.at,
          `expected a property name in double quotes but found ${this.describe()}`,
        );
      }
      this.string();
      this.ws();
      if (this.text[this.at] !== ':') {
        throw new ScanError(this.at, `expected ':' after a property name but found ${this.describe()}`);
      }
      this.at++;
      this.ws();
      this.value(depth + 1);
      this.ws();
      const c = this.text[this.at];
      if (c === ',') {
        this.at++;
        continue;
      }
      if (c === '}') {
        this.at++;
        return;
      }
      throw new ScanError(this.at, `expected ',' or '}' after a property value but found ${this.describe()}`);
    }
  }

  private array(depth: number): void {
    this.at++;
    this.ws();
    if (this.text[this.at] === ']') {
      this.at++;
      return;
    }
    for (;;) {
      this.ws();
      this.value(depth + 1);
      this.ws();
      const c = this.text[this.at];
      if (c === ',') {
        this.at++;
        continue;
      }
      if (c === ']') {
        this.at++;
        return;
      }
      throw new ScanError(this.at, `expected ',' or ']' after an array element but found ${this.describe()}`);
    }
  }

  private string(): void {
    const start = this.at;
    this.at++;
    while (this.at < this.text.length) {
      const c = this.text.charCodeAt(this.at);
      if (c === 0x22) {
        this.at++;
        return;
      }
      if (c < 0x20) throw new ScanError(this.at, 'control character in a string (escape it)');
      if (c === 0x5c) {
        const e = this.text[this.at + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.at + 2, this.at + 6))) {
            throw new ScanError(this.at, 'invalid \\u escape in a string');
          }
          this.at += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) {
          throw new ScanError(this.at, 'invalid escape sequence in a string');
        }
        this.at += 2;
        continue;
      }
      this.at++;
    }
    throw new ScanError(start, 'unterminated string');
  }

  private number(): void {
    NUMBER.lastIndex = this.at;
    const m = NUMBER.exec(this.text);
    if (!m) throw new ScanError(this.at, 'invalid number');
    this.at += m[0].length;
  }
}

/**
 * Where and why JSON text is broken, found by a small recursive-descent scan. JSON.parse's own messages
 * carry a position only in some engines and for some errors (Chromium says `Unexpected token ',', "…" is
 * not valid JSON` with none), so the contract locates syntax errors itself, the same in every engine.
 * Returns null for valid JSON.
 */
export function locateJsonError(text: string): { offset: number; reason: string } | null {
  let i = 0;
  class Fail {
    constructor(
      readonly offset: number,
      readonly reason: string,
    ) {}
  }
  const fail = (reason: string, at = i): never => {
    throw new Fail(at, reason);
  };
  // Not "unexpected the end of the document": at the end, say that the document stops too early.
  const unexpected = (at: number) =>
    at >= text.length ? 'the document ends too early' : `unexpected ${JSON.stringify(text[at])}`;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(`${unexpected(i)}: expected a value`);
  };
  const string = () => {
    const start = i;
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail('a string may not contain a line break or control character (use \\n)');
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
            fail('\\u must be followed by four hex digits');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail(`invalid escape \\${e ?? ''} in a string`);
      } else i++;
    }
    fail('unterminated string: a closing " is missing', start);
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || m[0] === '-') fail(`${unexpected(i)}: expected a value`);
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    if (c === "'") fail('strings must use double quotes (")');
    fail(
      c === undefined ? 'the document ends where a value is expected' : `${unexpected(i)}: expected a value`,
    );
  };
  const object = () => {
    i++;
    ws();
    if (text[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      ws();
      if (text[i] === '}') fail('trailing comma before "}"');
      if (text[i] !== '"') fail(`${unexpected(i)}: expected a property name in double quotes`);
      string();
      ws();
      if (text[i] !== ':') fail(`${unexpected(i)}: expected ":" after the property name`);
      i++;
      value();
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return;
      }
      fail(`${unexpected(i)}: expected "," or "}"`);
    }
  };
  const array = () => {
    i++;
    ws();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (;;) {
      ws();
      if (text[i] === ']') fail('trailing comma before "]"');
      value();
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return;
      }
      fail(`${unexpected(i)}: expected "," or "]"`);
    }
  };
  try {
    if (text.charCodeAt(0) === 0xfeff) i = 1;
    value();
    ws();
    if (i < text.length) fail(`${unexpected(i)} after the end of the document`);
    return null;
  } catch (e) {
    if (e instanceof Fail) return { offset: e.offset, reason: e.reason };
    throw e;
  }
}

/**
 * Where and why JSON text is broken, for people who typed it. JSON.parse's messages differ between engines
 * and often carry no position (Chromium: `Unexpected token ',', "…" is not valid JSON`), so when it refuses
 * a text, a strict scan (RFC 8259: no comments, no trailing commas, no single quotes) finds the first error
 * and names it in words. The scan keeps its own stack instead of recursing, so a hostile document nested a
 * million deep is answered like any other.
 */

/** A syntax error: where (0-based offset; 1-based line and column, in UTF-16 units) and why. */
export interface JsonSyntaxError {
  offset: number;
  line: number;
  column: number;
  reason: string;
}

export type JsonParseResult = { ok: true; value: unknown } | ({ ok: false } & JsonSyntaxError);

/** JSON.parse, or the first syntax error with its line, column and reason. */
export function parseJsonText(text: string): JsonParseResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    const found = locateJsonError(text);
    if (found) return { ok: false, ...found };
    // The scan accepts what JSON.parse refused (a leading byte-order mark): keep the engine's own words.
    return { ok: false, offset: 0, line: 1, column: 1, reason: e instanceof Error ? e.message : String(e) };
  }
}

/** "line 3, column 7: unexpected "1": expected "," or "}"" */
export function describeJsonError(error: Pick<JsonSyntaxError, 'line' | 'column' | 'reason'>): string {
  return `line ${error.line}, column ${error.column}: ${error.reason}`;
}

/** Line and column (1-based) of a character offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
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

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/** The first syntax error in `text`, or null when the scan finds none. A leading byte-order mark is skipped. */
export function locateJsonError(text: string): JsonSyntaxError | null {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  /** The closer each open object ("}") or array ("]") is waiting for, innermost last. */
  const open: Array<'}' | ']'> = [];

  const fail = (offset: number, reason: string): JsonSyntaxError => ({
    offset,
    ...positionOf(text, offset),
    reason,
  });
  /** What stands at `at`, quoted as JSON quotes it ("\"", "\u0001"). */
  const shown = (at: number) => JSON.stringify(text[at]);
  const skipWhitespace = () => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return;
      i++;
    }
  };
  /** An error at `i`, where `expected` should have stood. */
  const unexpected = (expected: string, after = ''): JsonSyntaxError => {
    if (i >= text.length) return fail(i, `the document ends where ${expected} is expected`);
    if (text[i] === '/') return fail(i, 'comments are not allowed in JSON');
    return fail(i, `unexpected ${shown(i)}: expected ${expected}${after}`);
  };

  const string = (): JsonSyntaxError | null => {
    const start = i;
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return null;
      }
      if (c === 0x0a || c === 0x0d) return fail(i, 'a string may not contain a line break (write \\n)');
      if (c < 0x20) return fail(i, 'a string may not contain a control character (escape it, e.g. \\t)');
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
            return fail(i, '\\u must be followed by four hex digits');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return fail(i, `invalid escape \\${e ?? ''} in a string`);
      } else i++;
    }
    return fail(start, 'unterminated string: a closing " is missing');
  };

  const number = (): JsonSyntaxError | null => {
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) return fail(i, 'invalid number: "-" must be followed by a digit');
    i += m[0].length;
    const next = text[i];
    if (next === '.') return fail(i, 'invalid number: "." must be followed by a digit');
    if (next === 'e' || next === 'E') return fail(i, 'invalid number: an exponent needs digits');
    return null;
  };

  /** A string, number or literal at `i`. */
  const scalar = (): JsonSyntaxError | null => {
    const c = text[i];
    if (c === '"') return string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return null;
      }
    }
    if (c === "'") return fail(i, 'strings must use double quotes (")');
    return unexpected('a value');
  };

  /** `"name" :` inside an object; leaves `i` after the colon. */
  const propertyName = (): JsonSyntaxError | null => {
    skipWhitespace();
    if (text[i] !== '"') return unexpected('a property name in double quotes');
    const err = string();
    if (err) return err;
    skipWhitespace();
    if (text[i] !== ':') return unexpected('":"', ' after the property name');
    i++;
    return null;
  };

  skipWhitespace();
  if (i >= text.length) return fail(0, 'the document is empty');
  for (;;) {
    // A value starts here.
    skipWhitespace();
    const c = text[i];
    if (c === '{' || c === '[') {
      const closer = c === '{' ? '}' : ']';
      i++;
      skipWhitespace();
      if (text[i] === closer) {
        i++; // an empty object or array: a complete value
      } else {
        open.push(closer);
        const err = closer === '}' ? propertyName() : null;
        if (err) return err;
        continue;
      }
    } else {
      const err = scalar();
      if (err) return err;
    }
    // A value has ended: close what it completes, then expect the next one.
    for (;;) {
      skipWhitespace();
      const closer = open.at(-1);
      if (closer === undefined) {
        return i < text.length ? fail(i, `unexpected ${shown(i)} after the end of the document`) : null;
      }
      if (text[i] === closer) {
        open.pop();
        i++;
        continue;
      }
      if (text[i] !== ',') return unexpected(`"," or "${closer}"`);
      i++;
      skipWhitespace();
      if (text[i] === closer) return fail(i, `trailing comma before "${closer}"`);
      const err = closer === '}' ? propertyName() : null;
      if (err) return err;
      break;
    }
  }
}

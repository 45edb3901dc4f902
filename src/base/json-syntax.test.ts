import { describe, expect, it } from 'vitest';
import { describeJsonError, locateJsonError, parseJsonText, positionOf } from './json-syntax.ts';

function reasonAt(text: string): string {
  const found = locateJsonError(text);
  if (!found) throw new Error(`expected an error in ${JSON.stringify(text)}`);
  return `${found.line}:${found.column} ${found.reason}`;
}

describe('locateJsonError', () => {
  it.each([
    ['{"Path": "C:\\Users\\me"}', '1:13 invalid escape \\U in a string'],
    ['{"a": "x\ny"}', '1:9 a string may not contain a line break (write \\n)'],
    ['["a\tb"]', '1:4 a string may not contain a control character (escape it, e.g. \\t)'],
    ['{\n  "a": 1,\n}', '3:1 trailing comma before "}"'],
    ['{"a": [1, 2', '1:12 the document ends where "," or "]" is expected'],
    ['{"a": 1 // c\n}', '1:9 comments are not allowed in JSON'],
    ['{"a": \'b\'}', '1:7 strings must use double quotes (")'],
    ['[-]', '1:2 invalid number: "-" must be followed by a digit'],
    ['[1.]', '1:3 invalid number: "." must be followed by a digit'],
    ['[1e]', '1:3 invalid number: an exponent needs digits'],
    ['{"a"', '1:5 the document ends where ":" is expected'],
    ['{', '1:2 the document ends where a property name in double quotes is expected'],
    ['["\\u12"]', '1:3 \\u must be followed by four hex digits'],
    [' \n ', '1:1 the document is empty'],
    ['{} {}', '1:4 unexpected "{" after the end of the document'],
  ])('%j → %s', (text, expected) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(reasonAt(text)).toBe(expected);
  });

  it('answers a document nested far deeper than any stack without recursing', () => {
    expect(reasonAt('['.repeat(1_000_000) + '}')).toBe('1:1000001 unexpected "}": expected a value');
    expect(locateJsonError('['.repeat(100_000) + ']'.repeat(100_000))).toBeNull();
  });

  it('finds nothing wrong in valid JSON', () => {
    for (const text of ['0', '-1.5e+3', '"\\u00e9"', '[]', '{}', ' {"a":{"b":[true,false,null,{}]}} ']) {
      expect(locateJsonError(text), text).toBeNull();
    }
  });
});

describe('parseJsonText', () => {
  it('returns the value, or the error with its place', () => {
    expect(parseJsonText('{"a":[1]}')).toEqual({ ok: true, value: { a: [1] } });
    const r = parseJsonText('{\n  "a": 1\n  "b": 2\n}');
    expect(r).toEqual({
      ok: false,
      offset: 13,
      line: 3,
      column: 3,
      reason: 'unexpected "\\"": expected "," or "}"',
    });
    if (!r.ok) expect(describeJsonError(r)).toBe('line 3, column 3: unexpected "\\"": expected "," or "}"');
  });

  it('keeps the engine words for what only JSON.parse refuses (a byte-order mark)', () => {
    const r = parseJsonText('\ufeff{}');
    expect(r).toMatchObject({ ok: false, line: 1, column: 1 });
  });
});

describe('positionOf', () => {
  it('counts lines and columns from 1', () => {
    expect(positionOf('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(positionOf('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});

describe('locateJsonError: the cases the contract was written for', () => {
  it('accepts what JSON.parse accepts', () => {
    for (const text of [
      '{}',
      ' [1, -2.5e3, "a\\"\\u00e9", true, false, null, {"x": []}] ',
      '"s"',
      '0',
      '\ufeff{}',
    ]) {
      expect(locateJsonError(text), text).toBeNull();
    }
  });

  it.each([
    ['{"a": ,}', 6, 'unexpected ",": expected a value'],
    ['{"a": 1,}', 8, 'trailing comma before "}"'],
    ['[1,]', 3, 'trailing comma before "]"'],
    ['{"a" 1}', 5, 'unexpected "1": expected ":" after the property name'],
    ['{a: 1}', 1, 'unexpected "a": expected a property name in double quotes'],
    ['{"a": 1 "b": 2}', 8, 'unexpected "\\"": expected "," or "}"'],
    ['{"a": "x', 6, 'unterminated string: a closing " is missing'],
    ["{'a': 1}", 1, 'unexpected "\'": expected a property name in double quotes'],
    ['{"a": tru}', 6, 'unexpected "t": expected a value'],
    ['{"a": 1}}', 8, 'unexpected "}" after the end of the document'],
    ['{"a": [1, 2}', 11, 'unexpected "}": expected "," or "]"'],
    ['{"a": 01}', 7, 'unexpected "1": expected "," or "}"'],
    ['{"a": "\\x"}', 7, 'invalid escape \\x in a string'],
    ['{"a":', 5, 'the document ends where a value is expected'],
  ])('%s → offset %i: %s', (text, offset, reason) => {
    expect(JSON.parse.bind(null, text)).toThrow();
    expect(locateJsonError(text)).toMatchObject({ offset, reason });
  });
});

function errorOf(text: string) {
  const r = parseJsonText(text);
  if (r.ok) throw new Error('expected a parse error');
  return r;
}

describe('parseJsonText: the cases the simulator was written for', () => {
  it('returns the value of valid JSON', () => {
    expect(parseJsonText('{"a":[1,2,{"b":null}]}')).toEqual({ ok: true, value: { a: [1, 2, { b: null }] } });
  });

  it('gives the line and column of a missing comma', () => {
    const e = errorOf('{\n  "a": 1\n  "b": 2\n}');
    expect(e).toMatchObject({ line: 3, column: 3 });
    expect(e.reason).toMatch(/expected "," or "}"/);
    expect(describeJsonError(e)).toMatch(/^line 3, column 3: /);
  });

  it('reports a trailing comma at the closing brace', () => {
    expect(errorOf('{"a":1,}')).toMatchObject({
      line: 1,
      column: 8,
      reason: expect.stringMatching(/trailing comma before "}"/),
    });
  });

  it('reports single quotes, bare words and truncation', () => {
    expect(errorOf("{'a':1}")).toMatchObject({ column: 2 });
    expect(errorOf('{"a": tru}').reason).toMatch(/expected a value/);
    expect(errorOf('{"a": [1, 2').reason).toMatch(/the document ends where "," or "\]" is expected/);
    expect(errorOf('{"a": "abc').reason).toMatch(/unterminated string/);
  });

  it('reports content after the document and an empty document', () => {
    expect(errorOf('{} {}')).toMatchObject({ column: 4, reason: expect.stringMatching(/after the end/) });
    expect(errorOf('   ').reason).toMatch(/empty/);
  });

  it('reports bad numbers and escapes', () => {
    expect(errorOf('[01]')).toMatchObject({ column: 3 });
    expect(errorOf('[-]').reason).toMatch(/invalid number/);
    expect(errorOf('["\\x"]').reason).toMatch(/escape/);
    expect(errorOf('["a\tb"]').reason).toMatch(/control character/);
  });

  it('finds nothing wrong in valid JSON', () => {
    for (const text of ['0', '-1.5e+3', '"\\u00e9"', '[]', '{"a":{"b":[true,false,null]}}']) {
      expect(locateJsonError(text)).toBeNull();
    }
  });
});

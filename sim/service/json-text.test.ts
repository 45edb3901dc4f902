import { describe, expect, it } from 'vitest';
import { describeJsonError, locateJsonError, parseJson } from './json-text.ts';

function errorOf(text: string) {
  const r = parseJson(text);
  if (r.ok) throw new Error('expected a parse error');
  return r;
}

describe('parseJson', () => {
  it('returns the value of valid JSON', () => {
    expect(parseJson('{"a":[1,2,{"b":null}]}')).toEqual({ ok: true, value: { a: [1, 2, { b: null }] } });
  });

  it('gives the line and column of a missing comma', () => {
    const e = errorOf('{\n  "a": 1\n  "b": 2\n}');
    expect(e).toMatchObject({ line: 3, column: 3 });
    expect(e.reason).toMatch(/expected ',' or '}' after a property value/);
    expect(describeJsonError(e)).toMatch(/^line 3, column 3: /);
  });

  it('reports a trailing comma at the closing brace', () => {
    expect(errorOf('{"a":1,}')).toMatchObject({
      line: 1,
      column: 8,
      reason: expect.stringMatching(/property name/),
    });
  });

  it('reports single quotes, bare words and truncation', () => {
    expect(errorOf("{'a':1}")).toMatchObject({ column: 2 });
    expect(errorOf('{"a": tru}').reason).toMatch(/expected a value/);
    expect(errorOf('{"a": [1, 2').reason).toMatch(/end of the document/);
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

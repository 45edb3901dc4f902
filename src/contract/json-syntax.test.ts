import { describe, expect, it } from 'vitest';
import { locateJsonError } from './json-syntax.ts';
import { checkJsonText } from './json-text.ts';

describe('locateJsonError', () => {
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
    // Never "unexpected the end of the document" (issue 12 §6).
    ['{"a": 1', 7, 'the document ends too early: expected "," or "}"'],
    ['[1, 2', 5, 'the document ends too early: expected "," or "]"'],
    ['{"a": 1,', 8, 'the document ends too early: expected a property name in double quotes'],
  ])('%s → offset %i: %s', (text, offset, reason) => {
    expect(JSON.parse.bind(null, text)).toThrow();
    expect(locateJsonError(text)).toEqual({ offset, reason });
  });
});

describe('checkJsonText', () => {
  it('reports the line and column of a syntax error, whatever the engine says', () => {
    const checked = checkJsonText(
      '{\n  "SchemaVersion": { "Major": 2, "Minor": 1 },\n  "VirtualMachine": { "Chipset": ,\n}\n',
    );
    expect(checked).toEqual({
      ok: false,
      problem: { line: 3, column: 34, reason: 'unexpected ",": expected a value' },
    });
  });
});

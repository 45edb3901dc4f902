import { describe, expect, it } from 'vitest';
import { checkJsonText } from './json-text.ts';

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

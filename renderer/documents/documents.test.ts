import { describe, expect, it } from 'vitest';
import { checkCreateDocument } from './create-document.ts';
import { checkModifyRequest } from './modify-request.ts';
import { formatProblem, topLevelKeyOffsets } from './problems.ts';
import { CREATE_TEMPLATES, MODIFY_TEMPLATES, templateText } from './templates.ts';

describe('create documents', () => {
  it('accepts every template', () => {
    for (const t of CREATE_TEMPLATES) expect(checkCreateDocument(templateText(t)), t.name).toEqual([]);
  });

  it('reports broken JSON with its line and reason', () => {
    const problems = checkCreateDocument(
      '{\n  "SchemaVersion": {"Major": 2, "Minor": 1},\n  "Owner": "x",,\n}',
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]?.line).toBe(3);
    expect(problems[0]?.reason).not.toBe('');
  });

  it('reports an empty document and a non-object', () => {
    expect(checkCreateDocument('  ')[0]?.reason).toBe('the document is empty');
    expect(checkCreateDocument('[1]')[0]?.reason).toMatch(/must be a JSON object/);
  });

  it('lists every shape problem, each at its key', () => {
    const text =
      '{\n  "SchemaVersion": {"Major": 3},\n  "Owner": 5,\n  "Container": {},\n  "VirtualMachine": {}\n}';
    const problems = checkCreateDocument(text).map(formatProblem);
    expect(problems).toEqual([
      'Line 2, column 3: "SchemaVersion" must be an object like {"Major": 2, "Minor": 1}',
      'Line 5, column 3: only one of "Container", "VirtualMachine" may be present',
      'Line 3, column 3: "Owner" must be a string',
    ]);
  });

  it('needs SchemaVersion or SystemType, and a Container SystemType for schema 1', () => {
    expect(checkCreateDocument('{"Owner": "x"}').map((p) => p.reason)).toEqual([
      'the document needs "SchemaVersion" (schema 2) or "SystemType" (schema 1)',
    ]);
    expect(checkCreateDocument('{"SystemType": "VirtualMachine"}').map((p) => p.reason)).toEqual([
      'a schema 1 document must have "SystemType": "Container"',
    ]);
  });

  it('needs a body in a schema 2 document and a host for a hosted one', () => {
    expect(checkCreateDocument('{"SchemaVersion": {"Major": 2, "Minor": 1}}')[0]?.reason).toMatch(
      /needs one of/,
    );
    expect(
      checkCreateDocument('{"SchemaVersion": {"Major": 2, "Minor": 1}, "HostedSystem": {}}')[0]?.reason,
    ).toMatch(/needs "HostingSystemId"/);
  });
});

describe('modify requests', () => {
  it('accepts every template', () => {
    for (const t of MODIFY_TEMPLATES) expect(checkModifyRequest(templateText(t)), t.name).toEqual([]);
  });

  it('needs a target, a valid RequestType and Settings for Add/Update', () => {
    expect(checkModifyRequest('{}').map((p) => p.reason)).toEqual([
      'the request needs "ResourcePath" (schema 2), "GuestRequest" or "ResourceType" (schema 1)',
    ]);
    expect(checkModifyRequest('{"ResourcePath": "a", "RequestType": "Grow"}').map((p) => p.reason)).toEqual([
      '"RequestType" must be one of Add, Remove, Update, PreAdd',
      'an Add or Update request needs "Settings"',
    ]);
    expect(checkModifyRequest('{"ResourcePath": "a", "RequestType": "Remove"}')).toEqual([]);
    expect(checkModifyRequest('{"GuestRequest": {"ResourceType": "Network"}}')).toEqual([]);
  });
});

describe('topLevelKeyOffsets', () => {
  it('finds only top-level keys, across escapes and nesting', () => {
    const text = '{"a": {"b": 1}, "c\\"d": "x,\\"e\\": 1", "f": [ {"g": 2} ]}';
    const keys = topLevelKeyOffsets(text);
    expect([...keys.keys()]).toEqual(['a', 'c"d', 'f']);
    expect(text.slice(keys.get('f')!, keys.get('f')! + 3)).toBe('"f"');
  });
});

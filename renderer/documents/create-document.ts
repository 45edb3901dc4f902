import { parseObject, problemAt, type DocumentProblem } from './problems.ts';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Every problem we can see in a create document before HCS does: the JSON itself, then the shape of a
 * schema1 document (`SystemType`) or a schema2 one (`SchemaVersion` and one of Container, VirtualMachine
 * or HostedSystem) — docs/hcs/schema.md#containerconfig and docs/hcs/schema.md#computesystem.
 */
export function checkCreateDocument(text: string): DocumentProblem[] {
  const parsed = parseObject(text);
  if (!parsed.ok) return parsed.problems;
  const { value: doc, keys } = parsed;
  const at = (key: string | null, reason: string) => problemAt(text, keys, key, reason);
  const problems: DocumentProblem[] = [];

  const hasV2 = 'SchemaVersion' in doc;
  const hasV1 = 'SystemType' in doc;
  if (!hasV1 && !hasV2) {
    problems.push(at(null, 'the document needs "SchemaVersion" (schema 2) or "SystemType" (schema 1)'));
  }
  if (hasV2) {
    const v = doc.SchemaVersion;
    if (!isPlainObject(v) || !Number.isInteger(v.Major) || !Number.isInteger(v.Minor)) {
      problems.push(at('SchemaVersion', '"SchemaVersion" must be an object like {"Major": 2, "Minor": 1}'));
    } else if (v.Major !== 2) {
      problems.push(at('SchemaVersion', `"SchemaVersion" Major must be 2 (got ${String(v.Major)})`));
    }
    const bodies = ['Container', 'VirtualMachine', 'HostedSystem'].filter((k) => k in doc);
    if (bodies.length === 0) {
      problems.push(
        at(
          'SchemaVersion',
          'a schema 2 document needs one of "Container", "VirtualMachine" or "HostedSystem"',
        ),
      );
    } else if (bodies.length > 1) {
      problems.push(
        at(bodies[1] ?? null, `only one of ${bodies.map((b) => `"${b}"`).join(', ')} may be present`),
      );
    }
    for (const body of bodies) {
      if (!isPlainObject(doc[body])) problems.push(at(body, `"${body}" must be an object`));
    }
    if ('HostedSystem' in doc && typeof doc.HostingSystemId !== 'string') {
      problems.push(
        at('HostedSystem', '"HostedSystem" needs "HostingSystemId", the id of the utility VM hosting it'),
      );
    }
  }
  if (hasV1 && !hasV2) {
    if (typeof doc.SystemType !== 'string' || doc.SystemType.toLowerCase() !== 'container') {
      problems.push(at('SystemType', 'a schema 1 document must have "SystemType": "Container"'));
    }
    if ('Layers' in doc && !Array.isArray(doc.Layers))
      problems.push(at('Layers', '"Layers" must be an array'));
  }
  for (const key of ['Owner', 'Name', 'HostingSystemId']) {
    if (key in doc && typeof doc[key] !== 'string') problems.push(at(key, `"${key}" must be a string`));
  }
  return problems;
}

import { parseObject, problemAt, type DocumentProblem } from './problems.ts';

const REQUEST_TYPES = ['Add', 'Remove', 'Update', 'PreAdd'];

/**
 * Problems in a modify request: a schema2 ModifySettingRequest (`ResourcePath`, or a `GuestRequest` for
 * the guest) or a schema1 ResourceModificationRequestResponse (`ResourceType`) — docs/hcs/schema.md#modify-requests
 * and docs/hcs/schema.md#resourcemodificationrequestresponse.
 */
export function checkModifyRequest(text: string): DocumentProblem[] {
  const parsed = parseObject(text);
  if (!parsed.ok) return parsed.problems;
  const { value: doc, keys } = parsed;
  const at = (key: string | null, reason: string) => problemAt(text, keys, key, reason);
  const problems: DocumentProblem[] = [];
  if (!('ResourcePath' in doc) && !('ResourceType' in doc) && !('GuestRequest' in doc)) {
    problems.push(
      at(null, 'the request needs "ResourcePath" (schema 2), "GuestRequest" or "ResourceType" (schema 1)'),
    );
  }
  if ('ResourcePath' in doc && (typeof doc.ResourcePath !== 'string' || doc.ResourcePath === '')) {
    problems.push(
      at(
        'ResourcePath',
        '"ResourcePath" must be a non-empty string such as "VirtualMachine/ComputeTopology/Memory/SizeInMB"',
      ),
    );
  }
  if ('ResourceType' in doc && typeof doc.ResourceType !== 'string') {
    problems.push(at('ResourceType', '"ResourceType" must be a string such as "Network"'));
  }
  const targetsResource = 'ResourcePath' in doc || 'ResourceType' in doc;
  if (!('RequestType' in doc)) {
    if (targetsResource)
      problems.push(at(null, `the request needs "RequestType" (${REQUEST_TYPES.join(', ')})`));
  } else if (typeof doc.RequestType !== 'string' || !REQUEST_TYPES.includes(doc.RequestType)) {
    problems.push(at('RequestType', `"RequestType" must be one of ${REQUEST_TYPES.join(', ')}`));
  }
  if (targetsResource && doc.RequestType !== 'Remove' && !('Settings' in doc) && !('GuestRequest' in doc)) {
    problems.push(at(null, 'an Add or Update request needs "Settings"'));
  }
  return problems;
}

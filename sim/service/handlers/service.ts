// The service-wide ops: HcsGetServiceProperties and HcsModifyServiceSettings.
import { availableParallelism } from 'node:os';
import { fail, HR } from '../hresult.ts';
import { describeJsonError, parseJson } from '../json-text.ts';
import { Op } from '../ops.ts';
import { serviceProperties } from '../properties.ts';
import { parseServicePropertyQuery } from '../query.ts';
import { str, type OpSpec } from './spec.ts';

function checkServiceSettings(text: string | null): void {
  if (text === null || text.trim() === '')
    throw fail(HR.INVALID_JSON, 'The service settings document is empty.');
  const parsed = parseJson(text);
  if (!parsed.ok)
    throw fail(HR.INVALID_JSON, `The service settings are not valid JSON: ${describeJsonError(parsed)}.`);
  const v = parsed.value as Record<string, unknown> | null;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw fail(HR.INVALID_JSON, 'The service settings must be a ModificationRequest object.');
  }
  if (typeof v.PropertyType !== 'string' || v.PropertyType === '') {
    throw fail(HR.E_INVALIDARG, 'The ModificationRequest needs a PropertyType (e.g. "CpuGroup").');
  }
}

export const serviceOps: OpSpec[] = [
  {
    op: Op.ModifyServiceSettings,
    name: 'ModifyServiceSettings',
    args: [['settings', 'str']],
    out: [['result', 'str']],
    run: (_c, a) => {
      checkServiceSettings(str(a, 'settings'));
      return {};
    },
  },
  {
    op: Op.GetServiceProperties,
    name: 'GetServiceProperties',
    args: [['propertyQuery', 'str']],
    out: [
      ['properties', 'str'],
      ['result', 'str'],
    ],
    json: 'properties',
    run: (_c, a) => {
      const q = parseServicePropertyQuery(str(a, 'propertyQuery'));
      if (!q.ok) throw fail(q.hr, q.message);
      return { out: { properties: JSON.stringify(serviceProperties(q.types, availableParallelism())) } };
    },
  },
];

// The service-wide ops: HcsGetServiceProperties and HcsModifyServiceSettings.
import { Op } from '../ops.ts';
import { str, type OpSpec } from './spec.ts';

export const serviceOps: OpSpec[] = [
  {
    op: Op.ModifyServiceSettings,
    name: 'ModifyServiceSettings',
    args: [['settings', 'str']],
    out: [['result', 'str']],
    run: (c, a) => {
      c.engine.hostService.modifySettings(str(a, 'settings'));
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
    run: (c, a) => ({ out: { properties: c.engine.hostService.properties(str(a, 'propertyQuery')) } }),
  },
];

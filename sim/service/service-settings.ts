// HcsModifyServiceSettings documents (schema2 ModificationRequest `{"PropertyType":…,"Settings":…}`), read into
// what the service applies: CPU group operations (Microsoft's service sample creates one) and Container Credential
// Guard instances (hcsshim adds one per container that asks for a gMSA credential spec). Other property types are
// accepted and change nothing the simulator shows.
import { fail, HR } from './hresult.ts';
import { describeJsonError, parseJsonText } from '../../src/base/index.ts';

type Obj = Record<string, unknown>;

export type ServiceSetting =
  | { kind: 'createCpuGroup'; groupId: string; processors: number[] }
  | { kind: 'deleteCpuGroup'; groupId: string }
  | { kind: 'setCpuGroupProperty'; groupId: string; code: number; value: number }
  | { kind: 'addCredentialGuard'; id: string; credentialSpec: string; transport: 'LRPC' | 'HvSocket' }
  | { kind: 'removeCredentialGuard'; id: string }
  | { kind: 'other'; propertyType: string };

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function invalid(message: string): never {
  throw fail(HR.E_INVALIDARG, message);
}

function details(settings: Obj, what: string): Obj {
  const d = settings.OperationDetails;
  if (!isObject(d)) invalid(`${what} needs OperationDetails (an object).`);
  return d;
}

function stringField(o: Obj, key: string, what: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v === '') invalid(`${what} needs ${key} (a non-empty string).`);
  return v;
}

function cpuGroup(settings: Obj): ServiceSetting {
  const op = typeof settings.Operation === 'string' ? settings.Operation : '';
  switch (op.toLowerCase()) {
    case 'creategroup': {
      const d = details(settings, 'CreateGroup');
      const processors = d.LogicalProcessors;
      if (!Array.isArray(processors) || !processors.every((p) => Number.isInteger(p) && p >= 0))
        invalid('CreateGroup needs LogicalProcessors (an array of processor indexes).');
      const lps = processors as number[];
      if (d.LogicalProcessorCount !== undefined && d.LogicalProcessorCount !== lps.length)
        invalid('CreateGroup: LogicalProcessorCount does not match LogicalProcessors.');
      return { kind: 'createCpuGroup', groupId: stringField(d, 'GroupId', 'CreateGroup'), processors: lps };
    }
    case 'deletegroup':
      return {
        kind: 'deleteCpuGroup',
        groupId: stringField(details(settings, 'DeleteGroup'), 'GroupId', 'DeleteGroup'),
      };
    case 'setproperty': {
      const d = details(settings, 'SetProperty');
      const code = d.PropertyCode;
      const value = d.PropertyValue;
      if (!Number.isInteger(code) || !Number.isInteger(value))
        invalid('SetProperty needs PropertyCode and PropertyValue (integers).');
      return {
        kind: 'setCpuGroupProperty',
        groupId: stringField(d, 'GroupId', 'SetProperty'),
        code: code as number,
        value: value as number,
      };
    }
    default:
      return invalid(
        `Unknown CpuGroup operation ${JSON.stringify(settings.Operation)}: expected CreateGroup, DeleteGroup or SetProperty.`,
      );
  }
}

function credentialGuard(settings: Obj): ServiceSetting {
  const op = typeof settings.Operation === 'string' ? settings.Operation : '';
  switch (op.toLowerCase()) {
    case 'addinstance': {
      const d = details(settings, 'AddInstance');
      const transport = typeof d.Transport === 'string' ? d.Transport : '';
      const t =
        transport.toLowerCase() === 'hvsocket'
          ? 'HvSocket'
          : transport.toLowerCase() === 'lrpc'
            ? 'LRPC'
            : null;
      if (t === null) invalid('AddInstance needs Transport LRPC or HvSocket.');
      return {
        kind: 'addCredentialGuard',
        id: stringField(d, 'Id', 'AddInstance'),
        credentialSpec: stringField(d, 'CredentialSpec', 'AddInstance'),
        transport: t,
      };
    }
    case 'removeinstance':
      return {
        kind: 'removeCredentialGuard',
        id: stringField(details(settings, 'RemoveInstance'), 'Id', 'RemoveInstance'),
      };
    default:
      return invalid(
        `Unknown ContainerCredentialGuard operation ${JSON.stringify(settings.Operation)}: expected AddInstance or RemoveInstance.`,
      );
  }
}

export function parseServiceSettings(text: string | null): ServiceSetting {
  if (text === null || text.trim() === '')
    throw fail(HR.INVALID_JSON, 'The service settings document is empty.');
  const parsed = parseJsonText(text);
  if (!parsed.ok)
    throw fail(HR.INVALID_JSON, `The service settings are not valid JSON: ${describeJsonError(parsed)}.`);
  const v = parsed.value;
  if (!isObject(v)) throw fail(HR.INVALID_JSON, 'The service settings must be a ModificationRequest object.');
  if (typeof v.PropertyType !== 'string' || v.PropertyType === '')
    invalid('The ModificationRequest needs a PropertyType (e.g. "CpuGroup").');
  const type = v.PropertyType;
  const settings = v.Settings;
  if (type.toLowerCase() === 'cpugroup') {
    if (!isObject(settings))
      invalid('CpuGroup settings must be an object with Operation and OperationDetails.');
    return cpuGroup(settings);
  }
  if (type.toLowerCase() === 'containercredentialguard') {
    if (!isObject(settings))
      invalid('ContainerCredentialGuard settings must be an object with Operation and OperationDetails.');
    return credentialGuard(settings);
  }
  return { kind: 'other', propertyType: type };
}

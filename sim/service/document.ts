// Validation of HcsCreateComputeSystem documents and what the service derives from them (name, owner, type, OS,
// sizing). Tolerant like HCS of fields it does not know: it rejects only what HCS would — text that is not JSON, a
// document that is not an object, a v1 document without a valid SystemType, a v2 document that describes neither a
// container nor a virtual machine, and the wrong JSON type in a field it reads.
import { HR } from './hresult.ts';
import { describeJsonError, parseJsonText } from '../../src/base/index.ts';

export type SystemType = 'Container' | 'VirtualMachine';
export type OsType = 'windows' | 'linux';

export interface SystemDescription {
  schema: 1 | 2;
  /** v1 Name, else the id. */
  name: string;
  /** null when the document names none (the service then records the creating client's name). */
  owner: string | null;
  systemType: SystemType;
  runtimeOsType: OsType;
  hostingSystemId: string | null;
  terminateOnLastHandleClosed: boolean;
  memorySizeInMB: number | null;
  processorCount: number | null;
  /** VM memory that may be trimmed (AllowOvercommit); reported as BalancingEnabled. */
  memoryOvercommit: boolean;
  /** A HostProcess container (schema2 Container.IsolationType): a process of the host, not of a silo. */
  hostProcess: boolean;
  /** v1 MappedVirtualDisks, kept for the MappedVirtualDisk property. */
  mappedVirtualDisks: Record<string, unknown>[];
  /** Network endpoints (v1 EndpointList, v2 network adapters' EndpointId), for network statistics. */
  networkEndpoints: string[];
}

export type DocumentCheck =
  | { ok: true; document: Record<string, unknown>; description: SystemDescription }
  | { ok: false; hr: number; message: string };

/** What the validator needs to know about an already existing system (a hosted container's UVM). */
export type HostLookup = (id: string) => { runtimeOsType: OsType } | undefined;

class Invalid extends Error {
  constructor(
    readonly hr: number,
    message: string,
  ) {
    super(message);
  }
}

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function invalid(message: string): Invalid {
  return new Invalid(HR.INVALID_JSON, message);
}

function optString(o: Obj, key: string, where: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalid(`${where}${key} must be a string`);
  return v;
}

function optBool(o: Obj, key: string, where: string): boolean | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw invalid(`${where}${key} must be a boolean`);
  return v;
}

function optNumber(o: Obj, key: string, where: string): number | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
    throw invalid(`${where}${key} must be a non-negative number`);
  return v;
}

function optObject(o: Obj, key: string, where: string): Obj | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) throw invalid(`${where}${key} must be an object`);
  return v;
}

export function checkCreateDocument(text: string | null, id: string, lookupHost: HostLookup): DocumentCheck {
  if (text === null || text.trim() === '') {
    return { ok: false, hr: HR.INVALID_JSON, message: 'The compute system configuration document is empty.' };
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    return {
      ok: false,
      hr: HR.INVALID_JSON,
      message: `The compute system configuration is not valid JSON: ${describeJsonError(parsed)}.`,
    };
  }
  try {
    const doc = parsed.value;
    if (!isObject(doc)) throw invalid('The compute system configuration must be a JSON object.');
    const description =
      doc.SchemaVersion === undefined ? describeV1(doc, id) : describeV2(doc, id, lookupHost);
    return { ok: true, document: doc, description };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, hr: e.hr, message: e.message };
    throw e;
  }
}

/** schema1 ContainerConfig (docs/hcs/schema.md#containerconfig). */
function describeV1(doc: Obj, id: string): SystemDescription {
  const systemType = doc.SystemType;
  if (systemType === undefined || systemType === null) {
    throw invalid('SystemType is required in a schema 1.0 document (or give SchemaVersion for schema 2).');
  }
  if (typeof systemType !== 'string' || systemType.toLowerCase() !== 'container') {
    throw invalid(
      `Unknown SystemType ${JSON.stringify(systemType)}: a schema 1.0 document must be a "Container".`,
    );
  }
  const containerType = optString(doc, 'ContainerType', '');
  const hvRuntime = optObject(doc, 'HvRuntime', '');
  const linux =
    containerType?.toLowerCase() === 'linux' ||
    (hvRuntime !== undefined &&
      (hvRuntime.LinuxKernelFile !== undefined || hvRuntime.LinuxInitrdFile !== undefined));
  const disks = doc.MappedVirtualDisks;
  if (disks !== undefined && disks !== null && !Array.isArray(disks))
    throw invalid('MappedVirtualDisks must be an array');
  const endpoints = doc.EndpointList;
  if (endpoints !== undefined && endpoints !== null && !Array.isArray(endpoints)) {
    throw invalid('EndpointList must be an array');
  }
  return {
    schema: 1,
    name: optString(doc, 'Name', '') || id,
    owner: optString(doc, 'Owner', '') ?? null,
    systemType: 'Container',
    runtimeOsType: linux ? 'linux' : 'windows',
    hostingSystemId: null,
    terminateOnLastHandleClosed: optBool(doc, 'TerminateOnLastHandleClosed', '') ?? false,
    memorySizeInMB: optNumber(doc, 'MemoryMaximumInMB', '') ?? null,
    processorCount: optNumber(doc, 'ProcessorCount', '') ?? null,
    memoryOvercommit: false,
    hostProcess: false,
    mappedVirtualDisks: Array.isArray(disks) ? disks.filter(isObject) : [],
    networkEndpoints: Array.isArray(endpoints)
      ? endpoints.filter((e): e is string => typeof e === 'string')
      : [],
  };
}

/** schema2 ComputeSystem (docs/hcs/schema.md#computesystem). */
function describeV2(doc: Obj, id: string, lookupHost: HostLookup): SystemDescription {
  const version = doc.SchemaVersion;
  if (!isObject(version) || typeof version.Major !== 'number') {
    throw invalid('SchemaVersion must be an object like {"Major":2,"Minor":1}.');
  }
  if (version.Major !== 2) {
    throw invalid(
      `Schema version ${version.Major}.${String(version.Minor ?? 0)} is not supported (supported: 1.0, 2.x).`,
    );
  }
  const owner = optString(doc, 'Owner', '') ?? null;
  const terminateOnLastHandleClosed = optBool(doc, 'ShouldTerminateOnLastHandleClosed', '') ?? false;
  const container = optObject(doc, 'Container', '');
  const vm = optObject(doc, 'VirtualMachine', '');
  const hostingSystemId = optString(doc, 'HostingSystemId', '');
  const hosted = doc.HostedSystem;
  const base = {
    schema: 2 as const,
    name: id,
    owner,
    terminateOnLastHandleClosed,
    mappedVirtualDisks: [],
    hostProcess: false,
  };

  if (container && vm) throw invalid('Container and VirtualMachine cannot both be given.');
  if (hostingSystemId !== undefined || hosted !== undefined) {
    if (container || vm) throw invalid('HostedSystem cannot be combined with Container or VirtualMachine.');
    if (!hostingSystemId) throw invalid('HostingSystemId is required with HostedSystem.');
    if (!isObject(hosted)) throw invalid('HostedSystem must be an object when HostingSystemId is given.');
    const host = lookupHost(hostingSystemId);
    if (!host) {
      throw new Invalid(HR.SYSTEM_NOT_FOUND, `The hosting system '${hostingSystemId}' does not exist.`);
    }
    // hcsshim's LCOW hosted document carries an OCI bundle/spec; a WCOW one carries a schema2 Container.
    const linux = hosted.OciSpecification !== undefined || hosted.OciBundlePath !== undefined;
    const inner = optObject(hosted, 'Container', 'HostedSystem.');
    return {
      ...base,
      systemType: 'Container',
      runtimeOsType: linux ? 'linux' : host.runtimeOsType,
      hostingSystemId,
      ...containerSizing(inner),
    };
  }
  if (container) {
    const isolation = optString(container, 'IsolationType', 'Container.');
    return {
      ...base,
      systemType: 'Container',
      runtimeOsType: 'windows',
      hostingSystemId: null,
      hostProcess: isolation?.toLowerCase() === 'hostprocess',
      ...containerSizing(container),
    };
  }
  if (vm) {
    return { ...base, systemType: 'VirtualMachine', hostingSystemId: null, ...vmSizing(vm) };
  }
  throw invalid(
    'The document describes no compute system: give Container, VirtualMachine, or HostingSystemId and HostedSystem.',
  );
}

function containerSizing(c: Obj | undefined) {
  const memory = c ? optObject(c, 'Memory', 'Container.') : undefined;
  const processor = c ? optObject(c, 'Processor', 'Container.') : undefined;
  const networking = c ? optObject(c, 'Networking', 'Container.') : undefined;
  const adapters = networking?.NetworkAdapters;
  return {
    memorySizeInMB: memory ? (optNumber(memory, 'SizeInMB', 'Container.Memory.') ?? null) : null,
    processorCount: processor ? (optNumber(processor, 'Count', 'Container.Processor.') ?? null) : null,
    memoryOvercommit: false,
    networkEndpoints: Array.isArray(adapters)
      ? adapters.filter((a): a is string => typeof a === 'string')
      : [],
  };
}

function vmSizing(vm: Obj) {
  const chipset = optObject(vm, 'Chipset', 'VirtualMachine.');
  const topology = optObject(vm, 'ComputeTopology', 'VirtualMachine.');
  const memory = topology ? optObject(topology, 'Memory', 'VirtualMachine.ComputeTopology.') : undefined;
  const processor = topology
    ? optObject(topology, 'Processor', 'VirtualMachine.ComputeTopology.')
    : undefined;
  const devices = optObject(vm, 'Devices', 'VirtualMachine.');
  // A Linux guest is evident from direct kernel boot (LCOW, WSL) or a Plan9 share without the Windows VSMB share.
  const linux =
    (chipset !== undefined && chipset.LinuxKernelDirect !== undefined) ||
    (devices !== undefined && devices.Plan9 !== undefined && devices.VirtualSmb === undefined);
  const adapters = devices ? optObject(devices, 'NetworkAdapters', 'VirtualMachine.Devices.') : undefined;
  const endpoints = adapters
    ? Object.values(adapters)
        .filter(isObject)
        .map((a) => a.EndpointId)
        .filter((e): e is string => typeof e === 'string')
    : [];
  return {
    runtimeOsType: (linux ? 'linux' : 'windows') as OsType,
    memorySizeInMB: memory
      ? (optNumber(memory, 'SizeInMB', 'VirtualMachine.ComputeTopology.Memory.') ?? 1024)
      : 1024,
    processorCount: processor
      ? (optNumber(processor, 'Count', 'VirtualMachine.ComputeTopology.Processor.') ?? 2)
      : 2,
    memoryOvercommit: memory ? memory.AllowOvercommit === true : false,
    networkEndpoints: endpoints,
  };
}

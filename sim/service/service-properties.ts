// The answers of HcsGetServiceProperties: ServiceProperties `{"Properties":[…]}`, one entry per requested type, in
// the order asked (hcsshim reads Properties[0] for a one-type query). Types and shapes follow Microsoft's HCS
// schema reference (GetPropertyType / Service_PropertyType, BasicInformation, ProcessorTopology,
// CpuGroupConfigurations, ContainerCredentialGuardSystemInfo, QoSCapabilities); the shapes Microsoft names but
// does not describe (Memory, CacheAllocation, CacheMonitoring, MemoryBwAllocation) are the simulator's guesses,
// listed in sim/PROTOCOL.md.

type Doc = Record<string, unknown>;

export interface CpuGroupState {
  groupId: string;
  processors: number[];
  properties: Map<number, number>;
}

export interface CredentialGuardState {
  id: string;
  credentialSpec: string;
  transport: 'LRPC' | 'HvSocket';
}

/** What the answers are made from: the host as the service sees it, and the settings clients have made. */
export interface HostView {
  processors: number;
  totalMemoryBytes: number;
  freeMemoryBytes: number;
  cpuGroups: Iterable<CpuGroupState>;
  credentialGuards: Iterable<CredentialGuardState>;
}

const MB = 1024 * 1024;

function processorTopology(host: HostView): Doc {
  return {
    LogicalProcessorCount: host.processors,
    LogicalProcessors: Array.from({ length: host.processors }, (_, i) => ({
      LpIndex: i,
      NodeNumber: 0,
      PackageId: 0,
      CoreId: i,
      RootVpIndex: i,
    })),
  };
}

function cpuGroups(host: HostView): Doc {
  return {
    CpuGroups: [...host.cpuGroups].map((g) => ({
      GroupId: g.groupId,
      Affinity: { LogicalProcessorCount: g.processors.length, LogicalProcessors: g.processors },
      GroupProperties: [...g.properties].map(([PropertyCode, PropertyValue]) => ({
        PropertyCode,
        PropertyValue,
      })),
    })),
  };
}

function credentialGuards(host: HostView): Doc {
  return {
    Instances: [...host.credentialGuards].map((c) => ({
      Id: c.id,
      CredentialGuard: {
        Transport: c.transport,
        CredentialSpec: c.credentialSpec,
        RpcEndpoint: c.transport === 'LRPC' ? `CCG_${c.id}` : undefined,
      },
    })),
  };
}

function memory(host: HostView): Doc {
  const total = Math.floor(host.totalMemoryBytes / MB);
  const available = Math.floor(host.freeMemoryBytes / MB);
  return {
    TotalPhysicalMemoryInMB: total,
    AvailablePhysicalMemoryInMB: available,
    NumaNodes: [{ NodeNumber: 0, TotalMemoryInMB: total, AvailableMemoryInMB: available }],
  };
}

/** One entry of Properties for a known type (query.ts has already refused unknown ones). */
export function servicePropertyEntry(type: string, host: HostView): Doc {
  switch (type) {
    case 'Basic':
      return {
        SupportedSchemaVersions: [
          { Major: 1, Minor: 0 },
          { Major: 2, Minor: 1 },
        ],
      };
    case 'Memory':
      return memory(host);
    case 'ProcessorTopology':
      return processorTopology(host);
    case 'CpuGroup':
      return cpuGroups(host);
    case 'ContainerCredentialGuard':
      return credentialGuards(host);
    case 'QoSCapabilities':
      return { ProcessorQoSSupported: true };
    case 'CacheAllocation':
      return { CacheAllocationSupported: false };
    case 'CacheMonitoring':
      return { CacheMonitoringSupported: false };
    case 'MemoryBwAllocation':
      return { MemoryBwAllocationSupported: false };
    default:
      throw new Error(`no answer for service property type ${type}`);
  }
}

export function serviceProperties(types: string[], host: HostView): Doc {
  return { Properties: types.map((t) => servicePropertyEntry(t, host)) };
}

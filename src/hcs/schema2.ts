/**
 * HCS schema 2.x documents (hcsshim's internal/hcs/schema2, cross-checked with MS-docs SchemaReference;
 * docs/hcs/schema.md#schema-2). All fields are optional, as hcsshim marks them all omitempty; every object type has an
 * index signature so unknown fields survive a round trip.
 */

type Extra = { [key: string]: unknown };

/** System property types for a V2 properties query (docs/hcs/schema.md#property-types). */
export const PropertyTypes = [
  'Memory',
  'Statistics',
  'ProcessList',
  'TerminateOnLastHandleClosed',
  'SharedMemoryRegion',
  'GuestConnection',
  'GuestMemory',
  'ContainerCredentialGuard',
  'ICHeartbeatStatus',
  'ProcessorTopology',
  'CpuGroup',
  'SystemGUID',
] as const;
export type PropertyType = (typeof PropertyTypes)[number];

/**
 * Service property types for HcsGetServiceProperties: the GetPropertyType values of Microsoft's HCS schema
 * reference, current and earlier editions (docs/hcs/schema.md#property-types).
 */
export const ServicePropertyTypes = [
  'Basic',
  'Memory',
  'CpuGroup',
  'ProcessorTopology',
  'CacheAllocation',
  'CacheMonitoring',
  'ContainerCredentialGuard',
  'QoSCapabilities',
  'MemoryBwAllocation',
] as const;
export type ServicePropertyType = (typeof ServicePropertyTypes)[number];

export interface PropertyQuery extends Extra {
  PropertyTypes?: PropertyType[];
  /** Schema 2.5: per-type queries. */
  Queries?: { [name: string]: unknown };
}

export interface Version extends Extra {
  Major?: number;
  Minor?: number;
}

export interface MemoryStats extends Extra {
  MemoryUsageCommitBytes?: number;
  MemoryUsageCommitPeakBytes?: number;
  MemoryUsagePrivateWorkingSetBytes?: number;
}

export interface ProcessorStats extends Extra {
  TotalRuntime100ns?: number;
  RuntimeUser100ns?: number;
  RuntimeKernel100ns?: number;
}

export interface StorageStats extends Extra {
  ReadCountNormalized?: number;
  ReadSizeBytes?: number;
  WriteCountNormalized?: number;
  WriteSizeBytes?: number;
}

export interface Statistics extends Extra {
  Timestamp?: string;
  ContainerStartTime?: string;
  Uptime100ns?: number;
  Processor?: ProcessorStats;
  Memory?: MemoryStats;
  Storage?: StorageStats;
}

export interface ProcessDetails extends Extra {
  ProcessId?: number;
  ImageName?: string;
  CreateTimestamp?: string;
  UserTime100ns?: number;
  KernelTime100ns?: number;
  MemoryCommitBytes?: number;
  MemoryWorkingSetPrivateBytes?: number;
  MemoryWorkingSetSharedBytes?: number;
}

export interface MemoryInformationForVm extends Extra {
  VirtualNodeCount?: number;
  VirtualMachineMemory?: unknown;
  VirtualNodes?: unknown[];
}

export interface GuestConnectionInfo extends Extra {
  SupportedSchemaVersions?: Version[];
  ProtocolVersion?: number;
  GuestDefinedCapabilities?: { [name: string]: unknown };
}

export interface PropertyResponse extends Extra {
  Response?: unknown;
  Error?: unknown;
}

/** What a V2 properties query returns. */
export interface Properties extends Extra {
  Id?: string;
  SystemType?: 'Container' | 'VirtualMachine' | string;
  RuntimeOsType?: 'Unknown' | 'Windows' | 'Linux' | string;
  Name?: string;
  Owner?: string;
  RuntimeId?: string;
  SystemGUID?: string;
  RuntimeTemplateId?: string;
  State?: string;
  Stopped?: boolean;
  ExitType?: 'None' | 'GracefulExit' | 'ForcedExit' | 'UnexpectedExit' | 'Unknown' | string;
  Memory?: MemoryInformationForVm;
  Statistics?: Statistics;
  ProcessList?: ProcessDetails[];
  TerminateOnLastHandleClosed?: boolean;
  HostingSystemId?: string;
  SharedMemoryRegionInfo?: unknown[];
  GuestConnectionInfo?: GuestConnectionInfo;
  PropertyResponses?: { [name: string]: PropertyResponse };
}

/** The v2 HcsCreateProcess document. */
export interface ProcessParameters extends Extra {
  ApplicationName?: string;
  CommandLine?: string;
  /** Linux GCS only. */
  CommandArgs?: string[];
  User?: string;
  WorkingDirectory?: string;
  Environment?: { [name: string]: string };
  RestrictedToken?: boolean;
  /** If set, CreateStdErrPipe is ignored. */
  EmulateConsole?: boolean;
  CreateStdInPipe?: boolean;
  CreateStdOutPipe?: boolean;
  CreateStdErrPipe?: boolean;
  /** [height, width]. */
  ConsoleSize?: number[];
  UseExistingLogin?: boolean;
  UseLegacyConsole?: boolean;
}

/** What HcsGetProcessProperties returns and ProcessExited carries. */
export interface ProcessStatus extends Extra {
  ProcessId?: number;
  Exited?: boolean;
  ExitCode?: number;
  LastWaitResult?: number;
}

export interface ConsoleSize extends Extra {
  Height?: number;
  Width?: number;
}

export type StdHandle = 'StdIn' | 'StdOut' | 'StdErr' | 'All';

export interface CloseHandle extends Extra {
  Handle?: StdHandle;
}

/** HcsModifyProcess request. */
export interface ProcessModifyRequest extends Extra {
  Operation?: 'ConsoleSize' | 'CloseHandle' | string;
  ConsoleSize?: ConsoleSize;
  CloseHandle?: CloseHandle;
}

export type ProcessSignal = 'CtrlC' | 'CtrlBreak' | 'CtrlClose' | 'CtrlLogOff' | 'CtrlShutdown';

/** HcsSignalProcess options: WCOW uses the Ctrl* names, LCOW a signal number. */
export interface SignalProcessOptions extends Extra {
  Signal?: ProcessSignal | number;
}

export type RequestType = 'Add' | 'Remove' | 'Update' | 'PreAdd';

/** HcsModifyComputeSystem request. */
export interface ModifySettingRequest extends Extra {
  ResourcePath?: string;
  RequestType?: RequestType | string;
  Settings?: unknown;
  GuestRequest?: unknown;
}

/** HcsModifyServiceSettings request. */
export interface ModificationRequest extends Extra {
  PropertyType?: string;
  Settings?: unknown;
}

export interface ServiceProperties extends Extra {
  Properties?: unknown[];
  PropertyResponses?: { [name: string]: PropertyResponse };
}

export interface PauseOptions extends Extra {
  SuspensionLevel?: 'Suspend' | 'MemoryLow' | 'MemoryMedium' | 'MemoryHigh' | string;
  HostedNotification?: { Reason?: string; [key: string]: unknown };
}

export interface SaveOptions extends Extra {
  SaveType?: 'ToFile' | 'AsTemplate' | string;
  SaveStateFilePath?: string;
}

export interface ShutdownOptions extends Extra {
  Mechanism?: string;
  Type?: 'Shutdown' | 'Hibernate' | 'Reboot' | string;
  Force?: boolean;
  Reason?: string;
}

/** SystemExited's notification data. */
export interface SystemExitStatus extends Extra {
  Status?: number;
  ExitType?: 'None' | 'GracefulExit' | 'ForcedExit' | 'UnexpectedExit' | 'Unknown' | string;
  Attribution?: unknown[];
}

export interface Layer extends Extra {
  Id?: string;
  Path?: string;
  PathType?: string;
}

export interface Storage extends Extra {
  Layers?: Layer[];
  Path?: string;
}

export interface Container extends Extra {
  GuestOs?: unknown;
  Storage?: Storage;
  MappedDirectories?: unknown[];
  MappedPipes?: unknown[];
  Memory?: unknown;
  Processor?: unknown;
  Networking?: unknown;
  HvSocket?: unknown;
  ContainerCredentialGuard?: unknown;
  RegistryChanges?: unknown;
  AssignedDevices?: unknown[];
  AdditionalDeviceNamespace?: unknown;
  IsolationType?: string;
}

export interface VirtualMachine extends Extra {
  Version?: Version;
  StopOnReset?: boolean;
  Chipset?: { [key: string]: unknown };
  ComputeTopology?: {
    Memory?: {
      SizeInMB?: number;
      AllowOvercommit?: boolean;
      EnableHotHint?: boolean;
      Backing?: string;
      [key: string]: unknown;
    };
    Processor?: { Count?: number; [key: string]: unknown };
    [key: string]: unknown;
  };
  Devices?: { [key: string]: unknown };
  GuestState?: unknown;
  RestoreState?: unknown;
  RegistryChanges?: unknown;
  StorageQoS?: unknown;
  DebugOptions?: unknown;
  GuestConnection?: {
    UseVsock?: boolean;
    UseConnectedSuspend?: boolean;
    UseHostTimeZone?: boolean;
    [key: string]: unknown;
  };
  SecuritySettings?: unknown;
  ResourcePartitionId?: string;
  MigrationOptions?: unknown;
}

/** The top-level v2 HcsCreateComputeSystem document. */
export interface ComputeSystem extends Extra {
  Owner?: string;
  SchemaVersion?: Version;
  HostingSystemId?: string;
  HostedSystem?: unknown;
  Container?: Container;
  VirtualMachine?: VirtualMachine;
  ShouldTerminateOnLastHandleClosed?: boolean;
}

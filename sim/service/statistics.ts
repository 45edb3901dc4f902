// Statistics and memory figures of a simulated system. They are synthetic but behave like HCS's: uptime and
// processor runtime grow while the system runs (not while it is paused), memory moves within the system's size,
// the peak never falls, and the real host processes running in the system add their own CPU time and memory.
import { guidFromName, unitFromName } from './guid.ts';
import type { ProcSample } from './procfs.ts';
import type { SystemState } from './state-machine.ts';

const MiB = 1024 * 1024;
const TICKS_PER_MS = 10_000; // 100 ns units

export interface MetricsInput {
  state: SystemState;
  createdAt: number;
  startedAt: number | null;
  stoppedAt: number | null;
  /** Time spent Running so far (paused time excluded). */
  runningMs: number;
  now: number;
  memorySizeInMB: number | null;
  processorCount: number | null;
  /** Samples of the live processes in the system. */
  processes: ProcSample[];
  /** CPU time of processes that have exited, as last sampled (keeps the totals from falling). */
  exitedProcessCpu100ns: number;
  networkEndpoints: string[];
}

export interface MemoryStats {
  MemoryUsageCommitBytes: number;
  MemoryUsageCommitPeakBytes: number;
  MemoryUsagePrivateWorkingSetBytes: number;
}

export interface StatisticsDoc {
  Timestamp: string;
  ContainerStartTime: string;
  Uptime100ns: number;
  Processor: { TotalRuntime100ns: number; RuntimeUser100ns: number; RuntimeKernel100ns: number };
  Memory: MemoryStats;
  Storage: {
    ReadCountNormalized: number;
    ReadSizeBytes: number;
    WriteCountNormalized: number;
    WriteSizeBytes: number;
  };
}

export interface NetworkStats {
  BytesReceived: number;
  BytesSent: number;
  PacketsReceived: number;
  PacketsSent: number;
  DroppedPacketsIncoming: number;
  DroppedPacketsOutgoing: number;
  EndpointId: string;
  InstanceId: string;
}

/** schema2 MemoryInformationForVm; AssignedMemory and MemoryUsageInPages count 4 KiB pages, AvailableMemory MB. */
export interface MemoryInformation {
  VirtualNodeCount: number;
  VirtualMachineMemory: {
    AvailableMemory: number;
    AvailableMemoryBuffer: number;
    ReservedMemory: number;
    AssignedMemory: number;
    SlpActive: boolean;
    BalancingEnabled: boolean;
    DmOperationInProgress: boolean;
  };
  VirtualNodes: Array<{
    VirtualNodeIndex: number;
    PhysicalNodeNumber: number;
    VirtualProcessorCount: number;
    MemoryUsageInPages: number;
  }>;
}

/** A container without a memory limit is shown against this size. */
export const UNLIMITED_CONTAINER_MB = 4096;

/** Per-system figures that do not change: how busy and how big this system tends to be. */
export class SystemMetrics {
  private readonly load: number;
  private readonly memoryShare: number;
  private readonly phase: number;
  private readonly readRate: number;
  private readonly writeRate: number;
  private readonly netRate: number;
  private peakCommitBytes = 0;

  constructor(
    private readonly id: string,
    private readonly isVm: boolean,
  ) {
    this.load = 0.01 + 0.07 * unitFromName(id, 'load');
    this.memoryShare = 0.3 + 0.3 * unitFromName(id, 'memory');
    this.phase = 2 * Math.PI * unitFromName(id, 'phase');
    this.readRate = 20_000 + 300_000 * unitFromName(id, 'read');
    this.writeRate = 8_000 + 100_000 * unitFromName(id, 'write');
    this.netRate = 5_000 + 50_000 * unitFromName(id, 'net');
  }

  /** Committed memory now, in bytes; 0 before start and after stop. */
  memoryUsageBytes(m: MetricsInput): number {
    if (m.startedAt === null || m.state === 'Stopped') return 0;
    const capBytes = (m.memorySizeInMB ?? UNLIMITED_CONTAINER_MB) * MiB;
    const base = this.isVm
      ? capBytes * this.memoryShare
      : Math.min(capBytes * 0.5, (60 + 200 * this.memoryShare) * MiB);
    const wave = base * 0.06 * Math.sin((2 * Math.PI * m.runningMs) / 45_000 + this.phase);
    const processes = m.processes.reduce((sum, p) => sum + p.residentBytes, 0);
    return Math.floor(Math.min(capBytes, Math.max(16 * MiB, base + wave + processes)));
  }

  statistics(m: MetricsInput): StatisticsDoc {
    const usage = this.memoryUsageBytes(m);
    this.peakCommitBytes = Math.max(this.peakCommitBytes, usage);
    const end = m.state === 'Stopped' && m.stoppedAt !== null ? m.stoppedAt : m.now;
    const uptimeMs = m.startedAt === null ? 0 : Math.max(0, end - m.startedAt);
    const runningTicks = m.runningMs * TICKS_PER_MS;
    const cores = m.processorCount ?? 1;
    const synthetic = Math.floor(runningTicks * this.load * cores);
    const procUser = m.processes.reduce((s, p) => s + p.user100ns, 0);
    const procKernel = m.processes.reduce((s, p) => s + p.kernel100ns, 0);
    const user = Math.floor(synthetic * 0.7) + procUser + Math.floor(m.exitedProcessCpu100ns * 0.7);
    const kernel =
      synthetic - Math.floor(synthetic * 0.7) + procKernel + Math.ceil(m.exitedProcessCpu100ns * 0.3);
    const runningSec = m.runningMs / 1000;
    const bootRead = m.startedAt === null ? 0 : (this.isVm ? 180 : 25) * MiB;
    const readBytes = Math.floor(bootRead + runningSec * this.readRate);
    const writeBytes = Math.floor(runningSec * this.writeRate);
    return {
      Timestamp: new Date(m.now).toISOString(),
      ContainerStartTime: new Date(m.startedAt ?? m.createdAt).toISOString(),
      Uptime100ns: uptimeMs * TICKS_PER_MS,
      Processor: { TotalRuntime100ns: user + kernel, RuntimeUser100ns: user, RuntimeKernel100ns: kernel },
      Memory: {
        MemoryUsageCommitBytes: usage,
        MemoryUsageCommitPeakBytes: this.peakCommitBytes,
        MemoryUsagePrivateWorkingSetBytes: Math.floor(usage * 0.82),
      },
      Storage: {
        ReadCountNormalized: Math.floor(readBytes / 16384),
        ReadSizeBytes: readBytes,
        WriteCountNormalized: Math.floor(writeBytes / 16384),
        WriteSizeBytes: writeBytes,
      },
    };
  }

  /** schema1 Statistics.Network: one entry per endpoint the document attached. */
  network(m: MetricsInput): NetworkStats[] {
    const runningSec = m.runningMs / 1000;
    return m.networkEndpoints.map((endpoint) => {
      const received = Math.floor(runningSec * this.netRate);
      const sent = Math.floor(received * 0.35);
      return {
        BytesReceived: received,
        BytesSent: sent,
        PacketsReceived: Math.floor(received / 900),
        PacketsSent: Math.floor(sent / 600),
        DroppedPacketsIncoming: 0,
        DroppedPacketsOutgoing: 0,
        EndpointId: endpoint,
        InstanceId: guidFromName(`${this.id}/${endpoint}`, 'nic'),
      };
    });
  }

  memoryInformation(m: MetricsInput, balancingEnabled: boolean): MemoryInformation {
    const sizeMb = m.memorySizeInMB ?? UNLIMITED_CONTAINER_MB;
    const usagePages = Math.floor(this.memoryUsageBytes(m) / 4096);
    const assignedPages = m.startedAt === null || m.state === 'Stopped' ? 0 : sizeMb * 256;
    return {
      VirtualNodeCount: 1,
      VirtualMachineMemory: {
        AvailableMemory: Math.max(0, Math.floor((assignedPages - usagePages) / 256)),
        AvailableMemoryBuffer: balancingEnabled ? 20 : 0,
        ReservedMemory: 0,
        AssignedMemory: assignedPages,
        SlpActive: false,
        BalancingEnabled: balancingEnabled,
        DmOperationInProgress: false,
      },
      VirtualNodes: [
        {
          VirtualNodeIndex: 0,
          PhysicalNodeNumber: 0,
          VirtualProcessorCount: m.processorCount ?? 1,
          MemoryUsageInPages: usagePages,
        },
      ],
    };
  }
}

/**
 * The statistics figures, derived once from HCS's answers: the app core's sampler reads an answer with
 * `readStatistics` and turns two consecutive readings into a sample with `deriveStatisticsSample`; every view of
 * them (the app's, `hcsctl stats`, which watches through a core connection) shows those samples. Pure
 * functions, no I/O.
 *
 * Sources (docs/hcs/schema.md#statistics): schema2 `Statistics` (Timestamp, Uptime100ns,
 * Processor.TotalRuntime100ns, Memory.*, Storage.*); for a VM the schema2 `Memory` property
 * (MemoryInformationForVm: VirtualMachineMemory.AssignedMemory in 4 KiB pages, AvailableMemory in MB,
 * VirtualNodes[].VirtualProcessorCount); network bytes only from schema1 `Statistics.Network` (one entry per
 * endpoint), which schema2 leaves out.
 */
import type { StatisticsSample } from '../../contract/index.ts';

const TICKS_PER_MS = 10_000; // 100 ns units
const PAGE_BYTES = 4096;
const MIB = 1024 * 1024;

/** The counters of one answer, as numbers. */
export interface StatisticsReading {
  /** ms since the epoch: HCS's Timestamp, or the caller's clock when HCS sent none. */
  at: number;
  uptime100ns: number;
  cpuTime100ns: number;
  commitBytes: number;
  commitPeakBytes: number;
  workingSetBytes: number;
  readBytes: number;
  writeBytes: number;
  assignedBytes: number | null;
  availableBytes: number | null;
  /** A VM's virtual processors (from its Memory property); null when HCS did not say. */
  virtualProcessors: number | null;
  /** Bytes received and sent per endpoint id; null when there are no network figures. */
  network: ReadonlyMap<string, { received: number; sent: number }> | null;
}

type Dict = Record<string, unknown>;
const dict = (v: unknown): Dict =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Dict) : {};
/** A counter: a finite number ≥ 0, else 0 (HCS leaves out what a system does not have). */
const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);
const maybe = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The endpoints of schema1 `Statistics.Network`; null when it is not a list. */
function readNetwork(network: unknown): Map<string, { received: number; sent: number }> | null {
  if (!Array.isArray(network)) return null;
  const byEndpoint = new Map<string, { received: number; sent: number }>();
  network.forEach((entry, i) => {
    const e = dict(entry);
    const key = typeof e.EndpointId === 'string' && e.EndpointId !== '' ? e.EndpointId : `#${i}`;
    byEndpoint.set(key, { received: count(e.BytesReceived), sent: count(e.BytesSent) });
  });
  return byEndpoint;
}

/**
 * Reads a schema2 properties answer (`{Statistics, Memory?}`) and, if given, schema1 `Statistics.Network`.
 * Throws when the answer has no Statistics object.
 */
export function readStatistics(
  properties: unknown,
  options: { now: number; network?: unknown },
): StatisticsReading {
  const stats = dict(properties).Statistics;
  if (typeof stats !== 'object' || stats === null || Array.isArray(stats))
    throw new Error('HCS answered with no Statistics object');
  const s = dict(stats);
  const processor = dict(s.Processor);
  const memory = dict(s.Memory);
  const storage = dict(s.Storage);
  const vm = dict(dict(properties).Memory);
  const vmMemory = dict(vm.VirtualMachineMemory);
  const nodes = Array.isArray(vm.VirtualNodes) ? vm.VirtualNodes : [];
  const processors = nodes.reduce<number>((n, node) => n + count(dict(node).VirtualProcessorCount), 0);
  const assignedPages = maybe(vmMemory.AssignedMemory);
  const availableMb = maybe(vmMemory.AvailableMemory);
  const stamp = typeof s.Timestamp === 'string' ? Date.parse(s.Timestamp) : Number.NaN;
  return {
    at: Number.isFinite(stamp) ? stamp : options.now,
    uptime100ns: count(s.Uptime100ns),
    cpuTime100ns: count(processor.TotalRuntime100ns),
    commitBytes: count(memory.MemoryUsageCommitBytes),
    commitPeakBytes: count(memory.MemoryUsageCommitPeakBytes),
    workingSetBytes: count(memory.MemoryUsagePrivateWorkingSetBytes),
    readBytes: count(storage.ReadSizeBytes),
    writeBytes: count(storage.WriteSizeBytes),
    assignedBytes: assignedPages === null ? null : Math.max(0, assignedPages) * PAGE_BYTES,
    availableBytes: availableMb === null ? null : Math.max(0, availableMb) * MIB,
    virtualProcessors: processors > 0 ? processors : null,
    network: readNetwork(options.network),
  };
}

/** Per second between two counters; null when the counter went backwards (a restart) or no time passed. */
function rate(before: number, after: number, seconds: number): number | null {
  if (seconds <= 0 || after < before) return null;
  return (after - before) / seconds;
}

function sumNetwork(network: ReadonlyMap<string, { received: number; sent: number }>) {
  let received = 0;
  let sent = 0;
  for (const e of network.values()) {
    received += e.received;
    sent += e.sent;
  }
  return { received, sent };
}

/** Rates over the endpoints present in both readings (an endpoint added or removed in between adds nothing). */
function networkRates(
  before: ReadonlyMap<string, { received: number; sent: number }> | null,
  after: ReadonlyMap<string, { received: number; sent: number }>,
  seconds: number,
): { receive: number | null; transmit: number | null } {
  if (!before || seconds <= 0) return { receive: null, transmit: null };
  let received = 0;
  let sent = 0;
  for (const [endpoint, now] of after) {
    const then = before.get(endpoint);
    if (!then) continue;
    if (now.received < then.received || now.sent < then.sent) return { receive: null, transmit: null };
    received += now.received - then.received;
    sent += now.sent - then.sent;
  }
  return { receive: received / seconds, transmit: sent / seconds };
}

/**
 * One sample from the current reading and the previous one (null for the first, or after a gap: the rates
 * are then null). `hostProcessors` is what a container's percentage is of; a VM's is of its own processors.
 */
export function deriveStatisticsSample(
  previous: StatisticsReading | null,
  current: StatisticsReading,
  seq: number,
  hostProcessors: number,
): StatisticsSample {
  const processorCount = Math.max(1, Math.round(current.virtualProcessors ?? hostProcessors));
  // A restart resets every counter: nothing before it compares with what follows.
  const before = previous && current.uptime100ns >= previous.uptime100ns ? previous : null;
  const ms = before ? current.at - before.at : 0;
  const seconds = ms / 1000;
  let cpuPercent: number | null = null;
  if (before && ms > 0 && current.cpuTime100ns >= before.cpuTime100ns) {
    const share = (current.cpuTime100ns - before.cpuTime100ns) / (ms * TICKS_PER_MS * processorCount);
    cpuPercent = Math.min(100, Math.max(0, share * 100));
  }
  let network: StatisticsSample['network'] = null;
  if (current.network) {
    const totals = sumNetwork(current.network);
    const rates = networkRates(before?.network ?? null, current.network, seconds);
    network = {
      receivedBytes: totals.received,
      sentBytes: totals.sent,
      receiveBytesPerSecond: rates.receive,
      transmitBytesPerSecond: rates.transmit,
    };
  }
  return {
    seq,
    at: current.at,
    uptime100ns: current.uptime100ns,
    processorCount,
    cpuPercent,
    cpuTime100ns: current.cpuTime100ns,
    memory: {
      commitBytes: current.commitBytes,
      commitPeakBytes: current.commitPeakBytes,
      workingSetBytes: current.workingSetBytes,
      assignedBytes: current.assignedBytes,
      availableBytes: current.availableBytes,
    },
    storage: {
      readBytes: current.readBytes,
      writeBytes: current.writeBytes,
      readBytesPerSecond: before ? rate(before.readBytes, current.readBytes, seconds) : null,
      writeBytesPerSecond: before ? rate(before.writeBytes, current.writeBytes, seconds) : null,
    },
    network,
  };
}

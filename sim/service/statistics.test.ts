import { describe, expect, it } from 'vitest';
import type { ProcSample } from './procfs.ts';
import { SystemMetrics, UNLIMITED_CONTAINER_MB, type MetricsInput } from './statistics.ts';

const MiB = 1024 * 1024;
const T0 = Date.UTC(2026, 0, 1);

function input(over: Partial<MetricsInput>): MetricsInput {
  return {
    state: 'Running',
    createdAt: T0,
    startedAt: T0,
    stoppedAt: null,
    runningMs: 0,
    now: T0,
    memorySizeInMB: 1024,
    processorCount: 2,
    processes: [],
    exitedProcessCpu100ns: 0,
    networkEndpoints: [],
    ...over,
  };
}

const proc = (over: Partial<ProcSample> = {}): ProcSample => ({
  pid: 100,
  imageName: 'sh',
  user100ns: 1_000_000,
  kernel100ns: 500_000,
  residentBytes: 8 * MiB,
  sharedBytes: 2 * MiB,
  commitBytes: 4 * MiB,
  ...over,
});

describe('SystemMetrics.statistics', () => {
  it('grows uptime and processor time while running', () => {
    const m = new SystemMetrics('vm-1', true);
    let last = m.statistics(input({ runningMs: 1000, now: T0 + 1000 }));
    for (let s = 2; s <= 60; s++) {
      const now = m.statistics(input({ runningMs: s * 1000, now: T0 + s * 1000 }));
      expect(now.Uptime100ns).toBeGreaterThan(last.Uptime100ns);
      expect(now.Processor.TotalRuntime100ns).toBeGreaterThan(last.Processor.TotalRuntime100ns);
      expect(now.Storage.ReadSizeBytes).toBeGreaterThanOrEqual(last.Storage.ReadSizeBytes);
      last = now;
    }
    expect(last.Uptime100ns).toBe(60 * 1000 * 10_000);
    expect(last.Processor.TotalRuntime100ns).toBe(
      last.Processor.RuntimeUser100ns + last.Processor.RuntimeKernel100ns,
    );
    // Plausible: a few percent of two cores, never more than the cores could give.
    expect(last.Processor.TotalRuntime100ns).toBeLessThanOrEqual(last.Uptime100ns * 2);
  });

  it('freezes processor time while paused but keeps counting uptime', () => {
    const m = new SystemMetrics('vm-2', true);
    const before = m.statistics(input({ state: 'Paused', runningMs: 30_000, now: T0 + 30_000 }));
    const later = m.statistics(input({ state: 'Paused', runningMs: 30_000, now: T0 + 90_000 }));
    expect(later.Processor.TotalRuntime100ns).toBe(before.Processor.TotalRuntime100ns);
    expect(later.Uptime100ns).toBeGreaterThan(before.Uptime100ns);
  });

  it('keeps memory within the system size and the peak at or above every reading', () => {
    const m = new SystemMetrics('vm-3', true);
    let peak = 0;
    for (let s = 0; s < 120; s += 3) {
      const st = m.statistics(input({ runningMs: s * 1000, now: T0 + s * 1000 }));
      const used = st.Memory.MemoryUsageCommitBytes;
      expect(used).toBeGreaterThan(0);
      expect(used).toBeLessThanOrEqual(1024 * MiB);
      expect(st.Memory.MemoryUsagePrivateWorkingSetBytes).toBeLessThanOrEqual(used);
      expect(st.Memory.MemoryUsageCommitPeakBytes).toBeGreaterThanOrEqual(Math.max(peak, used));
      peak = st.Memory.MemoryUsageCommitPeakBytes;
    }
  });

  it('follows a new memory size and bounds a container without a limit', () => {
    const m = new SystemMetrics('vm-4', true);
    const small = m.memoryUsageBytes(input({ memorySizeInMB: 512, runningMs: 5000 }));
    const big = m.memoryUsageBytes(input({ memorySizeInMB: 4096, runningMs: 5000 }));
    expect(small).toBeLessThanOrEqual(512 * MiB);
    expect(big).toBeGreaterThan(small);
    const c = new SystemMetrics('container-1', false);
    const used = c.memoryUsageBytes(input({ memorySizeInMB: null, runningMs: 5000 }));
    expect(used).toBeGreaterThan(16 * MiB);
    expect(used).toBeLessThan(UNLIMITED_CONTAINER_MB * MiB);
  });

  it('adds the real processes: their CPU time and memory, and the CPU time of those that exited', () => {
    const m = new SystemMetrics('c-2', false);
    const base = m.statistics(input({ runningMs: 10_000, now: T0 + 10_000 }));
    const withProc = m.statistics(input({ runningMs: 10_000, now: T0 + 10_000, processes: [proc()] }));
    expect(withProc.Processor.TotalRuntime100ns - base.Processor.TotalRuntime100ns).toBe(1_500_000);
    expect(withProc.Memory.MemoryUsageCommitBytes - base.Memory.MemoryUsageCommitBytes).toBe(8 * MiB);
    const exited = m.statistics(
      input({ runningMs: 10_000, now: T0 + 10_000, exitedProcessCpu100ns: 1_500_000 }),
    );
    expect(exited.Processor.TotalRuntime100ns).toBeGreaterThanOrEqual(withProc.Processor.TotalRuntime100ns);
  });

  it('reports nothing used before the start and after the stop', () => {
    const m = new SystemMetrics('vm-5', true);
    const created = m.statistics(input({ state: 'Created', startedAt: null }));
    expect(created).toMatchObject({
      Uptime100ns: 0,
      Processor: { TotalRuntime100ns: 0 },
      Memory: { MemoryUsageCommitBytes: 0 },
    });
    const stopped = m.statistics(
      input({ state: 'Stopped', stoppedAt: T0 + 5000, runningMs: 5000, now: T0 + 50_000 }),
    );
    expect(stopped.Uptime100ns).toBe(5000 * 10_000);
    expect(stopped.Memory.MemoryUsageCommitBytes).toBe(0);
  });

  it('varies between systems but is stable for one system', () => {
    const a = new SystemMetrics('alpha', true).statistics(input({ runningMs: 60_000, now: T0 + 60_000 }));
    const a2 = new SystemMetrics('alpha', true).statistics(input({ runningMs: 60_000, now: T0 + 60_000 }));
    const b = new SystemMetrics('beta', true).statistics(input({ runningMs: 60_000, now: T0 + 60_000 }));
    expect(a2).toEqual(a);
    expect(b.Processor.TotalRuntime100ns).not.toBe(a.Processor.TotalRuntime100ns);
  });
});

describe('SystemMetrics.memoryInformation and network', () => {
  it('reports the assigned memory in 4 KiB pages and the usage per virtual node', () => {
    const m = new SystemMetrics('vm-6', true);
    const info = m.memoryInformation(input({ memorySizeInMB: 2048, runningMs: 1000 }), true);
    expect(info.VirtualMachineMemory.AssignedMemory).toBe(2048 * 256);
    expect(info.VirtualMachineMemory.BalancingEnabled).toBe(true);
    expect(info.VirtualNodes[0]!.MemoryUsageInPages).toBeGreaterThan(0);
    expect(info.VirtualNodes[0]!.MemoryUsageInPages).toBeLessThanOrEqual(2048 * 256);
    expect(info.VirtualMachineMemory.AvailableMemory).toBeLessThanOrEqual(2048);
  });

  it('gives each endpoint growing counters and a stable instance id', () => {
    const m = new SystemMetrics('c-3', false);
    const n1 = m.network(input({ runningMs: 1000, networkEndpoints: ['ep'] }));
    const n2 = m.network(input({ runningMs: 9000, networkEndpoints: ['ep'] }));
    expect(n2[0]!.BytesReceived).toBeGreaterThan(n1[0]!.BytesReceived);
    expect(n2[0]!.InstanceId).toBe(n1[0]!.InstanceId);
    expect(n2[0]!.EndpointId).toBe('ep');
  });
});

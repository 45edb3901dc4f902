import { describe, expect, it } from 'vitest';
import { deriveStatisticsSample, readStatistics } from './derive.ts';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');

/** A schema2 properties answer as HCS sends it for `["Statistics"]` (plus `Memory` for a VM). */
function answer(
  at: number,
  o: { cpu?: number; uptimeMs?: number; read?: number; write?: number; vm?: boolean },
) {
  const doc: Record<string, unknown> = {
    Statistics: {
      Timestamp: new Date(at).toISOString(),
      Uptime100ns: (o.uptimeMs ?? at - T0 + 60_000) * 10_000,
      Processor: { TotalRuntime100ns: o.cpu ?? 0, RuntimeUser100ns: 0, RuntimeKernel100ns: 0 },
      Memory: {
        MemoryUsageCommitBytes: 300e6,
        MemoryUsageCommitPeakBytes: 400e6,
        MemoryUsagePrivateWorkingSetBytes: 250e6,
      },
      Storage: { ReadSizeBytes: o.read ?? 0, WriteSizeBytes: o.write ?? 0 },
    },
  };
  if (o.vm) {
    doc.Memory = {
      VirtualMachineMemory: { AssignedMemory: 262_144, AvailableMemory: 512 },
      VirtualNodes: [{ VirtualProcessorCount: 2 }, { VirtualProcessorCount: 2 }],
    };
  }
  return doc;
}

const endpoint = (id: string, received: number, sent: number) => ({
  EndpointId: id,
  BytesReceived: received,
  BytesSent: sent,
});

describe('statistics derivation', () => {
  it('reads the counters of a schema2 answer; the first sample has no rates', () => {
    const reading = readStatistics(answer(T0, { cpu: 5e7, read: 1000, write: 500 }), { now: 0 });
    expect(reading).toMatchObject({ at: T0, cpuTime100ns: 5e7, readBytes: 1000, network: null });
    const sample = deriveStatisticsSample(null, reading, 0, 8);
    expect(sample).toEqual({
      seq: 0,
      at: T0,
      uptime100ns: 60_000 * 10_000,
      processorCount: 8,
      cpuPercent: null,
      cpuTime100ns: 5e7,
      memory: {
        commitBytes: 300e6,
        commitPeakBytes: 400e6,
        workingSetBytes: 250e6,
        assignedBytes: null,
        availableBytes: null,
      },
      storage: { readBytes: 1000, writeBytes: 500, readBytesPerSecond: null, writeBytesPerSecond: null },
      network: null,
    });
  });

  it('CPU % is the processor time used over the time elapsed times the processors', () => {
    const a = readStatistics(answer(T0, { cpu: 0, read: 0, write: 0 }), { now: 0 });
    // 2 s on 4 host processors = 8e7 ticks available; 2e7 used = 25 %.
    const b = readStatistics(answer(T0 + 2000, { cpu: 2e7, read: 4000, write: 1000 }), { now: 0 });
    const sample = deriveStatisticsSample(a, b, 1, 4);
    expect(sample.cpuPercent).toBeCloseTo(25, 10);
    expect(sample.storage).toMatchObject({ readBytesPerSecond: 2000, writeBytesPerSecond: 500 });
  });

  it("a VM's percentage is of its own virtual processors; its assigned and available memory are in bytes", () => {
    const a = readStatistics(answer(T0, { vm: true }), { now: 0 });
    const b = readStatistics(answer(T0 + 1000, { vm: true, cpu: 1e7 }), { now: 0 });
    const sample = deriveStatisticsSample(a, b, 1, 64);
    expect(sample.processorCount).toBe(4);
    expect(sample.cpuPercent).toBeCloseTo(25, 10);
    expect(sample.memory.assignedBytes).toBe(262_144 * 4096);
    expect(sample.memory.availableBytes).toBe(512 * 1024 * 1024);
  });

  it('a restart (uptime going back) or a counter going back gives no rates, never negative ones', () => {
    const a = readStatistics(answer(T0, { cpu: 9e9, read: 9e9, uptimeMs: 500_000 }), { now: 0 });
    const restarted = readStatistics(answer(T0 + 1000, { cpu: 1e6, read: 10, uptimeMs: 1000 }), { now: 0 });
    const after = deriveStatisticsSample(a, restarted, 1, 2);
    expect(after.cpuPercent).toBeNull();
    expect(after.storage.readBytesPerSecond).toBeNull();

    const b = readStatistics(answer(T0 + 1000, { cpu: 9e9, read: 100, uptimeMs: 501_000 }), { now: 0 });
    expect(deriveStatisticsSample(a, b, 1, 2).storage.readBytesPerSecond).toBeNull();
  });

  it('never reports more than 100 %', () => {
    const a = readStatistics(answer(T0, { cpu: 0 }), { now: 0 });
    const b = readStatistics(answer(T0 + 1000, { cpu: 5e7 }), { now: 0 });
    expect(deriveStatisticsSample(a, b, 1, 1).cpuPercent).toBe(100);
  });

  it('network: totals over every endpoint, rates over the endpoints present in both readings', () => {
    const a = readStatistics(answer(T0, {}), { now: 0, network: [endpoint('e1', 1000, 100)] });
    const b = readStatistics(answer(T0 + 2000, {}), {
      now: 0,
      network: [endpoint('e1', 5000, 900), endpoint('e2', 70_000, 7000)],
    });
    expect(deriveStatisticsSample(a, b, 1, 2).network).toEqual({
      receivedBytes: 75_000,
      sentBytes: 7900,
      receiveBytesPerSecond: 2000,
      transmitBytesPerSecond: 400,
    });
    expect(deriveStatisticsSample(null, b, 0, 2).network?.receiveBytesPerSecond).toBeNull();
  });

  it('uses the caller’s clock when HCS gives no timestamp, and refuses an answer without Statistics', () => {
    expect(readStatistics({ Statistics: {} }, { now: 1234 }).at).toBe(1234);
    expect(() => readStatistics({ Memory: {} }, { now: 0 })).toThrow(/no Statistics/);
    expect(() => readStatistics(null, { now: 0 })).toThrow(/no Statistics/);
  });
});

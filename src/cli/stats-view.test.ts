import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { StatisticsSample } from '../contract/index.ts';
import { TableOutput, formatStatsTable, statsJson, type StatsRow } from './stats-view.ts';

const MiB = 1024 * 1024;

function sample(over: Partial<StatisticsSample> = {}): StatisticsSample {
  return {
    seq: 1,
    at: Date.UTC(2025, 0, 2, 3, 4, 5),
    uptime100ns: 50_000_000,
    processorCount: 2,
    cpuPercent: 12.345,
    cpuTime100ns: 7_000_000,
    memory: {
      commitBytes: 300 * MiB,
      commitPeakBytes: 310 * MiB,
      workingSetBytes: 212 * MiB,
      assignedBytes: null,
      availableBytes: null,
    },
    storage: { readBytes: 10, writeBytes: 20, readBytesPerSecond: 2048, writeBytesPerSecond: 0 },
    network: null,
    ...over,
  };
}

describe('hcsctl stats output', () => {
  it('--json: one stable object per sample, nulls where there is no figure', () => {
    const json = statsJson({ id: 'c1', state: 'Running', sample: sample(), error: null });
    expect(json).toEqual({
      time: '2025-01-02T03:04:05.000Z',
      id: 'c1',
      state: 'Running',
      cpuPercent: 12.345,
      processors: 2,
      cpuTime100ns: 7_000_000,
      uptime100ns: 50_000_000,
      memory: {
        workingSetBytes: 212 * MiB,
        commitBytes: 300 * MiB,
        commitPeakBytes: 310 * MiB,
        assignedBytes: null,
        availableBytes: null,
      },
      storage: { readBytes: 10, writeBytes: 20, readBytesPerSecond: 2048, writeBytesPerSecond: 0 },
      network: null,
      error: null,
    });
    expect(statsJson({ id: 'vm', state: 'Paused', sample: null, error: null })).toEqual({
      time: null,
      id: 'vm',
      state: 'Paused',
      cpuPercent: null,
      processors: null,
      cpuTime100ns: null,
      uptime100ns: null,
      memory: null,
      storage: null,
      network: null,
      error: null,
    });
  });

  it('the table: a row per system, "--" for what is not known yet or at all, a VM’s assigned memory', () => {
    const rows: StatsRow[] = [
      { id: 'c1', state: 'Running', sample: sample(), error: null },
      {
        id: 'vm1',
        state: 'Running',
        sample: sample({
          cpuPercent: null,
          memory: { ...sample().memory, assignedBytes: 1024 * MiB },
          network: {
            receivedBytes: 1,
            sentBytes: 2,
            receiveBytesPerSecond: 512,
            transmitBytesPerSecond: null,
          },
        }),
        error: null,
      },
      { id: 'vm2', state: 'Paused', sample: null, error: null },
    ];
    expect(formatStatsTable(rows, 'none').split('\n')).toEqual([
      'ID   STATE    CPU %   MEMORY            READ/S     WRITE/S  NET RX/S  NET TX/S',
      'c1   Running  12.35%  212MiB            2.00KiB/s  0B/s     --        --',
      'vm1  Running  --      212MiB / 1.00GiB  2.00KiB/s  0B/s     512B/s    --',
      'vm2  Paused   --      --                --         --       --        --',
      '',
    ]);
    expect(formatStatsTable([], 'No running compute systems.')).toBe('No running compute systems.\n');
  });

  it('on a terminal: redrawn in place (cursor up over the last table, erase below), cursor hidden until the end', () => {
    const out = Object.assign(new PassThrough(), { isTTY: true, columns: 12 });
    let written = '';
    out.on('data', (d: Buffer) => (written += d.toString()));
    const table = new TableOutput(out);
    table.draw('AAAA\nBBBBBBBBBBBBBBBBBBBB\n');
    table.draw('CC\nDD\nEE\n');
    table.finish();
    expect(written).toBe(
      '\x1b[?25l\r\x1b[JAAAA\n' +
        // Cut to the width, so that no line wraps and the count of lines to go back over stays right.
        'BBBBBBBBBBB\n' +
        '\x1b[2A\r\x1b[JCC\nDD\nEE\n' +
        '\x1b[?25h',
    );
  });

  it('elsewhere (a pipe, a file): plain tables one after the other, nothing but text', () => {
    const out = new PassThrough();
    let written = '';
    out.on('data', (d: Buffer) => (written += d.toString()));
    const table = new TableOutput(out);
    table.draw('A\n');
    table.draw('B\n');
    table.finish();
    expect(written).toBe('A\n\nB\n\n');
  });
});

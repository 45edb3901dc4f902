import { describe, expect, it } from 'vitest';
import { SystemError, win32FromHresult } from '../hcs/index.ts';
import { UsageError } from '../base/index.ts';
import { parseSignal } from './args.ts';
import { formatProcesses, listProcesses, processRows, signalOptions } from './processes.ts';

const V2_ANSWER = {
  ProcessList: [
    {
      ProcessId: 30,
      ImageName: 'b.exe',
      CreateTimestamp: '2025-01-02T03:04:05Z',
      UserTime100ns: 10_000_000,
      KernelTime100ns: 2_500_000,
      MemoryCommitBytes: 4096,
      MemoryWorkingSetPrivateBytes: 2 * 1024 * 1024,
      MemoryWorkingSetSharedBytes: 1024,
    },
    { ProcessId: 4, ImageName: 'System' },
    { ImageName: 'no pid' },
  ],
};

const refused = () =>
  new SystemError('c1', 'hcs::System::PropertiesV2', win32FromHresult(0xc037010d | 0)!, []);

describe('hcsctl ps', () => {
  it('reads ProcessList rows (schema1 and schema2 have the same fields), by pid, nulls for what HCS left out', () => {
    expect(processRows(V2_ANSWER)).toEqual([
      {
        pid: 4,
        image: 'System',
        created: null,
        userTime100ns: null,
        kernelTime100ns: null,
        memoryCommitBytes: null,
        workingSetPrivateBytes: null,
        workingSetSharedBytes: null,
      },
      {
        pid: 30,
        image: 'b.exe',
        created: '2025-01-02T03:04:05Z',
        userTime100ns: 10_000_000,
        kernelTime100ns: 2_500_000,
        memoryCommitBytes: 4096,
        workingSetPrivateBytes: 2 * 1024 * 1024,
        workingSetSharedBytes: 1024,
      },
    ]);
    expect(processRows({ Id: 'c1' })).toBeNull();
  });

  it('uses the V2 list, and falls back to V1 when HCS refuses it, saying why', async () => {
    const asked: string[] = [];
    const v2 = await listProcesses({
      propertiesV2: async () => (asked.push('v2'), V2_ANSWER),
      properties: async () => (asked.push('v1'), {}),
    });
    expect(v2).toMatchObject({ source: 'v2', v2Error: null });
    expect(asked).toEqual(['v2']);

    const v1 = await listProcesses({
      propertiesV2: async () => {
        throw refused();
      },
      properties: async () => ({ ProcessList: [{ ProcessId: 7, ImageName: 'cmd.exe' }] }),
    });
    expect(v1.source).toBe('v1');
    expect(v1.processes.map((p) => p.pid)).toEqual([7]);
    expect(String(v1.v2Error)).toContain('hcs::System::PropertiesV2 c1');
  });

  it('reports the V2 failure when V1 fails too', async () => {
    const error = refused();
    await expect(
      listProcesses({
        propertiesV2: async () => {
          throw error;
        },
        properties: async () => {
          throw new Error('v1 also failed');
        },
      }),
    ).rejects.toBe(error);
  });

  it('a table of pid, image, processor time, private working set and start', () => {
    expect(formatProcesses(processRows(V2_ANSWER)!).split('\n')).toEqual([
      'PID  IMAGE   CPU TIME    MEMORY   CREATED',
      '4    System',
      '30   b.exe   0:00:01.25  2.00MiB  2025-01-02T03:04:05Z',
      '',
    ]);
    expect(formatProcesses([])).toBe('No processes.\n');
  });
});

describe('hcsctl kill --signal', () => {
  it('a console event by name to Windows, as its POSIX number to Linux; POSIX signals to Linux only', () => {
    expect(signalOptions(parseSignal('CtrlC'), 'windows', 'c1')).toEqual({ Signal: 'CtrlC' });
    expect(signalOptions(parseSignal('CtrlC'), 'linux', 'c1')).toEqual({ Signal: 2 });
    expect(signalOptions(parseSignal('CtrlShutdown'), 'linux', 'c1')).toEqual({ Signal: 15 });
    expect(signalOptions(parseSignal('SIGKILL'), 'linux', 'c1')).toEqual({ Signal: 9 });
    expect(() => signalOptions(parseSignal('TERM'), 'windows', 'c1')).toThrow(UsageError);
    expect(() => signalOptions(parseSignal('TERM'), 'windows', 'c1')).toThrow(
      'kill: c1 is a Windows system, which takes console events only',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { AppError } from '../app/index.ts';
import { SystemError, win32FromHresult } from '../hcs/index.ts';
import {
  formatBytes,
  formatCpuTime,
  formatError,
  formatErrorInfo,
  formatProperties,
  formatRate,
  formatSystems,
  formatTable,
} from './format.ts';

describe('formatTable / formatSystems', () => {
  it('aligns columns under upper-case headers', () => {
    expect(
      formatTable(
        ['Id', 'State'],
        [
          ['a', 'Running'],
          ['long-id', 'Paused'],
        ],
      ),
    ).toBe('ID       STATE\na        Running\nlong-id  Paused\n');
  });

  it('lists id, name, type, state, owner and runtime id', () => {
    const text = formatSystems([
      {
        Id: 'vm1',
        Name: 'one',
        SystemType: 'VirtualMachine',
        State: 'Running',
        Owner: 'WSL',
        RuntimeId: 'guid-1',
      },
    ]);
    expect(text.split('\n')[1]).toBe('vm1  one   VirtualMachine  Running  WSL    guid-1');
    expect(formatSystems([])).toBe('No compute systems.\n');
  });
});

describe('formatProperties', () => {
  it('prints scalars as Key: value and nested values as indented JSON', () => {
    expect(formatProperties({ Id: 'x', Stopped: false, Statistics: { Uptime100ns: 5 } })).toBe(
      'Id:      x\nStopped: false\nStatistics:\n  {\n    "Uptime100ns": 5\n  }\n',
    );
  });
});

describe('formatError', () => {
  it('prints the hcsshim-format message with events, then the HRESULT and its name', () => {
    const e = new SystemError('vm1', 'hcs::System::Start', win32FromHresult(0xc0370105 | 0)!, [
      { Message: 'not now', Source: 'HCS' },
    ]);
    expect(formatError(e)).toBe(
      'hcsctl: hcs::System::Start vm1: The requested virtual machine or container operation is not valid in the current state.\n' +
        '[Event Detail: not now Source: HCS]\n' +
        'hcsctl: HRESULT 0xC0370105 (ERROR_VMCOMPUTE_INVALID_STATE)\n',
    );
  });

  it('adds a hint when the service cannot be reached, and handles plain errors', () => {
    expect(formatError(win32FromHresult(0x800706ba | 0))).toContain('not reachable');
    expect(formatError(new Error('cannot read x.json: no such file'))).toBe(
      'hcsctl: cannot read x.json: no such file\n',
    );
    expect(formatError('odd')).toBe('hcsctl: odd\n');
  });
});

describe('figures', () => {
  it('bytes in binary units, three significant digits', () => {
    expect(formatBytes(0)).toBe('0B');
    expect(formatBytes(1023)).toBe('1023B');
    expect(formatBytes(1536)).toBe('1.50KiB');
    expect(formatBytes(20.5 * 1024 * 1024)).toBe('20.5MiB');
    expect(formatBytes(212 * 1024 * 1024)).toBe('212MiB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.00GiB');
    expect(formatBytes(-5)).toBe('0B');
  });

  it('rates, with "--" for none yet', () => {
    expect(formatRate(null)).toBe('--');
    expect(formatRate(2048)).toBe('2.00KiB/s');
  });

  it('processor time as h:mm:ss.ss', () => {
    expect(formatCpuTime(0)).toBe('0:00:00.00');
    expect(formatCpuTime(12_345_678)).toBe('0:00:01.23');
    expect(formatCpuTime((3600 + 62.5) * 1e7)).toBe('1:01:02.50');
  });
});

describe('formatErrorInfo / AppError', () => {
  const info = {
    message: 'The system is gone.',
    hresult: '0xC037010E',
    name: 'ERROR_VMCOMPUTE_SYSTEM_NOT_FOUND',
    events: [{ Message: 'gone', Source: 'HCS' }],
  };

  it('prints the core’s description of a failure as hcsctl prints HCS’s', () => {
    expect(formatErrorInfo(info, 'stats: vm1: ')).toBe(
      'hcsctl: stats: vm1: The system is gone.\n[Event Detail: gone Source: HCS]\n' +
        'hcsctl: HRESULT 0xC037010E (ERROR_VMCOMPUTE_SYSTEM_NOT_FOUND)\n',
    );
    expect(formatError(new AppError({ message: 'HCS lists no compute system x.', events: [] }))).toBe(
      'hcsctl: HCS lists no compute system x.\n',
    );
  });
});

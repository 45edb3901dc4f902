import { describe, expect, it } from 'vitest';
import { SystemError, win32FromHresult } from '../hcs/index.ts';
import { formatError, formatProperties, formatSystems, formatTable } from './format.ts';

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

import { describe, expect, it } from 'vitest';
import { exitFromNotification, exitJson, exitText } from './exit-watch.ts';

describe('a system’s exit', () => {
  it('from SystemExited’s document, else its status', () => {
    expect(exitFromNotification({ status: 0, data: '{"Status":0,"ExitType":"GracefulExit"}' })).toEqual({
      exitType: 'GracefulExit',
      status: 0,
    });
    expect(
      exitFromNotification({
        status: -1070137082,
        data: '{"Status":-1070137082,"ExitType":"UnexpectedExit"}',
      }),
    ).toEqual({ exitType: 'UnexpectedExit', status: 0xc0370106 });
    expect(exitFromNotification({ status: -2143878906, data: 'not json' })).toEqual({
      exitType: null,
      status: 0x80370106,
    });
    expect(exitFromNotification({ status: 0, data: null })).toEqual({ exitType: null, status: 0 });
  });

  it('as JSON and as text, the status named from the HCS layer’s table', () => {
    const crash = { exitType: 'UnexpectedExit', status: 0xc0370106 };
    expect(exitJson(crash)).toEqual({
      exitType: 'UnexpectedExit',
      status: '0xC0370106',
      statusName: 'ERROR_VMCOMPUTE_UNEXPECTED_EXIT',
    });
    expect(exitText(crash)).toBe('UnexpectedExit, status 0xC0370106 (ERROR_VMCOMPUTE_UNEXPECTED_EXIT)');
    expect(exitJson({ exitType: 'ForcedExit', status: 0 })).toEqual({
      exitType: 'ForcedExit',
      status: '0x00000000',
      statusName: null,
    });
    expect(exitText({ exitType: null, status: null })).toBe('exit type not reported, status not reported');
  });
});

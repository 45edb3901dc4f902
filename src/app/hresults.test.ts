import { describe, expect, it } from 'vitest';
import { toErrorInfo } from './error-info.ts';
import { hresultExplanation, hresultHex, hresultName, isServiceGoneHresult } from './hresults.ts';
import { exitTypeOf } from './notifications.ts';

describe('HRESULTs', () => {
  it('formats raw HRESULTs as unsigned hex, whatever their sign', () => {
    expect(hresultHex(0x80070005)).toBe('0x80070005');
    expect(hresultHex(-2147024891)).toBe('0x80070005');
    expect(hresultHex(0xc0370105 | 0)).toBe('0xC0370105');
    expect(hresultHex(5)).toBe('0x00000005');
  });

  it('names both the vmcompute and the computecore forms of HCS errors', () => {
    expect(hresultName(0xc0370105)).toBe('ERROR_VMCOMPUTE_INVALID_STATE');
    expect(hresultName(0x80370105)).toBe('HCS_E_INVALID_STATE');
    expect(hresultName(0xc037010e | 0)).toBe('ERROR_VMCOMPUTE_SYSTEM_NOT_FOUND');
    expect(hresultName(0x800706ba)).toBe('RPC_S_SERVER_UNAVAILABLE');
    expect(hresultName(0x12345678)).toBeUndefined();
  });

  it('explains access denied in plain language, in both forms', () => {
    const admin =
      'HCS requires administrator rights (or membership in Hyper-V Administrators). Restart HCS Desktop as administrator.';
    expect(hresultExplanation(0x80070005)).toBe(admin);
    expect(hresultExplanation(0x8037011b)).toBe(admin);
  });

  it('knows which HRESULTs mean the service is gone', () => {
    expect(isServiceGoneHresult(0x800706ba)).toBe(true);
    expect(isServiceGoneHresult(0x8037011e | 0)).toBe(true);
    expect(isServiceGoneHresult(0x80070005)).toBe(false);
    expect(isServiceGoneHresult(undefined)).toBe(false);
  });

  it('builds the ErrorInfo from a failure, omitting what it does not know', () => {
    expect(toErrorInfo({ message: 'boom', events: [], serviceGone: false })).toEqual({
      message: 'boom',
      events: [],
    });
    expect(
      toErrorInfo({
        message: 'x',
        op: 'hcs::System::Start',
        hresult: 0x12345678,
        events: [],
        serviceGone: false,
      }),
    ).toEqual({
      message: 'x',
      op: 'hcs::System::Start',
      hresult: '0x12345678',
      events: [],
    });
  });

  it('reads the exit type of SystemExited, falling back on the crash status', () => {
    expect(exitTypeOf('{"ExitType":"GracefulExit"}', 0)).toBe('GracefulExit');
    expect(exitTypeOf('not json', 0xc0370106 | 0)).toBe('UnexpectedExit');
    expect(exitTypeOf(null, 0)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { formatHresult as hresultHex } from '../base/index.ts';
import { hresultInfo, isServiceGoneHresult, knownHresults } from '../hcs/index.ts';
import { toErrorInfo } from './error-info.ts';
import { SERVICE_GONE, hresultDescription, hresultExplanation } from './hresult-explanations.ts';

const hresultName = (hr: number) => hresultInfo(hr)?.name;

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
      name: 'success code 0x12345678',
      explanation: 'This is a success or informational code, not an error.',
      events: [],
    });
  });

  it('never leaves an HRESULT without a name and an explanation', () => {
    const info = (hresult: number) => toErrorInfo({ message: 'm', hresult, events: [], serviceGone: false });
    expect(info(0x800704d2)).toMatchObject({
      hresult: '0x800704D2',
      name: 'Win32 error 1234',
      explanation: expect.stringContaining('`net helpmsg 1234`'),
    });
    expect(info(0x803701ff)).toMatchObject({
      name: 'FACILITY_USERMODE_VIRTUALIZATION 0x01FF',
      explanation: expect.stringContaining('the Host Compute Service'),
    });
    expect(info(0xc03701ff | 0).explanation).toContain('certutil -error 0xC03701FF');
    expect(info(0x80350005)).toMatchObject({ name: 'FACILITY_USERMODE_HYPERVISOR 0x0005' });
    expect(info(0x80010105)).toMatchObject({ name: 'FACILITY_RPC 0x0105' });
    expect(info(0x87ff0001)).toMatchObject({
      name: 'HRESULT 0x87FF0001',
      explanation: expect.stringContaining('facility (2047) is not one HCS Desktop knows'),
    });
    expect(info(0)).toMatchObject({ name: 'S_OK' });
  });

  it('names and explains every code the HCS layer knows, in the HRESULT form HCS answers with', () => {
    const hresults = knownHresults().map((info) => info.hresult);
    expect(hresults.length).toBeGreaterThan(60);
    const unexplained = hresults.filter(
      (hr) => hresultName(hr) === undefined || hresultExplanation(hr) === undefined,
    );
    expect(unexplained.map(hresultHex)).toEqual([]);
    // The codes that mean the service is gone all say so, in the same words.
    for (const info of knownHresults().filter((i) => i.serviceGone)) {
      expect(hresultExplanation(info.hresult), info.name).toBe(SERVICE_GONE);
    }
  });

  it('uses the computecore name where it differs from the vmcompute one', () => {
    expect(hresultName(0xc0370109)).toBe('ERROR_VMCOMPUTE_TIMEOUT');
    expect(hresultName(0x80370109)).toBe('HCS_E_CONNECTION_TIMEOUT');
    expect(hresultName(0x80370117)).toBe('HCS_E_OPERATION_PENDING');
    expect(hresultDescription(0x80070005)).toEqual({
      name: 'E_ACCESSDENIED',
      explanation: expect.stringContaining('administrator'),
    });
  });
});

import { describe, expect, it } from 'vitest';
import { formatHresult } from '../base/index.ts';
import { Win32Error, hresultFromCode, normalizeHresult, win32FromHresult } from './win32-error.ts';

describe('HRESULT normalisation (hcsshim zsyscall: FACILITY_WIN32 → Errno)', () => {
  it('keeps the low 16 bits of FACILITY_WIN32 HRESULTs, signed or unsigned input', () => {
    expect(normalizeHresult(0x80070005)).toBe(0x5);
    expect(normalizeHresult(0x80070005 | 0)).toBe(0x5);
    expect(normalizeHresult(0x80070490 | 0)).toBe(0x490);
    expect(normalizeHresult(0x800706ba | 0)).toBe(0x6ba);
  });

  it('leaves every other facility as the raw unsigned value', () => {
    expect(normalizeHresult(0xc0370103 | 0)).toBe(0xc0370103);
    expect(normalizeHresult(0x8037011f | 0)).toBe(0x8037011f);
    expect(normalizeHresult(0x80004005 | 0)).toBe(0x80004005);
    // 0xC0070005: severity and customer bits do not stop the facility check (mask 0x1fff0000).
    expect(normalizeHresult(0xc0070005 | 0)).toBe(0x5);
  });

  it('treats every non-negative HRESULT (S_OK, S_FALSE) as success', () => {
    expect(win32FromHresult(0)).toBeNull();
    expect(win32FromHresult(1)).toBeNull();
    expect(win32FromHresult(0x7fffffff)).toBeNull();
  });

  it('makes a Win32Error that keeps both the normalised code and the raw HRESULT', () => {
    const e = win32FromHresult(0x80070490 | 0);
    expect(e).toBeInstanceOf(Win32Error);
    expect(e?.code).toBe(0x490);
    expect(e?.hresult).toBe(0x80070490);
    expect(e?.message).toBe('Element not found.');
    expect(e?.is(new Win32Error(0x490))).toBe(true);
    expect(e?.is(new Win32Error(0x5))).toBe(false);
  });

  it('maps small codes back to their FACILITY_WIN32 HRESULT and formats hex as people quote it', () => {
    expect(hresultFromCode(5)).toBe(0x80070005);
    expect(hresultFromCode(0xc0370103)).toBe(0xc0370103);
    expect(new Win32Error(0x6).hresult).toBe(0x80070006);
    expect(formatHresult(0x80070005 | 0)).toBe('0x80070005');
    expect(formatHresult(5)).toBe('0x00000005');
  });
});

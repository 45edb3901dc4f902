import { computeForm, hresultInfo } from './hresults.ts';

/**
 * An error code returned by vmcompute.dll, the TypeScript counterpart of the `syscall.Errno` hcsshim's
 * generated stubs produce (docs/hcs/errors.md#normalisation). `code` is normalised as hcsshim does: a FACILITY_WIN32
 * HRESULT (0x8007xxxx) keeps only its low 16 bits, so 0x80070005 becomes 5; every other HRESULT stays as is
 * (0xC0370103). `hresult` is the raw value the DLL returned, unsigned. Two Win32Errors are the same error
 * when their codes are equal, as two Errno values are in Go.
 */
export class Win32Error extends Error {
  override readonly name = 'Win32Error';
  /** The normalised code hcsshim compares against (unsigned). */
  readonly code: number;
  /** The raw HRESULT (unsigned). */
  readonly hresult: number;
  /** The name in the HRESULT table (hresults.ts), e.g. "ERROR_VMCOMPUTE_INVALID_STATE", when known. */
  readonly errorName: string | undefined;

  constructor(code: number, hresult: number = hresultFromCode(code)) {
    // Named from the table by the code's own HRESULT form, so every HRESULT that normalises to it agrees.
    const info = hresultInfo(hresultFromCode(code));
    // Go's Errno.Error() falls back to "winapi error #<decimal>" for codes without a system message.
    super(info ? info.message : `winapi error #${code >>> 0}`);
    this.code = code >>> 0;
    this.hresult = hresult >>> 0;
    this.errorName = info?.name;
  }

  /**
   * True when `other` is a Win32Error with the same normalised code. HCS's own codes compare alike in both
   * forms: vmcompute.dll reports them as 0xC037xxxx, computecore.dll as 0x8037xxxx (hcsshim's V2 errors.go
   * checks both), so ERROR_VMCOMPUTE_INVALID_STATE is HCS_E_INVALID_STATE.
   */
  is(other: unknown): boolean {
    return other instanceof Win32Error && computeForm(other.code) === computeForm(this.code);
  }
}

const FACILITY_WIN32_MASK = 0x1fff0000;
const FACILITY_WIN32_VALUE = 0x00070000;

/** hcsshim's normalisation of a failed HRESULT (any value, signed or not) to the code it compares. */
export function normalizeHresult(hr: number): number {
  const raw = hr >>> 0;
  if ((raw & FACILITY_WIN32_MASK) === FACILITY_WIN32_VALUE) return raw & 0xffff;
  return raw;
}

/** The HRESULT a normalised code came from: small Win32 codes map back to 0x8007xxxx. */
export function hresultFromCode(code: number): number {
  const c = code >>> 0;
  return c <= 0xffff && c !== 0 ? (0x80070000 | c) >>> 0 : c;
}

/** null for success (any non-negative HRESULT, S_FALSE included), otherwise the Win32Error. */
export function win32FromHresult(hr: number): Win32Error | null {
  if ((hr | 0) >= 0) return null;
  return new Win32Error(normalizeHresult(hr), hr >>> 0);
}

/** "0x80070005": an HRESULT (or any 32-bit status) as unsigned hex, eight upper-case digits, as Windows tools print it. */
export function formatHresult(hr: number): string {
  return '0x' + (hr >>> 0).toString(16).toUpperCase().padStart(8, '0');
}

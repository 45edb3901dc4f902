/** INVALID_HANDLE_VALUE, (HANDLE)-1, as a 64-bit pointer value. */
export const INVALID_HANDLE_VALUE = 0xffffffffffffffffn;

/**
 * True for a stdio handle that is really there. HCS leaves a stream it did not create as 0; HEAD's hcsv2 also
 * treats INVALID_HANDLE_VALUE as absent (docs/hcs/vmcompute.md#process-information), so both count as absent here.
 */
export function isPresentHandle(h: bigint): boolean {
  return h !== 0n && h !== INVALID_HANDLE_VALUE && h !== -1n;
}

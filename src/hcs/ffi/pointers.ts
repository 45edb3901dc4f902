/**
 * Pointer and handle values as koffi hands them over: a pointer-sized value is a BigInt, or null (sometimes
 * a number) for NULL. Shared by every DLL binding.
 */

/** INVALID_HANDLE_VALUE, (HANDLE)-1, as a 64-bit pointer value. */
export const INVALID_HANDLE_VALUE = 0xffffffffffffffffn;

/** A pointer out of koffi: BigInt, or null for NULL. */
export function pointerOf(value: unknown): bigint | null {
  if (typeof value === 'bigint') return value === 0n ? null : value;
  if (typeof value === 'number') return value === 0 ? null : BigInt(value);
  return null;
}

/** A handle value as HCS_PROCESS_INFORMATION holds it (0 when absent). */
export function handleOf(value: unknown): bigint {
  return pointerOf(value) ?? 0n;
}

/**
 * True for a stdio handle that is really there. HCS leaves a stream it did not create as 0; HEAD's hcsv2 also
 * treats INVALID_HANDLE_VALUE as absent (docs/hcs/vmcompute.md#process-information), so both count as absent here.
 */
export function isPresentHandle(h: bigint): boolean {
  return h !== 0n && h !== INVALID_HANDLE_VALUE && h !== -1n;
}

/**
 * Names and plain-language explanations of the HRESULTs HCS answers with (hcs-reference §3.3, PROTOCOL.md).
 * The vmcompute (v1) family 0xC03701xx and the computecore (v2) family 0x803701xx share their low 16 bits,
 * so one table serves both.
 */

interface Known {
  name: string;
  explanation?: string;
}

const ADMIN =
  'HCS requires administrator rights (or membership in Hyper-V Administrators). Restart HCS Desktop as administrator.';
export const SERVICE_GONE =
  'The Host Compute Service (vmcompute) is not reachable. Check that it is running; HCS Desktop reconnects on its own.';

const WIN32: Record<number, Known> = {
  0x80070005: { name: 'E_ACCESSDENIED', explanation: ADMIN },
  0x80070006: {
    name: 'ERROR_INVALID_HANDLE',
    explanation: 'The handle to this system is no longer valid, usually because the service restarted.',
  },
  0x8007000d: { name: 'ERROR_INVALID_DATA', explanation: 'HCS found the request invalid or unsupported.' },
  0x80070032: { name: 'ERROR_NOT_SUPPORTED', explanation: 'HCS does not support this request.' },
  0x8007007f: {
    name: 'ERROR_PROC_NOT_FOUND',
    explanation: 'This version of Windows lacks an HCS function HCS Desktop needs.',
  },
  0x80070102: { name: 'WAIT_TIMEOUT', explanation: 'HCS did not answer in time.' },
  0x8007010b: { name: 'ERROR_DIRECTORY', explanation: 'The working directory does not exist.' },
  0x80070490: {
    name: 'ERROR_NOT_FOUND',
    explanation: 'The object does not exist; a process may already have exited.',
  },
  0x800706ba: { name: 'RPC_S_SERVER_UNAVAILABLE', explanation: SERVICE_GONE },
  0x800706be: { name: 'RPC_S_CALL_FAILED', explanation: SERVICE_GONE },
  0x80004005: { name: 'E_FAIL' },
  0x80070057: { name: 'E_INVALIDARG', explanation: 'HCS rejected an argument of the request.' },
};

/** Low 16 bits of the 0x?037xxxx family → name suffix and explanation. */
const HCS_FAMILY: Record<number, Known> = {
  0x0100: { name: 'TERMINATED_DURING_START', explanation: 'The system stopped while it was starting.' },
  0x0101: {
    name: 'IMAGE_MISMATCH',
    explanation: 'The container image does not match the host Windows version.',
  },
  0x0102: {
    name: 'HYPERV_NOT_INSTALLED',
    explanation: 'Hyper-V or the Containers feature is not installed on this machine.',
  },
  0x0103: { name: 'OPERATION_PENDING', explanation: 'HCS is still completing the operation.' },
  0x0104: { name: 'TOO_MANY_NOTIFICATIONS' },
  0x0105: {
    name: 'INVALID_STATE',
    explanation:
      'The system is not in a state that allows this operation (for example, pausing a system that is not running).',
  },
  0x0106: { name: 'UNEXPECTED_EXIT', explanation: 'The system exited unexpectedly.' },
  0x0107: { name: 'TERMINATED', explanation: 'The system was terminated.' },
  0x0108: { name: 'CONNECT_FAILED', explanation: 'HCS could not connect to the system.' },
  0x0109: { name: 'TIMEOUT', explanation: 'HCS timed out talking to the system.' },
  0x010a: { name: 'CONNECTION_CLOSED', explanation: 'The connection to the system was closed.' },
  0x010b: { name: 'UNKNOWN_MESSAGE', explanation: 'The guest does not support this request.' },
  0x010c: { name: 'UNSUPPORTED_PROTOCOL_VERSION' },
  0x010d: {
    name: 'INVALID_JSON',
    explanation: 'HCS rejected the document; the error events say where and why.',
  },
  0x010e: {
    name: 'SYSTEM_NOT_FOUND',
    explanation: 'The compute system no longer exists; it may have stopped and been cleaned up.',
  },
  0x010f: {
    name: 'SYSTEM_ALREADY_EXISTS',
    explanation: 'A compute system with this id already exists. Choose another id.',
  },
  0x0110: { name: 'SYSTEM_ALREADY_STOPPED', explanation: 'The system has already stopped.' },
  0x0111: { name: 'PROTOCOL_ERROR' },
  0x0112: { name: 'INVALID_LAYER', explanation: 'A container layer in the document is invalid.' },
  0x0113: { name: 'WINDOWS_INSIDER_REQUIRED', explanation: 'This feature needs a Windows Insider build.' },
  0x0114: { name: 'SERVICE_NOT_AVAILABLE', explanation: SERVICE_GONE },
  0x0118: { name: 'OPERATION_TIMEOUT', explanation: 'HCS did not finish the operation in time.' },
  0x011b: { name: 'ACCESS_DENIED', explanation: ADMIN },
  0x011c: { name: 'GUEST_CRITICAL_ERROR', explanation: 'The guest reported a critical error.' },
  0x011e: { name: 'SERVICE_DISCONNECT', explanation: SERVICE_GONE },
  0x011f: { name: 'PROCESS_ALREADY_STOPPED', explanation: 'The process has already exited.' },
};

/** HRESULTs that mean the service itself is gone, not that one call failed. */
const SERVICE_GONE_HRESULTS = new Set([0x800706ba, 0x800706be, 0x80370114, 0x8037011e]);

function lookup(hresult: number): Known | undefined {
  const hr = hresult >>> 0;
  const win32 = WIN32[hr];
  if (win32) return win32;
  const family = (hr & 0xffff0000) >>> 0;
  const entry = HCS_FAMILY[hr & 0xffff];
  if (!entry) return undefined;
  if (family === 0xc0370000) return { ...entry, name: `ERROR_VMCOMPUTE_${entry.name}` };
  if (family === 0x80370000) return { ...entry, name: `HCS_E_${entry.name}` };
  return undefined;
}

/** "0x80070005": unsigned, eight upper-case hex digits. */
export function hresultHex(hresult: number): string {
  return `0x${(hresult >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

export function hresultName(hresult: number): string | undefined {
  return lookup(hresult)?.name;
}

export function hresultExplanation(hresult: number): string | undefined {
  return lookup(hresult)?.explanation;
}

export function isServiceGoneHresult(hresult: number | undefined): boolean {
  return hresult !== undefined && SERVICE_GONE_HRESULTS.has(hresult >>> 0);
}

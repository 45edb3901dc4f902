/**
 * Names and plain-language explanations of the HRESULTs HCS answers with (docs/hcs/errors.md#hresults,
 * sim/PROTOCOL.md).
 * The vmcompute (v1) family 0xC03701xx and the computecore (v2) family 0x803701xx share their low 16 bits,
 * so one table serves both.
 */

interface Known {
  name: string;
  explanation: string;
}

const ADMIN =
  'HCS requires administrator rights (or membership in Hyper-V Administrators). Restart HCS Desktop as administrator.';
export const SERVICE_GONE =
  'The Host Compute Service (vmcompute) is not reachable. Check that it is running; HCS Desktop reconnects on its own.';

const NOT_FOUND_FILE = 'A file or folder named in the request does not exist on the host.';
const LOW_MEMORY = 'The host ran out of memory for this request. Close something and try again.';

/** Win32 errors as HRESULTs (0x8007xxxx) and the generic COM ones, as HCS and hcsshim meet them. */
const WIN32: Record<number, Known> = {
  0x80070001: { name: 'ERROR_INVALID_FUNCTION', explanation: 'HCS does not support this function here.' },
  0x80070002: { name: 'ERROR_FILE_NOT_FOUND', explanation: NOT_FOUND_FILE },
  0x80070003: { name: 'ERROR_PATH_NOT_FOUND', explanation: NOT_FOUND_FILE },
  0x80070005: { name: 'E_ACCESSDENIED', explanation: ADMIN },
  0x80070006: {
    name: 'ERROR_INVALID_HANDLE',
    explanation: 'The handle to this system is no longer valid, usually because the service restarted.',
  },
  0x80070008: { name: 'ERROR_NOT_ENOUGH_MEMORY', explanation: LOW_MEMORY },
  0x8007000d: { name: 'ERROR_INVALID_DATA', explanation: 'HCS found the request invalid or unsupported.' },
  0x8007000e: { name: 'E_OUTOFMEMORY', explanation: LOW_MEMORY },
  0x8007001f: {
    name: 'ERROR_GEN_FAILURE',
    explanation:
      'A device of the system (a disk, a network adapter) is not working. The error events say which.',
  },
  0x80070020: {
    name: 'ERROR_SHARING_VIOLATION',
    explanation: 'Another process holds a file this request needs (a layer, a disk). Close it and try again.',
  },
  0x80070032: { name: 'ERROR_NOT_SUPPORTED', explanation: 'HCS does not support this request.' },
  0x80070057: { name: 'E_INVALIDARG', explanation: 'HCS rejected an argument of the request.' },
  0x8007006d: {
    name: 'ERROR_BROKEN_PIPE',
    explanation: 'The other end of a pipe closed, usually because the process or the system exited.',
  },
  0x80070070: { name: 'ERROR_DISK_FULL', explanation: 'The host disk is full.' },
  0x8007007e: {
    name: 'ERROR_MOD_NOT_FOUND',
    explanation:
      'A Windows component HCS Desktop needs (vmcompute.dll) is missing: enable the Containers or Hyper-V feature.',
  },
  0x8007007f: {
    name: 'ERROR_PROC_NOT_FOUND',
    explanation: 'This version of Windows lacks an HCS function HCS Desktop needs.',
  },
  0x800700aa: { name: 'ERROR_BUSY', explanation: 'The resource is busy. Try again in a moment.' },
  0x800700b7: { name: 'ERROR_ALREADY_EXISTS', explanation: 'Something with this name already exists.' },
  0x80070102: { name: 'WAIT_TIMEOUT', explanation: 'HCS did not answer in time.' },
  0x8007010b: { name: 'ERROR_DIRECTORY', explanation: 'The working directory does not exist.' },
  0x800703e3: {
    name: 'ERROR_OPERATION_ABORTED',
    explanation: 'The operation was cancelled, usually because its system stopped or its handle was closed.',
  },
  0x80070422: {
    name: 'ERROR_SERVICE_DISABLED',
    explanation:
      'The Host Compute Service (vmcompute) is disabled. Enable it in Services, then HCS Desktop connects on its own.',
  },
  0x80070424: {
    name: 'ERROR_SERVICE_DOES_NOT_EXIST',
    explanation:
      'The Host Compute Service is not installed: enable the Containers or Hyper-V Windows feature.',
  },
  0x80070426: { name: 'ERROR_SERVICE_NOT_ACTIVE', explanation: SERVICE_GONE },
  0x8007042b: {
    name: 'ERROR_PROCESS_ABORTED',
    explanation: 'The process ended unexpectedly.',
  },
  0x80070490: {
    name: 'ERROR_NOT_FOUND',
    explanation: 'The object does not exist; a process may already have exited.',
  },
  0x800705b4: { name: 'ERROR_TIMEOUT', explanation: 'The operation did not finish in time.' },
  0x800706ba: { name: 'RPC_S_SERVER_UNAVAILABLE', explanation: SERVICE_GONE },
  0x800706be: { name: 'RPC_S_CALL_FAILED', explanation: SERVICE_GONE },
  0x800706d9: { name: 'EPT_S_NOT_REGISTERED', explanation: SERVICE_GONE },
  0x80004001: {
    name: 'E_NOTIMPL',
    explanation: 'HCS does not implement this request on this version of Windows.',
  },
  0x80004002: {
    name: 'E_NOINTERFACE',
    explanation: 'HCS does not implement this request on this version of Windows.',
  },
  0x80004003: {
    name: 'E_POINTER',
    explanation: 'HCS received an invalid pointer: this is a bug in HCS Desktop, please report it.',
  },
  0x80004004: { name: 'E_ABORT', explanation: 'The operation was aborted.' },
  0x80004005: {
    name: 'E_FAIL',
    explanation:
      'HCS reported an unspecified failure. Its message and error events are all it says about it.',
  },
  0x8000ffff: {
    name: 'E_UNEXPECTED',
    explanation: 'HCS failed unexpectedly. Its message and error events are all it says about it.',
  },
};

/**
 * Low 16 bits of the 0x?037xxxx family → name suffix and explanation. `v2Name`: the computecore (HCS_E_) name
 * where it differs from the vmcompute one.
 */
const HCS_FAMILY: Record<number, Known & { v2Name?: string }> = {
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
  0x0104: {
    name: 'TOO_MANY_NOTIFICATIONS',
    explanation:
      'Too many notification callbacks are registered on this system. Close other tools that watch it.',
  },
  0x0105: {
    name: 'INVALID_STATE',
    explanation:
      'The system is not in a state that allows this operation (for example, pausing a system that is not running).',
  },
  0x0106: { name: 'UNEXPECTED_EXIT', explanation: 'The system exited unexpectedly.' },
  0x0107: { name: 'TERMINATED', explanation: 'The system was terminated.' },
  0x0108: { name: 'CONNECT_FAILED', explanation: 'HCS could not connect to the system.' },
  0x0109: {
    name: 'TIMEOUT',
    v2Name: 'CONNECTION_TIMEOUT',
    explanation: 'HCS timed out talking to the system.',
  },
  0x010a: { name: 'CONNECTION_CLOSED', explanation: 'The connection to the system was closed.' },
  0x010b: { name: 'UNKNOWN_MESSAGE', explanation: 'The guest does not support this request.' },
  0x010c: {
    name: 'UNSUPPORTED_PROTOCOL_VERSION',
    explanation:
      'The guest and the host speak incompatible protocol versions: update the guest image or Windows.',
  },
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
  0x0111: {
    name: 'PROTOCOL_ERROR',
    explanation: 'The guest and the host disagreed about their protocol; the system may need a restart.',
  },
  0x0112: { name: 'INVALID_LAYER', explanation: 'A container layer in the document is invalid.' },
  0x0113: { name: 'WINDOWS_INSIDER_REQUIRED', explanation: 'This feature needs a Windows Insider build.' },
  0x0114: { name: 'SERVICE_NOT_AVAILABLE', explanation: SERVICE_GONE },
  0x0115: { name: 'OPERATION_NOT_STARTED', explanation: 'HCS has not started the operation yet.' },
  0x0116: { name: 'OPERATION_ALREADY_STARTED', explanation: 'The operation is already running.' },
  0x0117: { name: 'OPERATION_PENDING', explanation: 'HCS is still completing the operation.' },
  0x0118: { name: 'OPERATION_TIMEOUT', explanation: 'HCS did not finish the operation in time.' },
  0x0119: {
    name: 'OPERATION_SYSTEM_CALLBACK_ALREADY_SET',
    explanation: 'An event callback is already registered on this handle.',
  },
  0x011a: {
    name: 'OPERATION_RESULT_ALLOCATION_FAILED',
    explanation: 'HCS ran out of memory for the result of the operation.',
  },
  0x011b: { name: 'ACCESS_DENIED', explanation: ADMIN },
  0x011c: { name: 'GUEST_CRITICAL_ERROR', explanation: 'The guest reported a critical error.' },
  0x011d: {
    name: 'PROCESS_INFO_NOT_AVAILABLE',
    explanation: 'HCS has no information about this process (it may have exited).',
  },
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
  const { explanation } = entry;
  if (family === 0xc0370000) return { name: `ERROR_VMCOMPUTE_${entry.name}`, explanation };
  if (family === 0x80370000) return { name: `HCS_E_${entry.v2Name ?? entry.name}`, explanation };
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

/** Where an HRESULT comes from: bits 16–26 (winerror.h FACILITY_*), with what that source is. */
const FACILITIES: Record<number, { name: string; source: string }> = {
  0: { name: 'FACILITY_NULL', source: 'a generic COM error' },
  1: { name: 'FACILITY_RPC', source: 'the RPC link to the Windows service' },
  2: { name: 'FACILITY_DISPATCH', source: 'COM automation' },
  3: { name: 'FACILITY_STORAGE', source: 'COM structured storage' },
  4: { name: 'FACILITY_ITF', source: 'an interface-specific COM error' },
  7: { name: 'FACILITY_WIN32', source: 'a Windows (Win32) error' },
  8: { name: 'FACILITY_WINDOWS', source: 'Windows' },
  9: { name: 'FACILITY_SECURITY', source: 'Windows security (SSPI)' },
  10: { name: 'FACILITY_CONTROL', source: 'ActiveX controls' },
  11: { name: 'FACILITY_CERT', source: 'certificates' },
  12: { name: 'FACILITY_INTERNET', source: 'the Windows internet stack' },
  19: { name: 'FACILITY_URT', source: 'the .NET runtime' },
  23: { name: 'FACILITY_SXS', source: 'side-by-side assemblies' },
  25: { name: 'FACILITY_HTTP', source: 'the Windows HTTP stack' },
  33: { name: 'FACILITY_CONFIGURATION', source: 'Windows configuration' },
  36: { name: 'FACILITY_WINDOWSUPDATE', source: 'Windows Update' },
  50: { name: 'FACILITY_FWP', source: 'the Windows Filtering Platform (networking)' },
  52: { name: 'FACILITY_NDIS', source: 'the network driver interface' },
  53: { name: 'FACILITY_USERMODE_HYPERVISOR', source: 'the Hyper-V hypervisor' },
  55: {
    name: 'FACILITY_USERMODE_VIRTUALIZATION',
    source: 'the Host Compute Service (Hyper-V virtualization)',
  },
  56: { name: 'FACILITY_USERMODE_VOLMGR', source: 'the volume manager' },
  58: { name: 'FACILITY_USERMODE_VHD', source: 'virtual hard disks (VHD/VHDX)' },
  59: { name: 'FACILITY_USERMODE_HNS', source: 'the Host Network Service (container networking)' },
};

/** The name and explanation of a code nobody taught HCS Desktop: say where it comes from and how to look it up. */
function describeUnknown(hr: number): Known {
  const code = hr & 0xffff;
  const hex = hresultHex(hr);
  if ((hr & 0x80000000) === 0) {
    return {
      name: hr === 0 ? 'S_OK' : `success code ${hex}`,
      explanation: 'This is a success or informational code, not an error.',
    };
  }
  const facility = (hr >>> 16) & 0x7ff;
  const lookUp = `Windows' own text for it: \`certutil -error ${hex}\`.`;
  if (facility === 7) {
    return {
      name: `Win32 error ${code}`,
      explanation: `HCS Desktop has no description of this code. It is Windows error ${code} (facility Win32); \`net helpmsg ${code}\` prints Windows' own text for it.`,
    };
  }
  const known = FACILITIES[facility];
  if (known) {
    return {
      name: `${known.name} 0x${code.toString(16).toUpperCase().padStart(4, '0')}`,
      explanation: `HCS Desktop has no description of this code. It comes from ${known.source} (${known.name}, facility ${facility}). ${lookUp}`,
    };
  }
  return {
    name: `HRESULT ${hex}`,
    explanation: `HCS Desktop has no description of this code. Its facility (${facility}) is not one HCS Desktop knows. ${lookUp}`,
  };
}

/**
 * Always a name and an explanation, for the ErrorInfo the user sees: the known ones from the tables above,
 * any other code described by its facility (so no raw HRESULT reaches the screen unexplained).
 */
export function hresultDescription(hresult: number): Known {
  const hr = hresult >>> 0;
  return lookup(hr) ?? describeUnknown(hr);
}

export function isServiceGoneHresult(hresult: number | undefined): boolean {
  return hresult !== undefined && SERVICE_GONE_HRESULTS.has(hresult >>> 0);
}

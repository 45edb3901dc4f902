/**
 * What an HRESULT means for the person in front of HCS Desktop: one plain-language explanation per code of
 * the HCS layer's HRESULT table (src/hcs/hresults.ts, which owns the codes, names and Windows messages and
 * says which codes mean the service is gone). The compiler checks that every code has one.
 */
import { formatHresult } from '../base/index.ts';
import { hresultInfo, type HresultName, type ServiceGoneHresultName } from '../hcs/index.ts';

const ADMIN =
  'HCS requires administrator rights (or membership in Hyper-V Administrators). Restart HCS Desktop as administrator.';
/** What every code that means "the service is gone" is explained as. */
export const SERVICE_GONE =
  'The Host Compute Service (vmcompute) is not reachable. Check that it is running; HCS Desktop reconnects on its own.';

const NOT_FOUND_FILE = 'A file or folder named in the request does not exist on the host.';
const LOW_MEMORY = 'The host ran out of memory for this request. Close something and try again.';

const EXPLANATIONS: Record<Exclude<HresultName, ServiceGoneHresultName>, string> = {
  ERROR_INVALID_FUNCTION: 'HCS does not support this function here.',
  ERROR_FILE_NOT_FOUND: NOT_FOUND_FILE,
  ERROR_PATH_NOT_FOUND: NOT_FOUND_FILE,
  E_ACCESSDENIED: ADMIN,
  E_HANDLE: 'The handle to this system is no longer valid, usually because the service restarted.',
  ERROR_NOT_ENOUGH_MEMORY: LOW_MEMORY,
  ERROR_INVALID_DATA: 'HCS found the request invalid or unsupported.',
  E_OUTOFMEMORY: LOW_MEMORY,
  ERROR_GEN_FAILURE:
    'A device of the system (a disk, a network adapter) is not working. The error events say which.',
  ERROR_SHARING_VIOLATION:
    'Another process holds a file this request needs (a layer, a disk). Close it and try again.',
  ERROR_NOT_SUPPORTED: 'HCS does not support this request.',
  E_INVALIDARG: 'HCS rejected an argument of the request.',
  ERROR_BROKEN_PIPE: 'The other end of a pipe closed, usually because the process or the system exited.',
  ERROR_DISK_FULL: 'The host disk is full.',
  ERROR_MOD_NOT_FOUND:
    'A Windows component HCS Desktop needs (vmcompute.dll) is missing: enable the Containers or Hyper-V feature.',
  ERROR_PROC_NOT_FOUND: 'This version of Windows lacks an HCS function HCS Desktop needs.',
  ERROR_BUSY: 'The resource is busy. Try again in a moment.',
  ERROR_ALREADY_EXISTS: 'Something with this name already exists.',
  WAIT_TIMEOUT: 'HCS did not answer in time.',
  ERROR_DIRECTORY: 'The working directory does not exist.',
  ERROR_OPERATION_ABORTED:
    'The operation was cancelled, usually because its system stopped or its handle was closed.',
  ERROR_CANCELLED: 'The operation was cancelled before it completed.',
  ERROR_SERVICE_DISABLED:
    'The Host Compute Service (vmcompute) is disabled. Enable it in Services, then HCS Desktop connects on its own.',
  ERROR_SERVICE_DOES_NOT_EXIST:
    'The Host Compute Service is not installed: enable the Containers or Hyper-V Windows feature.',
  ERROR_PROCESS_ABORTED: 'The process ended unexpectedly.',
  ERROR_NOT_FOUND: 'The object does not exist; a process may already have exited.',
  ERROR_TIMEOUT: 'The operation did not finish in time.',
  E_NOTIMPL: 'HCS does not implement this request on this version of Windows.',
  E_NOINTERFACE: 'HCS does not implement this request on this version of Windows.',
  E_POINTER: 'HCS received an invalid pointer: this is a bug in HCS Desktop, please report it.',
  E_ABORT: 'The operation was aborted.',
  E_FAIL: 'HCS reported an unspecified failure. Its message and error events are all it says about it.',
  E_UNEXPECTED: 'HCS failed unexpectedly. Its message and error events are all it says about it.',
  ERROR_VMCOMPUTE_TERMINATED_DURING_START: 'The system stopped while it was starting.',
  ERROR_VMCOMPUTE_IMAGE_MISMATCH: 'The container image does not match the host Windows version.',
  ERROR_VMCOMPUTE_HYPERV_NOT_INSTALLED: 'Hyper-V or the Containers feature is not installed on this machine.',
  ERROR_VMCOMPUTE_OPERATION_PENDING: 'HCS is still completing the operation.',
  ERROR_VMCOMPUTE_TOO_MANY_NOTIFICATIONS:
    'Too many notification callbacks are registered on this system. Close other tools that watch it.',
  ERROR_VMCOMPUTE_INVALID_STATE:
    'The system is not in a state that allows this operation (for example, pausing a system that is not running).',
  ERROR_VMCOMPUTE_UNEXPECTED_EXIT: 'The system exited unexpectedly.',
  ERROR_VMCOMPUTE_TERMINATED: 'The system was terminated.',
  ERROR_VMCOMPUTE_CONNECT_FAILED: 'HCS could not connect to the system.',
  ERROR_VMCOMPUTE_TIMEOUT: 'HCS timed out talking to the system.',
  ERROR_VMCOMPUTE_CONNECTION_CLOSED: 'The connection to the system was closed.',
  ERROR_VMCOMPUTE_UNKNOWN_MESSAGE: 'The guest does not support this request.',
  ERROR_VMCOMPUTE_UNSUPPORTED_PROTOCOL_VERSION:
    'The guest and the host speak incompatible protocol versions: update the guest image or Windows.',
  ERROR_VMCOMPUTE_INVALID_JSON: 'HCS rejected the document; the error events say where and why.',
  ERROR_VMCOMPUTE_SYSTEM_NOT_FOUND:
    'The compute system no longer exists; it may have stopped and been cleaned up.',
  ERROR_VMCOMPUTE_SYSTEM_ALREADY_EXISTS: 'A compute system with this id already exists. Choose another id.',
  ERROR_VMCOMPUTE_SYSTEM_ALREADY_STOPPED: 'The system has already stopped.',
  ERROR_VMCOMPUTE_PROTOCOL_ERROR:
    'The guest and the host disagreed about their protocol; the system may need a restart.',
  ERROR_VMCOMPUTE_INVALID_LAYER: 'A container layer in the document is invalid.',
  ERROR_VMCOMPUTE_WINDOWS_INSIDER_REQUIRED: 'This feature needs a Windows Insider build.',
  HCS_E_TERMINATED_DURING_START: 'The system stopped while it was starting.',
  HCS_E_IMAGE_MISMATCH: 'The container image does not match the host Windows version.',
  HCS_E_HYPERV_NOT_INSTALLED: 'Hyper-V or the Containers feature is not installed on this machine.',
  HCS_E_INVALID_STATE:
    'The system is not in a state that allows this operation (for example, pausing a system that is not running).',
  HCS_E_UNEXPECTED_EXIT: 'The system exited unexpectedly.',
  HCS_E_TERMINATED: 'The system was terminated.',
  HCS_E_CONNECT_FAILED: 'HCS could not connect to the system.',
  HCS_E_CONNECTION_TIMEOUT: 'HCS timed out talking to the system.',
  HCS_E_CONNECTION_CLOSED: 'The connection to the system was closed.',
  HCS_E_UNKNOWN_MESSAGE: 'The guest does not support this request.',
  HCS_E_UNSUPPORTED_PROTOCOL_VERSION:
    'The guest and the host speak incompatible protocol versions: update the guest image or Windows.',
  HCS_E_INVALID_JSON: 'HCS rejected the document; the error events say where and why.',
  HCS_E_SYSTEM_NOT_FOUND: 'The compute system no longer exists; it may have stopped and been cleaned up.',
  HCS_E_SYSTEM_ALREADY_EXISTS: 'A compute system with this id already exists. Choose another id.',
  HCS_E_SYSTEM_ALREADY_STOPPED: 'The system has already stopped.',
  HCS_E_PROTOCOL_ERROR:
    'The guest and the host disagreed about their protocol; the system may need a restart.',
  HCS_E_INVALID_LAYER: 'A container layer in the document is invalid.',
  HCS_E_WINDOWS_INSIDER_REQUIRED: 'This feature needs a Windows Insider build.',
  HCS_E_OPERATION_NOT_STARTED: 'HCS has not started the operation yet.',
  HCS_E_OPERATION_ALREADY_STARTED: 'The operation is already running.',
  HCS_E_OPERATION_PENDING: 'HCS is still completing the operation.',
  HCS_E_OPERATION_TIMEOUT: 'HCS did not finish the operation in time.',
  HCS_E_OPERATION_SYSTEM_CALLBACK_ALREADY_SET: 'An event callback is already registered on this handle.',
  HCS_E_OPERATION_RESULT_ALLOCATION_FAILED: 'HCS ran out of memory for the result of the operation.',
  HCS_E_ACCESS_DENIED: ADMIN,
  HCS_E_GUEST_CRITICAL_ERROR: 'The guest reported a critical error.',
  HCS_E_PROCESS_INFO_NOT_AVAILABLE: 'HCS has no information about this process (it may have exited).',
  HCS_E_PROCESS_ALREADY_STOPPED: 'The process has already exited.',
};

/** The plain-language explanation of a code the HRESULT table knows. */
export function hresultExplanation(hresult: number): string | undefined {
  const info = hresultInfo(hresult);
  if (!info) return undefined;
  if (info.serviceGone) return SERVICE_GONE;
  return EXPLANATIONS[info.name as keyof typeof EXPLANATIONS];
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
function describeUnknown(hr: number): { name: string; explanation: string } {
  const code = hr & 0xffff;
  const hex = formatHresult(hr);
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
 * Always a name and an explanation, for the ErrorInfo the user sees: the codes of the HRESULT table with
 * theirs, any other code described by its facility (so no raw HRESULT reaches the screen unexplained).
 */
export function hresultDescription(hresult: number): { name: string; explanation: string } {
  const info = hresultInfo(hresult);
  if (info) return { name: info.name, explanation: hresultExplanation(hresult)! };
  return describeUnknown(hresult >>> 0);
}

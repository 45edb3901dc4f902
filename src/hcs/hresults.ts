/**
 * The one table of the HRESULTs HCS clients meet (docs/hcs/errors.md#hresults): code → name → Windows'
 * message, and which of them mean the compute service itself is gone. Every layer takes names and messages
 * from here (hcsctl through Win32Error, the app through its plain-language explanations keyed by these
 * names); the simulator's copies are checked against it by test/facts/hresults.test.ts.
 *
 * - Keyed by the raw HRESULT, unsigned, as HCS returns it and people quote it (0x80070005).
 * - Names are winerror.h's: its HRESULT name where it defines one (E_ACCESSDENIED, E_HANDLE, E_OUTOFMEMORY,
 *   E_INVALIDARG are FACILITY_WIN32 HRESULTs in their own right), else the Win32 error's.
 * - Messages are Windows' own (what FormatMessage returns), because a Go `syscall.Errno` prints exactly that
 *   and hcsshim's messages are built from it. HCS codes: Microsoft's "HCS HRESULT" reference
 *   (learn.microsoft.com/virtualization/api/hcs/reference/hcshresult) and hcsshim's errors.go.
 */
export interface HresultInfo {
  readonly hresult: number;
  readonly name: string;
  readonly message: string;
  /** The service went away (not: one call failed): reconnect and re-open what was open. */
  readonly serviceGone?: true;
}

const HRESULTS = [
  // Win32 errors as HRESULTs (FACILITY_WIN32, 0x8007xxxx); hcsshim compares their low 16 bits.
  { hresult: 0x80070001, name: 'ERROR_INVALID_FUNCTION', message: 'Incorrect function.' },
  {
    hresult: 0x80070002,
    name: 'ERROR_FILE_NOT_FOUND',
    message: 'The system cannot find the file specified.',
  },
  {
    hresult: 0x80070003,
    name: 'ERROR_PATH_NOT_FOUND',
    message: 'The system cannot find the path specified.',
  },
  { hresult: 0x80070005, name: 'E_ACCESSDENIED', message: 'Access is denied.' },
  { hresult: 0x80070006, name: 'E_HANDLE', message: 'The handle is invalid.' },
  {
    hresult: 0x80070008,
    name: 'ERROR_NOT_ENOUGH_MEMORY',
    message: 'Not enough memory resources are available to process this command.',
  },
  { hresult: 0x8007000d, name: 'ERROR_INVALID_DATA', message: 'The data is invalid.' },
  {
    hresult: 0x8007000e,
    name: 'E_OUTOFMEMORY',
    message: 'Not enough memory resources are available to complete this operation.',
  },
  {
    hresult: 0x8007001f,
    name: 'ERROR_GEN_FAILURE',
    message: 'A device attached to the system is not functioning.',
  },
  {
    hresult: 0x80070020,
    name: 'ERROR_SHARING_VIOLATION',
    message: 'The process cannot access the file because it is being used by another process.',
  },
  { hresult: 0x80070032, name: 'ERROR_NOT_SUPPORTED', message: 'The request is not supported.' },
  { hresult: 0x80070057, name: 'E_INVALIDARG', message: 'The parameter is incorrect.' },
  { hresult: 0x8007006d, name: 'ERROR_BROKEN_PIPE', message: 'The pipe has been ended.' },
  { hresult: 0x80070070, name: 'ERROR_DISK_FULL', message: 'There is not enough space on the disk.' },
  { hresult: 0x8007007e, name: 'ERROR_MOD_NOT_FOUND', message: 'The specified module could not be found.' },
  {
    hresult: 0x8007007f,
    name: 'ERROR_PROC_NOT_FOUND',
    message: 'The specified procedure could not be found.',
  },
  { hresult: 0x800700aa, name: 'ERROR_BUSY', message: 'The requested resource is in use.' },
  {
    hresult: 0x800700b7,
    name: 'ERROR_ALREADY_EXISTS',
    message: 'Cannot create a file when that file already exists.',
  },
  { hresult: 0x80070102, name: 'WAIT_TIMEOUT', message: 'The wait operation timed out.' },
  { hresult: 0x8007010b, name: 'ERROR_DIRECTORY', message: 'The directory name is invalid.' },
  {
    hresult: 0x800703e3,
    name: 'ERROR_OPERATION_ABORTED',
    message: 'The I/O operation has been aborted because of either a thread exit or an application request.',
  },
  {
    hresult: 0x80070422,
    name: 'ERROR_SERVICE_DISABLED',
    message:
      'The service cannot be started, either because it is disabled or because it has no enabled devices associated with it.',
  },
  {
    hresult: 0x80070424,
    name: 'ERROR_SERVICE_DOES_NOT_EXIST',
    message: 'The specified service does not exist as an installed service.',
  },
  {
    hresult: 0x80070426,
    name: 'ERROR_SERVICE_NOT_ACTIVE',
    message: 'The service has not been started.',
    serviceGone: true,
  },
  { hresult: 0x8007042b, name: 'ERROR_PROCESS_ABORTED', message: 'The process terminated unexpectedly.' },
  { hresult: 0x80070490, name: 'ERROR_NOT_FOUND', message: 'Element not found.' },
  { hresult: 0x800704c7, name: 'ERROR_CANCELLED', message: 'The operation was canceled by the user.' },
  {
    hresult: 0x800705b4,
    name: 'ERROR_TIMEOUT',
    message: 'This operation returned because the timeout period expired.',
  },
  {
    hresult: 0x800706ba,
    name: 'RPC_S_SERVER_UNAVAILABLE',
    message: 'The RPC server is unavailable.',
    serviceGone: true,
  },
  {
    hresult: 0x800706be,
    name: 'RPC_S_CALL_FAILED',
    message: 'The remote procedure call failed.',
    serviceGone: true,
  },
  {
    hresult: 0x800706d9,
    name: 'EPT_S_NOT_REGISTERED',
    message: 'There are no more endpoints available from the endpoint mapper.',
    serviceGone: true,
  },
  // Generic COM HRESULTs.
  { hresult: 0x80004001, name: 'E_NOTIMPL', message: 'Not implemented' },
  { hresult: 0x80004002, name: 'E_NOINTERFACE', message: 'No such interface supported' },
  { hresult: 0x80004003, name: 'E_POINTER', message: 'Invalid pointer' },
  { hresult: 0x80004004, name: 'E_ABORT', message: 'Operation aborted' },
  { hresult: 0x80004005, name: 'E_FAIL', message: 'Unspecified error' },
  { hresult: 0x8000ffff, name: 'E_UNEXPECTED', message: 'Catastrophic failure' },
  // vmcompute.dll (HCS v1): ERROR_VMCOMPUTE_*, 0xC037xxxx.
  {
    hresult: 0xc0370100,
    name: 'ERROR_VMCOMPUTE_TERMINATED_DURING_START',
    message: 'The virtual machine or container exited unexpectedly while starting.',
  },
  {
    hresult: 0xc0370101,
    name: 'ERROR_VMCOMPUTE_IMAGE_MISMATCH',
    message: 'The container operating system does not match the host operating system.',
  },
  {
    hresult: 0xc0370102,
    name: 'ERROR_VMCOMPUTE_HYPERV_NOT_INSTALLED',
    message: 'The virtual machine could not be started because a required feature is not installed.',
  },
  {
    hresult: 0xc0370103,
    name: 'ERROR_VMCOMPUTE_OPERATION_PENDING',
    message:
      'The call to start an asynchronous operation succeeded and the operation is performed in the background.',
  },
  {
    hresult: 0xc0370104,
    name: 'ERROR_VMCOMPUTE_TOO_MANY_NOTIFICATIONS',
    message: 'The supported number of notification callbacks has been exceeded.',
  },
  {
    hresult: 0xc0370105,
    name: 'ERROR_VMCOMPUTE_INVALID_STATE',
    message: 'The requested virtual machine or container operation is not valid in the current state.',
  },
  {
    hresult: 0xc0370106,
    name: 'ERROR_VMCOMPUTE_UNEXPECTED_EXIT',
    message: 'The virtual machine or container exited unexpectedly.',
  },
  {
    hresult: 0xc0370107,
    name: 'ERROR_VMCOMPUTE_TERMINATED',
    message: 'The virtual machine or container was forcefully exited.',
  },
  {
    hresult: 0xc0370108,
    name: 'ERROR_VMCOMPUTE_CONNECT_FAILED',
    message: 'A connection could not be established with the container or virtual machine.',
  },
  {
    hresult: 0xc0370109,
    name: 'ERROR_VMCOMPUTE_TIMEOUT',
    message:
      'The operation timed out because a response was not received from the virtual machine or container.',
  },
  {
    hresult: 0xc037010a,
    name: 'ERROR_VMCOMPUTE_CONNECTION_CLOSED',
    message: 'The connection with the virtual machine or container was closed.',
  },
  {
    hresult: 0xc037010b,
    name: 'ERROR_VMCOMPUTE_UNKNOWN_MESSAGE',
    message: 'An unknown internal message was received by the virtual machine or container.',
  },
  {
    hresult: 0xc037010c,
    name: 'ERROR_VMCOMPUTE_UNSUPPORTED_PROTOCOL_VERSION',
    message:
      'The virtual machine or container does not support an available version of the communication protocol with the host.',
  },
  {
    hresult: 0xc037010d,
    name: 'ERROR_VMCOMPUTE_INVALID_JSON',
    message: 'The virtual machine or container JSON document is invalid.',
  },
  {
    hresult: 0xc037010e,
    name: 'ERROR_VMCOMPUTE_SYSTEM_NOT_FOUND',
    message: 'A virtual machine or container with the specified identifier does not exist.',
  },
  {
    hresult: 0xc037010f,
    name: 'ERROR_VMCOMPUTE_SYSTEM_ALREADY_EXISTS',
    message: 'A virtual machine or container with the specified identifier already exists.',
  },
  {
    hresult: 0xc0370110,
    name: 'ERROR_VMCOMPUTE_SYSTEM_ALREADY_STOPPED',
    message: 'The virtual machine or container with the specified identifier is not running.',
  },
  {
    hresult: 0xc0370111,
    name: 'ERROR_VMCOMPUTE_PROTOCOL_ERROR',
    message:
      'A communication protocol error has occurred between the virtual machine or container and the host.',
  },
  {
    hresult: 0xc0370112,
    name: 'ERROR_VMCOMPUTE_INVALID_LAYER',
    message: 'The container image contains a layer with an unrecognized format.',
  },
  {
    hresult: 0xc0370113,
    name: 'ERROR_VMCOMPUTE_WINDOWS_INSIDER_REQUIRED',
    message: 'To use this container image, you must join the Windows Insider Program.',
  },
  // computecore.dll (HCS v2): HCS_E_*, 0x8037xxxx (hcsshim HEAD compares some of them for v1 calls too).
  {
    hresult: 0x80370100,
    name: 'HCS_E_TERMINATED_DURING_START',
    message: 'The virtual machine or container exited unexpectedly while starting.',
  },
  {
    hresult: 0x80370101,
    name: 'HCS_E_IMAGE_MISMATCH',
    message: 'The container operating system does not match the host operating system.',
  },
  {
    hresult: 0x80370102,
    name: 'HCS_E_HYPERV_NOT_INSTALLED',
    message: 'The virtual machine could not be started because a required feature is not installed.',
  },
  {
    hresult: 0x80370105,
    name: 'HCS_E_INVALID_STATE',
    message: 'The requested virtual machine or container operation is not valid in the current state.',
  },
  {
    hresult: 0x80370106,
    name: 'HCS_E_UNEXPECTED_EXIT',
    message: 'The virtual machine or container exited unexpectedly.',
  },
  {
    hresult: 0x80370107,
    name: 'HCS_E_TERMINATED',
    message: 'The virtual machine or container was forcefully exited.',
  },
  {
    hresult: 0x80370108,
    name: 'HCS_E_CONNECT_FAILED',
    message: 'A connection could not be established with the container or virtual machine.',
  },
  {
    hresult: 0x80370109,
    name: 'HCS_E_CONNECTION_TIMEOUT',
    message:
      'The operation timed out because a response was not received from the virtual machine or container.',
  },
  {
    hresult: 0x8037010a,
    name: 'HCS_E_CONNECTION_CLOSED',
    message: 'The connection with the virtual machine or container was closed.',
  },
  {
    hresult: 0x8037010b,
    name: 'HCS_E_UNKNOWN_MESSAGE',
    message: 'An unknown internal message was received by the virtual machine or container.',
  },
  {
    hresult: 0x8037010c,
    name: 'HCS_E_UNSUPPORTED_PROTOCOL_VERSION',
    message:
      'The virtual machine or container does not support an available version of the communication protocol with the host.',
  },
  {
    hresult: 0x8037010d,
    name: 'HCS_E_INVALID_JSON',
    message: 'The virtual machine or container JSON document is invalid.',
  },
  {
    hresult: 0x8037010e,
    name: 'HCS_E_SYSTEM_NOT_FOUND',
    message: 'A virtual machine or container with the specified identifier does not exist.',
  },
  {
    hresult: 0x8037010f,
    name: 'HCS_E_SYSTEM_ALREADY_EXISTS',
    message: 'A virtual machine or container with the specified identifier already exists.',
  },
  {
    hresult: 0x80370110,
    name: 'HCS_E_SYSTEM_ALREADY_STOPPED',
    message: 'The virtual machine or container with the specified identifier is not running.',
  },
  {
    hresult: 0x80370111,
    name: 'HCS_E_PROTOCOL_ERROR',
    message:
      'A communication protocol error has occurred between the virtual machine or container and the host.',
  },
  {
    hresult: 0x80370112,
    name: 'HCS_E_INVALID_LAYER',
    message: 'The container image contains a layer with an unrecognized format.',
  },
  {
    hresult: 0x80370113,
    name: 'HCS_E_WINDOWS_INSIDER_REQUIRED',
    message: 'To use this container image, you must join the Windows Insider Program.',
  },
  {
    hresult: 0x80370114,
    name: 'HCS_E_SERVICE_NOT_AVAILABLE',
    message: 'The operation could not be started because a required feature is not installed.',
    serviceGone: true,
  },
  { hresult: 0x80370115, name: 'HCS_E_OPERATION_NOT_STARTED', message: 'The operation has not started.' },
  {
    hresult: 0x80370116,
    name: 'HCS_E_OPERATION_ALREADY_STARTED',
    message: 'The operation is already running.',
  },
  { hresult: 0x80370117, name: 'HCS_E_OPERATION_PENDING', message: 'The operation is still running.' },
  {
    hresult: 0x80370118,
    name: 'HCS_E_OPERATION_TIMEOUT',
    message: 'The operation did not complete in time.',
  },
  {
    hresult: 0x80370119,
    name: 'HCS_E_OPERATION_SYSTEM_CALLBACK_ALREADY_SET',
    message: 'An event callback has already been registered on this handle.',
  },
  {
    hresult: 0x8037011a,
    name: 'HCS_E_OPERATION_RESULT_ALLOCATION_FAILED',
    message: 'Not enough memory available to return the result of the operation.',
  },
  {
    hresult: 0x8037011b,
    name: 'HCS_E_ACCESS_DENIED',
    message:
      'Insufficient privileges. Only administrators or users that are members of the Hyper-V Administrators user group are permitted to access virtual machines or containers.',
  },
  {
    hresult: 0x8037011c,
    name: 'HCS_E_GUEST_CRITICAL_ERROR',
    message: 'The virtual machine or container reported a critical error and was stopped or restarted.',
  },
  {
    hresult: 0x8037011d,
    name: 'HCS_E_PROCESS_INFO_NOT_AVAILABLE',
    message: 'The process information is not available.',
  },
  {
    hresult: 0x8037011e,
    name: 'HCS_E_SERVICE_DISCONNECT',
    message: 'The host compute system service has disconnected unexpectedly.',
    serviceGone: true,
  },
  { hresult: 0x8037011f, name: 'HCS_E_PROCESS_ALREADY_STOPPED', message: 'The process has already exited.' },
] as const satisfies readonly HresultInfo[];

/** Every name in the table (the app keys its explanations by it). */
export type HresultName = (typeof HRESULTS)[number]['name'];
/** The names of the codes that mean the service is gone. */
export type ServiceGoneHresultName = Extract<(typeof HRESULTS)[number], { serviceGone: true }>['name'];

const byHresult = new Map<number, HresultInfo>(HRESULTS.map((info) => [info.hresult, info]));

/** The table, in order (for checks and listings). */
export function knownHresults(): readonly HresultInfo[] {
  return HRESULTS;
}

/** The name and message of a raw HRESULT (signed or not), if the table knows it. */
export function hresultInfo(hresult: number): HresultInfo | undefined {
  return byHresult.get(hresult >>> 0);
}

/** FACILITY_COMPUTE (0x037) failures: the 0xC037xxxx and 0x8037xxxx forms of one code. */
const COMPUTE_FAILURE_MASK = 0xbfff0000;
const COMPUTE_FAILURE = 0x80370000;

/**
 * One form per HCS code: vmcompute.dll reports HCS's own codes as 0xC037xxxx, computecore.dll as 0x8037xxxx
 * (hcsshim's V2 errors.go checks both), so both stand for the 0x8037xxxx one; every other code as it is.
 */
export function computeForm(code: number): number {
  return ((code & COMPUTE_FAILURE_MASK) >>> 0 === COMPUTE_FAILURE ? code & 0xbfffffff : code) >>> 0;
}

/**
 * True for an HRESULT that means the compute service itself is gone (RPC unavailable, service disconnect),
 * in either form of HCS's own codes.
 */
export function isServiceGoneHresult(hresult: number | undefined): boolean {
  if (hresult === undefined) return false;
  return (hresultInfo(hresult) ?? hresultInfo(computeForm(hresult)))?.serviceGone === true;
}

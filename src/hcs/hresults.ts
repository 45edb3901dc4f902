/**
 * Names and system message texts of the error codes HCS clients meet (docs/hcs/errors.md#hresults). Keyed by the value
 * hcsshim compares against, i.e. after the FACILITY_WIN32 normalisation: plain Win32 codes for 0x8007xxxx,
 * the raw HRESULT otherwise. The texts are Windows' own (what FormatMessage returns), because a Go
 * `syscall.Errno` prints exactly that and hcsshim's messages are built from it.
 */
export interface WinErrorInfo {
  readonly name: string;
  readonly message: string;
}

const table: ReadonlyArray<readonly [number, string, string]> = [
  // Win32 codes (0x8007xxxx HRESULTs normalise to these).
  [0x1, 'ERROR_INVALID_FUNCTION', 'Incorrect function.'],
  [0x2, 'ERROR_FILE_NOT_FOUND', 'The system cannot find the file specified.'],
  [0x3, 'ERROR_PATH_NOT_FOUND', 'The system cannot find the path specified.'],
  [0x5, 'ERROR_ACCESS_DENIED', 'Access is denied.'],
  [0x6, 'ERROR_INVALID_HANDLE', 'The handle is invalid.'],
  [0x8, 'ERROR_NOT_ENOUGH_MEMORY', 'Not enough memory resources are available to process this command.'],
  [0xd, 'ERROR_INVALID_DATA', 'The data is invalid.'],
  [0xe, 'ERROR_OUTOFMEMORY', 'Not enough memory resources are available to complete this operation.'],
  [0x1f, 'ERROR_GEN_FAILURE', 'A device attached to the system is not functioning.'],
  [0x32, 'ERROR_NOT_SUPPORTED', 'The request is not supported.'],
  [0x57, 'ERROR_INVALID_PARAMETER', 'The parameter is incorrect.'],
  [0x6d, 'ERROR_BROKEN_PIPE', 'The pipe has been ended.'],
  [0x7f, 'ERROR_PROC_NOT_FOUND', 'The specified procedure could not be found.'],
  [0x7e, 'ERROR_MOD_NOT_FOUND', 'The specified module could not be found.'],
  [0x102, 'WAIT_TIMEOUT', 'The wait operation timed out.'],
  [0x10b, 'ERROR_DIRECTORY', 'The directory name is invalid.'],
  [0x42b, 'ERROR_PROCESS_ABORTED', 'The process terminated unexpectedly.'],
  [0x490, 'ERROR_NOT_FOUND', 'Element not found.'],
  [0x6ba, 'RPC_S_SERVER_UNAVAILABLE', 'The RPC server is unavailable.'],
  [0x6be, 'RPC_S_CALL_FAILED', 'The remote procedure call failed.'],
  // Generic COM HRESULTs (not FACILITY_WIN32, so they stay raw).
  [0x80004001, 'E_NOTIMPL', 'Not implemented'],
  [0x80004002, 'E_NOINTERFACE', 'No such interface supported'],
  [0x80004003, 'E_POINTER', 'Invalid pointer'],
  [0x80004004, 'E_ABORT', 'Operation aborted'],
  [0x80004005, 'E_FAIL', 'Unspecified error'],
  [0x8000ffff, 'E_UNEXPECTED', 'Catastrophic failure'],
  // vmcompute.dll (HCS v1) codes, ERROR_VMCOMPUTE_*.
  [
    0xc0370100,
    'ERROR_VMCOMPUTE_TERMINATED_DURING_START',
    'The virtual machine or container exited unexpectedly while starting.',
  ],
  [
    0xc0370101,
    'ERROR_VMCOMPUTE_IMAGE_MISMATCH',
    'The container operating system does not match the host operating system.',
  ],
  [
    0xc0370102,
    'ERROR_VMCOMPUTE_HYPERV_NOT_INSTALLED',
    'The virtual machine could not be started because a required feature is not installed.',
  ],
  [
    0xc0370103,
    'ERROR_VMCOMPUTE_OPERATION_PENDING',
    'The call to start an asynchronous operation succeeded and the operation is performed in the background.',
  ],
  [
    0xc0370104,
    'ERROR_VMCOMPUTE_TOO_MANY_NOTIFICATIONS',
    'The supported number of notification callbacks has been exceeded.',
  ],
  [
    0xc0370105,
    'ERROR_VMCOMPUTE_INVALID_STATE',
    'The requested virtual machine or container operation is not valid in the current state.',
  ],
  [0xc0370106, 'ERROR_VMCOMPUTE_UNEXPECTED_EXIT', 'The virtual machine or container exited unexpectedly.'],
  [0xc0370107, 'ERROR_VMCOMPUTE_TERMINATED', 'The virtual machine or container was forcefully exited.'],
  [
    0xc0370108,
    'ERROR_VMCOMPUTE_CONNECT_FAILED',
    'A connection could not be established with the container or virtual machine.',
  ],
  [
    0xc0370109,
    'ERROR_VMCOMPUTE_TIMEOUT',
    'The operation timed out because a response was not received from the virtual machine or container.',
  ],
  [
    0xc037010a,
    'ERROR_VMCOMPUTE_CONNECTION_CLOSED',
    'The connection with the virtual machine or container was closed.',
  ],
  [
    0xc037010b,
    'ERROR_VMCOMPUTE_UNKNOWN_MESSAGE',
    'An unknown internal message was received by the virtual machine or container.',
  ],
  [
    0xc037010c,
    'ERROR_VMCOMPUTE_UNSUPPORTED_PROTOCOL_VERSION',
    'The virtual machine or container does not support an available version of the communication protocol with the host.',
  ],
  [0xc037010d, 'ERROR_VMCOMPUTE_INVALID_JSON', 'The virtual machine or container JSON document is invalid.'],
  [
    0xc037010e,
    'ERROR_VMCOMPUTE_SYSTEM_NOT_FOUND',
    'A virtual machine or container with the specified identifier does not exist.',
  ],
  [
    0xc037010f,
    'ERROR_VMCOMPUTE_SYSTEM_ALREADY_EXISTS',
    'A virtual machine or container with the specified identifier already exists.',
  ],
  [
    0xc0370110,
    'ERROR_VMCOMPUTE_SYSTEM_ALREADY_STOPPED',
    'The virtual machine or container with the specified identifier is not running.',
  ],
  [
    0xc0370111,
    'ERROR_VMCOMPUTE_PROTOCOL_ERROR',
    'A communication protocol error has occurred between the virtual machine or container and the host.',
  ],
  [
    0xc0370112,
    'ERROR_VMCOMPUTE_INVALID_LAYER',
    'The container image contains a layer with an unrecognized format.',
  ],
  [
    0xc0370113,
    'ERROR_VMCOMPUTE_WINDOWS_INSIDER_REQUIRED',
    'To use this container image, you must join the Windows Insider Program.',
  ],
  // computecore.dll (HCS v2) codes, HCS_E_* (hcsshim HEAD compares some of them too).
  [
    0x80370100,
    'HCS_E_TERMINATED_DURING_START',
    'The virtual machine or container exited unexpectedly while starting.',
  ],
  [
    0x80370101,
    'HCS_E_IMAGE_MISMATCH',
    'The container operating system does not match the host operating system.',
  ],
  [
    0x80370102,
    'HCS_E_HYPERV_NOT_INSTALLED',
    'The virtual machine could not be started because a required feature is not installed.',
  ],
  [
    0x80370105,
    'HCS_E_INVALID_STATE',
    'The requested virtual machine or container operation is not valid in the current state.',
  ],
  [0x80370106, 'HCS_E_UNEXPECTED_EXIT', 'The virtual machine or container exited unexpectedly.'],
  [0x80370107, 'HCS_E_TERMINATED', 'The virtual machine or container was forcefully exited.'],
  [
    0x80370108,
    'HCS_E_CONNECT_FAILED',
    'A connection could not be established with the container or virtual machine.',
  ],
  [
    0x80370109,
    'HCS_E_CONNECTION_TIMEOUT',
    'The operation timed out because a response was not received from the virtual machine or container.',
  ],
  [0x8037010a, 'HCS_E_CONNECTION_CLOSED', 'The connection with the virtual machine or container was closed.'],
  [
    0x8037010b,
    'HCS_E_UNKNOWN_MESSAGE',
    'An unknown internal message was received by the virtual machine or container.',
  ],
  [
    0x8037010c,
    'HCS_E_UNSUPPORTED_PROTOCOL_VERSION',
    'The virtual machine or container does not support an available version of the communication protocol with the host.',
  ],
  [0x8037010d, 'HCS_E_INVALID_JSON', 'The virtual machine or container JSON document is invalid.'],
  [
    0x8037010e,
    'HCS_E_SYSTEM_NOT_FOUND',
    'A virtual machine or container with the specified identifier does not exist.',
  ],
  [
    0x8037010f,
    'HCS_E_SYSTEM_ALREADY_EXISTS',
    'A virtual machine or container with the specified identifier already exists.',
  ],
  [
    0x80370110,
    'HCS_E_SYSTEM_ALREADY_STOPPED',
    'The virtual machine or container with the specified identifier is not running.',
  ],
  [
    0x80370111,
    'HCS_E_PROTOCOL_ERROR',
    'A communication protocol error has occurred between the virtual machine or container and the host.',
  ],
  [0x80370112, 'HCS_E_INVALID_LAYER', 'The container image contains a layer with an unrecognized format.'],
  [
    0x80370113,
    'HCS_E_WINDOWS_INSIDER_REQUIRED',
    'To use this container image, you must join the Windows Insider Program.',
  ],
  [
    0x80370114,
    'HCS_E_SERVICE_NOT_AVAILABLE',
    'The operation could not be started because a required feature is not installed.',
  ],
  [0x80370115, 'HCS_E_OPERATION_NOT_STARTED', 'The operation has not started.'],
  [0x80370116, 'HCS_E_OPERATION_ALREADY_STARTED', 'The operation is already running.'],
  [0x80370117, 'HCS_E_OPERATION_PENDING', 'The operation is still running.'],
  [0x80370118, 'HCS_E_OPERATION_TIMEOUT', 'The operation did not complete in time.'],
  [
    0x80370119,
    'HCS_E_OPERATION_SYSTEM_CALLBACK_ALREADY_SET',
    'An event callback has already been registered on this handle.',
  ],
  [
    0x8037011a,
    'HCS_E_OPERATION_RESULT_ALLOCATION_FAILED',
    'Not enough memory available to return the result of the operation.',
  ],
  [
    0x8037011b,
    'HCS_E_ACCESS_DENIED',
    'Insufficient privileges. Only administrators or users that are members of the Hyper-V Administrators user group are permitted to access virtual machines or containers.',
  ],
  [
    0x8037011c,
    'HCS_E_GUEST_CRITICAL_ERROR',
    'The virtual machine or container reported a critical error and was stopped or restarted.',
  ],
  [0x8037011d, 'HCS_E_PROCESS_INFO_NOT_AVAILABLE', 'The process information is not available.'],
  [0x8037011e, 'HCS_E_SERVICE_DISCONNECT', 'The host compute system service has disconnected unexpectedly.'],
  [0x8037011f, 'HCS_E_PROCESS_ALREADY_STOPPED', 'The process has already exited.'],
];

const byCode = new Map<number, WinErrorInfo>(table.map(([code, name, message]) => [code, { name, message }]));

/** The name and message of a (normalised) error code, if known. */
export function winErrorInfo(code: number): WinErrorInfo | undefined {
  return byCode.get(code >>> 0);
}

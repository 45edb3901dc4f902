// The HRESULTs the service answers with (sim/PROTOCOL.md "HRESULTs"), their Windows message texts, and the JSON
// result document (docs/hcs/errors.md#result-document) that accompanies a failure.

import { formatHresult } from '../../src/base/index.ts';

export const HR = {
  S_OK: 0,
  PENDING: 0xc0370103,
  INVALID_STATE: 0xc0370105,
  UNEXPECTED_EXIT: 0xc0370106,
  TERMINATED: 0xc0370107,
  INVALID_JSON: 0xc037010d,
  SYSTEM_NOT_FOUND: 0xc037010e,
  SYSTEM_ALREADY_EXISTS: 0xc037010f,
  ALREADY_STOPPED: 0xc0370110,
  TERMINATED_DURING_START: 0xc0370100,
  E_FAIL: 0x80004005,
  E_INVALIDARG: 0x80070057,
  INVALID_DATA: 0x8007000d,
  FILE_NOT_FOUND: 0x80070002,
  PATH_NOT_FOUND: 0x80070003,
  ACCESS_DENIED: 0x80070005,
  INVALID_HANDLE: 0x80070006,
  NOT_SUPPORTED: 0x80070032,
  WAIT_TIMEOUT: 0x80070102,
  DIRECTORY: 0x8007010b,
  NOT_FOUND: 0x80070490,
  PROCESS_ALREADY_STOPPED: 0x8037011f,
} as const;

const messages: Record<number, string> = {
  [HR.PENDING]:
    'The call to start an asynchronous operation succeeded and the operation is performed in the background.',
  [HR.INVALID_STATE]:
    'The requested virtual machine or container operation is not valid in the current state.',
  [HR.UNEXPECTED_EXIT]: 'The virtual machine or container exited unexpectedly.',
  [HR.TERMINATED]: 'The virtual machine or container was forcefully exited.',
  [HR.TERMINATED_DURING_START]: 'The virtual machine or container exited unexpectedly while starting.',
  [HR.INVALID_JSON]: 'The virtual machine or container JSON document is invalid.',
  [HR.SYSTEM_NOT_FOUND]: 'A virtual machine or container with the specified identifier does not exist.',
  [HR.SYSTEM_ALREADY_EXISTS]: 'A virtual machine or container with the specified identifier already exists.',
  [HR.ALREADY_STOPPED]: 'The virtual machine or container with the specified identifier is not running.',
  [HR.E_FAIL]: 'Unspecified error',
  [HR.E_INVALIDARG]: 'The parameter is incorrect.',
  [HR.INVALID_DATA]: 'The data is invalid.',
  [HR.FILE_NOT_FOUND]: 'The system cannot find the file specified.',
  [HR.PATH_NOT_FOUND]: 'The system cannot find the path specified.',
  [HR.ACCESS_DENIED]: 'Access is denied.',
  [HR.INVALID_HANDLE]: 'The handle is invalid.',
  [HR.NOT_SUPPORTED]: 'The request is not supported.',
  [HR.WAIT_TIMEOUT]: 'The wait operation timed out.',
  [HR.DIRECTORY]: 'The directory name is invalid.',
  [HR.NOT_FOUND]: 'Element not found.',
  [HR.PROCESS_ALREADY_STOPPED]: 'The process has already exited.',
};

/** The message of an HRESULT; HCS's codes in computecore's 0x8037xxxx form have the same text as 0xC037xxxx. */
export function hresultMessage(hr: number): string {
  const raw = hr >>> 0;
  const v1 = (raw & 0xffff0000) >>> 0 === 0x80370000 ? (0xc0370000 | (raw & 0xffff)) >>> 0 : raw;
  return messages[raw] ?? messages[v1] ?? `HRESULT ${formatHresult(hr)}`;
}

/** The signed int32 form, as HRESULTs travel on the wire and in the result document's "Error". */
export function signedHr(hr: number): number {
  return hr | 0;
}

export function isFailure(hr: number): boolean {
  return (hr | 0) < 0 && hr >>> 0 !== HR.PENDING;
}

/** The provider GUID of Microsoft-Windows-Hyper-V-Compute, which real HCS error events carry. */
export const HCS_EVENT_PROVIDER = '17103E3F-3C6E-4677-BB17-3B267EB5BE57';

export interface ErrorEvent {
  Message: string;
  Source?: string;
  Provider?: string;
  EventId?: number;
}

export function errorEvent(message: string, source = 'HCS'): ErrorEvent {
  return { Message: message, Source: source, Provider: HCS_EVENT_PROVIDER };
}

/** A failure as a handler reports it: the HRESULT and the events that explain it. */
export class HresultFailure extends Error {
  override name = 'HresultFailure';
  constructor(
    readonly hr: number,
    readonly events: ErrorEvent[] = [],
  ) {
    super(events[0]?.Message ?? hresultMessage(hr));
  }
}

export function fail(hr: number, message?: string): HresultFailure {
  return new HresultFailure(hr, message === undefined ? [] : [errorEvent(message)]);
}

/** `{"Error":hr,"ErrorMessage":"…","ErrorEvents":[…]}` (docs/hcs/errors.md#result-document). */
export function resultDocument(hr: number, events: ErrorEvent[]): string {
  return JSON.stringify({ Error: signedHr(hr), ErrorMessage: hresultMessage(hr), ErrorEvents: events });
}

/** Maps a negative errno from libsimhost to the HRESULT Windows would give for the same failure. */
export function hresultFromErrno(negErrno: number): number {
  switch (-negErrno) {
    case 2: // ENOENT
      return HR.FILE_NOT_FOUND;
    case 13: // EACCES
    case 1: // EPERM
      return HR.ACCESS_DENIED;
    case 20: // ENOTDIR
      return HR.DIRECTORY;
    case 3: // ESRCH
      return HR.NOT_FOUND;
    case 22: // EINVAL
      return HR.E_INVALIDARG;
    default:
      return HR.E_FAIL;
  }
}

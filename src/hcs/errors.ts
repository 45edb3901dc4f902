/**
 * hcsshim's internal/hcs errors.go in TypeScript (docs/hcs/errors.md): the named HCS error codes, the
 * sentinel errors with hcsshim's exact messages, HcsError/SystemError/ProcessError with hcsshim's message
 * format, the classification helpers of HEAD (which look through the whole wrap chain, like errors.Is), and
 * the parsing of HCS's result document.
 */
import { formatHresult } from '../base/index.ts';
import { isServiceGoneHresult } from './hresults.ts';
import { Win32Error, hresultFromCode } from './win32-error.ts';

export { Win32Error, normalizeHresult, win32FromHresult } from './win32-error.ts';
/** "0x80070005": the raw HRESULT as unsigned hex, as people and the UI quote it (src/base). */
export { formatHresult } from '../base/index.ts';

// ---- Named HCS error codes (values after hcsshim's FACILITY_WIN32 normalisation) ----

/** 0xC037010E: the compute system being operated on no longer exists. */
export const ErrComputeSystemDoesNotExist = new Win32Error(0xc037010e);
/** 0x490 (0x80070490): the referenced object does not exist; for a process, it may have exited. */
export const ErrElementNotFound = new Win32Error(0x490);
/** 0x32 (0x80070032): HCS does not support the request. */
export const ErrNotSupported = new Win32Error(0x32);
/** 0xD (0x8007000D): the request sent to HCS is invalid or unsupported. */
export const ErrInvalidData = new Win32Error(0xd);
/** 0xC0370110: shutdown or terminate of a stopped compute system. */
export const ErrVmcomputeAlreadyStopped = new Win32Error(0xc0370110);
/** 0x80370110 (HCS_E_SYSTEM_ALREADY_STOPPED): an operation on a system that no longer runs (HEAD). */
export const ErrVmcomputeSystemAlreadyStopped = new Win32Error(0x80370110);
/** 0xC0370103: the operation completes asynchronously (a notification follows). */
export const ErrVmcomputeOperationPending = new Win32Error(0xc0370103);
/** 0xC0370105: the compute system is not in a valid state for the operation. */
export const ErrVmcomputeOperationInvalidState = new Win32Error(0xc0370105);
/** 0x7F (0x8007007F): a procedure lookup failed (missing export). */
export const ErrProcNotFound = new Win32Error(0x7f);
/** 0x5 (0x80070005): access is denied. */
export const ErrVmcomputeOperationAccessIsDenied = new Win32Error(0x5);
/** 0xC037010D: the compute system does not understand the document. */
export const ErrVmcomputeInvalidJSON = new Win32Error(0xc037010d);
/** 0xC037010B: the guest does not support the message. */
export const ErrVmcomputeUnknownMessage = new Win32Error(0xc037010b);
/** 0xC0370106: the compute system terminated unexpectedly. */
export const ErrVmcomputeUnexpectedExit = new Win32Error(0xc0370106);
/** 0x8037011F (HCS_E_PROCESS_ALREADY_STOPPED): the process has already exited (HEAD). */
export const ErrProcessAlreadyStopped = new Win32Error(0x8037011f);
/** 0x6 (0x80070006): the handle is invalid, e.g. closed, or from a lost service connection (HEAD). */
export const ErrInvalidHandle = new Win32Error(0x6);
/** 0x6BA (0x800706BA): the client library lost its connection to the compute service. */
export const ErrServerUnavailable = new Win32Error(0x6ba);

// ---- Sentinel errors (not HRESULTs), with hcsshim's messages ----

// Sentinels are compared by identity (errors.Is); never mutate them.
function sentinel(message: string): Error {
  return new Error(message);
}

export const ErrHandleClose = sentinel('hcsshim: the handle generating this notification has been closed');
export const ErrAlreadyClosed = sentinel('hcsshim: the handle has already been closed');
export const ErrInvalidNotificationType = sentinel('hcsshim: invalid notification type');
export const ErrInvalidProcessState = sentinel(
  'the process is in an invalid state for the attempted operation',
);
export const ErrTimeout = sentinel('hcsshim: timeout waiting for notification');
export const ErrUnexpectedContainerExit = sentinel('unexpected container exit');
export const ErrUnexpectedProcessAbort = sentinel('lost communication with compute service');
export const ErrUnexpectedValue = sentinel('unexpected value returned from hcs');
export const ErrPlatformNotSupported = sentinel('unsupported platform request');
export const ErrOperationDenied = sentinel('operation denied');

/**
 * A syscall that did not return within its watchdog timeout (docs/hcs/vmcompute.md#watchdog): Go's
 * `context.DeadlineExceeded`, whose Timeout() is true. The call itself is not cancelled; it keeps running.
 */
export class DeadlineExceededError extends Error {
  override readonly name = 'DeadlineExceededError';
  readonly op: string;
  readonly timeoutMs: number;
  constructor(op: string, timeoutMs: number) {
    super('context deadline exceeded');
    this.op = op;
    this.timeoutMs = timeoutMs;
  }
  timeout(): boolean {
    return true;
  }
  temporary(): boolean {
    return true;
  }
}

// ---- Result document ----

/** One ErrorEvent of HCS's result document (docs/hcs/errors.md#result-document). */
export interface ErrorEvent {
  Message?: string;
  StackTrace?: string;
  Provider?: string;
  EventId?: number;
  Flags?: number;
  Source?: string;
}

/** hcsshim's ErrorEvent.String(): "[Event Detail: msg Stack Trace: … Provider: … EventID: n flags: n Source: …]". */
export function formatErrorEvent(ev: ErrorEvent): string {
  let s = '[Event Detail: ' + (ev.Message ?? '');
  if (ev.StackTrace) s += ' Stack Trace: ' + ev.StackTrace;
  if (ev.Provider) s += ' Provider: ' + ev.Provider;
  if (ev.EventId) s += ` EventID: ${ev.EventId}`;
  if (ev.Flags) s += ` flags: ${ev.Flags}`;
  if (ev.Source) s += ' Source: ' + ev.Source;
  return s + ']';
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v !== 0 ? v : undefined;
}

/**
 * hcsshim's processHcsResult: the ErrorEvents of a result document. An empty or absent document, or one that
 * does not parse, gives no events (hcsshim only logs); this never throws. Only the fields hcsshim keeps are
 * copied (it deliberately drops `Data`).
 */
export function processHcsResult(resultJSON: string | null | undefined): ErrorEvent[] {
  if (!resultJSON) return [];
  let doc: unknown;
  try {
    doc = JSON.parse(resultJSON);
  } catch {
    return [];
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return [];
  const events = (doc as { ErrorEvents?: unknown }).ErrorEvents;
  if (!Array.isArray(events)) return [];
  const out: ErrorEvent[] = [];
  for (const raw of events) {
    if (typeof raw !== 'object' || raw === null) continue;
    const r = raw as Record<string, unknown>;
    const ev: ErrorEvent = {};
    const message = str(r.Message);
    if (message !== undefined) ev.Message = message;
    const stack = str(r.StackTrace);
    if (stack !== undefined) ev.StackTrace = stack;
    const provider = str(r.Provider);
    if (provider !== undefined) ev.Provider = provider;
    const eventId = num(r.EventId);
    if (eventId !== undefined) ev.EventId = eventId;
    const flags = num(r.Flags);
    if (flags !== undefined) ev.Flags = flags;
    const source = str(r.Source);
    if (source !== undefined) ev.Source = source;
    out.push(ev);
  }
  return out;
}

// ---- Wrapping errors ----

function appendEvents(s: string, events: readonly ErrorEvent[]): string {
  for (const ev of events) s += '\n' + formatErrorEvent(ev);
  return s;
}

interface NetErrorLike {
  timeout(): boolean;
  temporary(): boolean;
}
function isNetErrorLike(e: unknown): e is NetErrorLike {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as NetErrorLike).timeout === 'function' &&
    typeof (e as NetErrorLike).temporary === 'function'
  );
}

/** An error from an HCS operation: `op: err` plus one line per ErrorEvent. */
export class HcsError extends Error {
  override name = 'HcsError';
  readonly op: string;
  readonly err: Error;
  readonly events: ErrorEvent[];

  constructor(op: string, err: Error, events: ErrorEvent[] = []) {
    super('', { cause: err });
    this.op = op;
    this.err = err;
    this.events = events;
    this.message = this.format();
  }

  protected format(): string {
    return appendEvents(`${this.op}: ${this.err.message}`, this.events);
  }

  /** Go's Unwrap. */
  unwrap(): Error {
    return this.err;
  }

  /** net.Error: delegates to the first error below this one that has timeout()/temporary(). */
  timeout(): boolean {
    const inner = findInChain(this.err, isNetErrorLike);
    return inner !== undefined && inner.timeout();
  }
  temporary(): boolean {
    const inner = findInChain(this.err, isNetErrorLike);
    return inner !== undefined && inner.temporary();
  }

  /** The raw HRESULT of the Win32Error inside, if any. */
  get hresult(): number | undefined {
    return errorHresult(this.err);
  }
}

/** An error from an operation on a compute system: `op id: err` plus events. */
export class SystemError extends HcsError {
  override name = 'SystemError';
  readonly id: string;
  constructor(id: string, op: string, err: Error, events: ErrorEvent[] = []) {
    super(op, err, events);
    this.id = id;
    this.message = this.format();
  }
  protected override format(): string {
    // `id` is assigned after super() runs format() the first time; the constructor formats again.
    return appendEvents(`${this.op} ${this.id ?? ''}: ${this.err.message}`, this.events);
  }
}

/** An error from an operation on a process: `op systemId:pid: err` plus events. */
export class ProcessError extends HcsError {
  override name = 'ProcessError';
  readonly systemId: string;
  readonly pid: number;
  constructor(systemId: string, pid: number, op: string, err: Error, events: ErrorEvent[] = []) {
    super(op, err, events);
    this.systemId = systemId;
    this.pid = pid;
    this.message = this.format();
  }
  protected override format(): string {
    return appendEvents(
      `${this.op} ${this.systemId ?? ''}:${this.pid ?? 0}: ${this.err.message}`,
      this.events,
    );
  }
}

/** A plain Error from anything thrown (so wrapping never fails on a non-Error). */
export function toError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

/** makeSystemError: wraps `err` unless it already is (or wraps) a SystemError, which is returned as is. */
export function makeSystemError(id: string, op: string, err: unknown, events: ErrorEvent[] = []): Error {
  const e = toError(err);
  if (someInChain(e, (x) => x instanceof SystemError)) return e;
  return new SystemError(id, op, e, events);
}

/** makeProcessError: wraps `err` unless it already is (or wraps) a ProcessError, which is returned as is. */
export function makeProcessError(
  systemId: string,
  pid: number,
  op: string,
  err: unknown,
  events: ErrorEvent[] = [],
): Error {
  const e = toError(err);
  if (someInChain(e, (x) => x instanceof ProcessError)) return e;
  return new ProcessError(systemId, pid, op, e, events);
}

// ---- Chain walking (errors.Is / errors.As) ----

function unwrapOnce(e: unknown): unknown {
  if (e instanceof HcsError) return e.err;
  if (e instanceof Error && e.cause !== undefined) return e.cause;
  return undefined;
}

/** errors.As: the first error in the chain (starting at `err`) that satisfies `pred`. */
export function findInChain<T>(err: unknown, pred: (e: unknown) => e is T): T | undefined {
  const seen = new Set<unknown>();
  for (let e = err; e !== undefined && e !== null && !seen.has(e); e = unwrapOnce(e)) {
    seen.add(e);
    if (pred(e)) return e;
  }
  return undefined;
}

/** True if some error in the chain (starting at `err`) satisfies `pred`. */
export function someInChain(err: unknown, pred: (e: unknown) => boolean): boolean {
  return findInChain(err, (e): e is unknown => pred(e)) !== undefined;
}

/** errors.Is for any of `targets`: identity, or equal codes for Win32Errors. */
export function errorIs(err: unknown, ...targets: unknown[]): boolean {
  return someInChain(err, (e) => targets.some((t) => e === t || (e instanceof Win32Error && e.is(t))));
}

// ---- Classification helpers (HEAD's table; both 0xC03701xx and 0x803701xx where HEAD checks both) ----

/** The system or process does not exist (0xC037010E, 0x490). */
export function isNotExist(err: unknown): boolean {
  return errorIs(err, ErrComputeSystemDoesNotExist, ErrElementNotFound);
}
/** An operation on an invalid (closed, or from a lost connection) handle (0x6). */
export function isErrorInvalidHandle(err: unknown): boolean {
  return errorIs(err, ErrInvalidHandle);
}
/** The System/Process had already been closed by close(). */
export function isAlreadyClosed(err: unknown): boolean {
  return errorIs(err, ErrAlreadyClosed);
}
/** The operation is completing in the background (0xC0370103). */
export function isPending(err: unknown): boolean {
  return errorIs(err, ErrVmcomputeOperationPending);
}
/** A notification wait timed out (ErrTimeout), or an error in the chain reports timeout(). */
export function isTimeout(err: unknown): boolean {
  if (errorIs(err, ErrTimeout)) return true;
  const net = findInChain(err, isNetErrorLike);
  return net !== undefined && net.timeout();
}
/** Already stopped: 0xC0370110, 0x80370110, 0x8037011F, 0x490. */
export function isAlreadyStopped(err: unknown): boolean {
  return errorIs(
    err,
    ErrVmcomputeAlreadyStopped,
    ErrVmcomputeSystemAlreadyStopped,
    ErrProcessAlreadyStopped,
    ErrElementNotFound,
  );
}
/** The platform does not support the request: 0xC037010D, 0xD, 0x32, 0xC037010B. */
export function isNotSupported(err: unknown): boolean {
  return errorIs(err, ErrVmcomputeInvalidJSON, ErrInvalidData, ErrNotSupported, ErrVmcomputeUnknownMessage);
}
/** Not valid in the current state: 0xC0370105. */
export function isOperationInvalidState(err: unknown): boolean {
  return errorIs(err, ErrVmcomputeOperationInvalidState);
}
/** Access is denied: 0x5. */
export function isAccessIsDenied(err: unknown): boolean {
  return errorIs(err, ErrVmcomputeOperationAccessIsDenied);
}
/** True if `err` matches any of the given errors (HEAD's IsAny). */
export function isAny(err: unknown, ...targets: unknown[]): boolean {
  return errorIs(err, ...targets);
}

/**
 * The compute service went away: a ServiceDisconnect notification (ErrUnexpectedProcessAbort), or a call that
 * failed with an HRESULT the table (hresults.ts) marks as the service being gone (RPC_S_SERVER_UNAVAILABLE,
 * RPC_S_CALL_FAILED, HCS v2's HCS_E_SERVICE_DISCONNECT, …).
 */
export function isServiceDisconnect(err: unknown): boolean {
  return someInChain(
    err,
    (e) =>
      e === ErrUnexpectedProcessAbort ||
      (e instanceof Win32Error && isServiceGoneHresult(hresultFromCode(e.code))),
  );
}

/** The raw HRESULT (unsigned) of the Win32Error inside `err`, if any. */
export function errorHresult(err: unknown): number | undefined {
  return findInChain(err, (e): e is Win32Error => e instanceof Win32Error)?.hresult;
}

/** The winerror / HCS name of the Win32Error inside `err`, if known (e.g. "ERROR_VMCOMPUTE_INVALID_STATE"). */
export function errorName(err: unknown): string | undefined {
  return findInChain(err, (e): e is Win32Error => e instanceof Win32Error)?.errorName;
}

/** The ErrorEvents carried by the first HcsError in the chain that has any. */
export function errorEvents(err: unknown): ErrorEvent[] {
  return findInChain(err, (e): e is HcsError => e instanceof HcsError && e.events.length > 0)?.events ?? [];
}

/** "0x80070005" for the HRESULT inside `err`, if any. */
export function errorHresultHex(err: unknown): string | undefined {
  const hr = errorHresult(err);
  return hr === undefined ? undefined : formatHresult(hr);
}

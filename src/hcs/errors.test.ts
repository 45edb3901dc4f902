import { describe, expect, it } from 'vitest';
import {
  DeadlineExceededError,
  ErrAlreadyClosed,
  ErrComputeSystemDoesNotExist,
  ErrElementNotFound,
  ErrProcessAlreadyStopped,
  ErrTimeout,
  ErrUnexpectedProcessAbort,
  ErrVmcomputeAlreadyStopped,
  ErrVmcomputeSystemAlreadyStopped,
  ErrVmcomputeUnexpectedExit,
  HcsError,
  ProcessError,
  SystemError,
  Win32Error,
  errorEvents,
  errorHresult,
  errorHresultHex,
  errorIs,
  errorName,
  formatErrorEvent,
  isAccessIsDenied,
  isAlreadyClosed,
  isAlreadyStopped,
  isErrorInvalidHandle,
  isNotExist,
  isNotSupported,
  isOperationInvalidState,
  isPending,
  isServiceDisconnect,
  isTimeout,
  makeProcessError,
  makeSystemError,
  processHcsResult,
  win32FromHresult,
} from './errors.ts';

class MyError extends Error {
  constructor(readonly s: string) {
    super(`error happened: ${s}`);
  }
}

/** A net.Error whose Timeout() and Temporary() are true (errors_test's netError). */
class NetError extends Error {
  constructor() {
    super('temporary timeout');
  }
  timeout(): boolean {
    return true;
  }
  temporary(): boolean {
    return true;
  }
}

function wrappers(inner: Error): HcsError[] {
  return [
    new HcsError('test', inner),
    new SystemError('TestSystem', 'test', inner),
    new ProcessError('TestSystem', 0, 'test', inner),
  ];
}

describe('HcsError unwrapping (hcsshim errors_test.go)', () => {
  it('TestHcsErrorUnwrap: reaches the wrapped error; Timeout() and Temporary() are false', () => {
    const err = new MyError('test test');
    for (const nerr of wrappers(err)) {
      expect(errorIs(nerr, err)).toBe(true);
      expect(nerr.unwrap()).toBe(err);
      expect(nerr.timeout()).toBe(false);
      expect(nerr.temporary()).toBe(false);
    }
  });

  it('TestHcsErrorUnwrapTimeout: ErrTimeout wrapped via %w is a timeout, but Timeout() stays false', () => {
    const err = new Error(`error: ${ErrTimeout.message}`, { cause: ErrTimeout });
    for (const nerr of wrappers(err)) {
      expect(errorIs(nerr, ErrTimeout)).toBe(true);
      expect(errorIs(nerr, err)).toBe(true);
      expect(isTimeout(nerr)).toBe(true);
      expect(nerr.timeout()).toBe(false);
      expect(nerr.temporary()).toBe(false);
    }
  });

  it('TestHcsErrorUnwrapNet: a wrapped net error propagates Timeout() and Temporary()', () => {
    const netErr = new NetError();
    const err = new Error('error: temporary timeout', { cause: netErr });
    for (const nerr of wrappers(err)) {
      expect(errorIs(nerr, netErr)).toBe(true);
      expect(errorIs(nerr, err)).toBe(true);
      expect(isTimeout(nerr)).toBe(true);
      expect(nerr.timeout()).toBe(true);
      expect(nerr.temporary()).toBe(true);
    }
  });

  it('a watchdog deadline is a timeout but not ErrTimeout', () => {
    const e = makeSystemError(
      'vm',
      'hcs::CreateComputeSystem',
      new DeadlineExceededError('HcsCreateComputeSystem', 1000),
    );
    expect(isTimeout(e)).toBe(true);
    expect(errorIs(e, ErrTimeout)).toBe(false);
    expect(e.message).toBe('hcs::CreateComputeSystem vm: context deadline exceeded');
  });
});

describe('TestIsAlreadyStopped', () => {
  const cases: Array<[string, unknown, boolean]> = [
    ['vmcompute already stopped (0xc0370110)', ErrVmcomputeAlreadyStopped, true],
    ['system already stopped (0x80370110)', ErrVmcomputeSystemAlreadyStopped, true],
    ['process already stopped', ErrProcessAlreadyStopped, true],
    ['element not found', ErrElementNotFound, true],
    [
      'system not running wrapped in SystemError',
      new SystemError('uvm-test', 'hcs::System::Modify', ErrVmcomputeSystemAlreadyStopped),
      true,
    ],
    ['unrelated error', new Win32Error(0x5), false],
  ];
  for (const [name, err, want] of cases) {
    it(name, () => expect(isAlreadyStopped(err)).toBe(want));
  }
});

describe('classification helpers (HEAD table)', () => {
  const hr = (raw: number) => win32FromHresult(raw | 0)!;
  it('match raw HRESULTs returned by the DLL after normalisation', () => {
    expect(isNotExist(hr(0xc037010e))).toBe(true);
    expect(isNotExist(hr(0x80070490))).toBe(true);
    expect(isNotExist(hr(0x80070005))).toBe(false);
    expect(isErrorInvalidHandle(hr(0x80070006))).toBe(true);
    expect(isPending(hr(0xc0370103))).toBe(true);
    expect(isPending(hr(0x80370117))).toBe(false);
    expect(isAlreadyStopped(hr(0xc0370110))).toBe(true);
    expect(isAlreadyStopped(hr(0x80370110))).toBe(true);
    expect(isAlreadyStopped(hr(0x8037011f))).toBe(true);
    expect(isAlreadyStopped(hr(0x80070490))).toBe(true);
    expect(isNotSupported(hr(0xc037010d))).toBe(true);
    expect(isNotSupported(hr(0x8007000d))).toBe(true);
    expect(isNotSupported(hr(0x80070032))).toBe(true);
    expect(isNotSupported(hr(0xc037010b))).toBe(true);
    expect(isNotSupported(hr(0xc0370105))).toBe(false);
    expect(isOperationInvalidState(hr(0xc0370105))).toBe(true);
    // HEAD's IsOperationInvalidState checks only the v1 form; here computecore's form counts too, since a V2
    // binding reports the same failure as 0x80370105 (both forms are classified alike).
    expect(isOperationInvalidState(hr(0x80370105))).toBe(true);
    expect(isAccessIsDenied(hr(0x80070005))).toBe(true);
  });

  it('look through every level of wrapping', () => {
    const deep = new Error('outer', {
      cause: makeProcessError('vm', 7, 'hcs::Process::Kill', hr(0x80070490)),
    });
    expect(isNotExist(deep)).toBe(true);
    expect(isAlreadyClosed(makeSystemError('vm', 'hcs::System::Start', ErrAlreadyClosed))).toBe(true);
    expect(isAlreadyClosed(new Error('something else'))).toBe(false);
  });

  it('isServiceDisconnect: the abort sentinel, RPC_S_SERVER_UNAVAILABLE, RPC_S_CALL_FAILED, HCS_E_SERVICE_DISCONNECT', () => {
    expect(
      isServiceDisconnect(makeSystemError('vm', 'hcs::System::waitBackground', ErrUnexpectedProcessAbort)),
    ).toBe(true);
    expect(isServiceDisconnect(hr(0x800706ba))).toBe(true);
    expect(isServiceDisconnect(hr(0x800706be))).toBe(true);
    expect(isServiceDisconnect(hr(0x8037011e))).toBe(true);
    expect(isServiceDisconnect(hr(0x80070005))).toBe(false);
    expect(isServiceDisconnect(undefined)).toBe(false);
  });
});

describe('messages in hcsshim format', () => {
  const events = [
    { Message: 'The document is invalid', Source: 'ComputeSystem' },
    { Message: 'm2', StackTrace: 'st', Provider: 'p', EventId: 12, Flags: 3, Source: 's' },
  ];

  it('ErrorEvent.String()', () => {
    expect(formatErrorEvent(events[0]!)).toBe(
      '[Event Detail: The document is invalid Source: ComputeSystem]',
    );
    expect(formatErrorEvent(events[1]!)).toBe(
      '[Event Detail: m2 Stack Trace: st Provider: p EventID: 12 flags: 3 Source: s]',
    );
    expect(formatErrorEvent({})).toBe('[Event Detail: ]');
  });

  it('HcsError, SystemError and ProcessError', () => {
    const err = win32FromHresult(0xc037010d | 0)!;
    expect(new HcsError('hcs::GetComputeSystems', err).message).toBe(
      'hcs::GetComputeSystems: The virtual machine or container JSON document is invalid.',
    );
    expect(new SystemError('vm1', 'hcs::System::Modify', err, events).message).toBe(
      'hcs::System::Modify vm1: The virtual machine or container JSON document is invalid.\n' +
        '[Event Detail: The document is invalid Source: ComputeSystem]\n' +
        '[Event Detail: m2 Stack Trace: st Provider: p EventID: 12 flags: 3 Source: s]',
    );
    expect(new ProcessError('vm1', 42, 'hcs::Process::Signal', new Win32Error(0x490)).message).toBe(
      'hcs::Process::Signal vm1:42: Element not found.',
    );
  });

  it('Win32Error keeps the raw HRESULT, the normalised code and the winerror name', () => {
    const e = win32FromHresult(0x80070005 | 0)!;
    expect(e.code).toBe(5);
    expect(e.hresult).toBe(0x80070005);
    expect(e.errorName).toBe('E_ACCESSDENIED');
    expect(e.message).toBe('Access is denied.');
    const unknown = win32FromHresult(0xc03701ff | 0)!;
    expect(unknown.message).toBe(`winapi error #${0xc03701ff}`);
    expect(unknown.errorName).toBeUndefined();
  });

  it('errorHresult, errorName and errorEvents find what is inside', () => {
    const e = makeSystemError('vm', 'hcs::System::Start', win32FromHresult(0xc0370105 | 0)!, events);
    expect(errorHresult(e)).toBe(0xc0370105);
    expect(errorHresultHex(e)).toBe('0xC0370105');
    expect(errorName(e)).toBe('ERROR_VMCOMPUTE_INVALID_STATE');
    expect(errorEvents(e)).toEqual(events);
    expect(errorHresult(new Error('plain'))).toBeUndefined();
    expect(errorEvents(new Error('plain'))).toEqual([]);
  });
});

describe('makeSystemError / makeProcessError never double-wrap', () => {
  it('returns an existing SystemError as is, even when wrapped', () => {
    const inner = makeSystemError('vm', 'hcs::System::Start', ErrTimeout);
    expect(makeSystemError('vm', 'hcs::CreateComputeSystem', inner)).toBe(inner);
    const outer = new Error('ctx', { cause: inner });
    expect(makeSystemError('vm', 'hcs::CreateComputeSystem', outer)).toBe(outer);
  });

  it('returns an existing ProcessError as is', () => {
    const inner = makeProcessError('vm', 3, 'hcs::Process::Kill', ErrElementNotFound);
    expect(makeProcessError('vm', 3, 'hcs::Process::Signal', inner)).toBe(inner);
  });

  it('wraps anything else, non-Errors included', () => {
    const e = makeSystemError('vm', 'hcs::System::Modify', 'boom');
    expect(e).toBeInstanceOf(SystemError);
    expect(e.message).toBe('hcs::System::Modify vm: boom');
    expect((e as SystemError).id).toBe('vm');
    expect(isNotExist(makeSystemError('vm', 'op', ErrComputeSystemDoesNotExist))).toBe(true);
  });
});

describe('processHcsResult', () => {
  it('returns the ErrorEvents of a result document, keeping only hcsshim fields', () => {
    const doc = JSON.stringify({
      Error: -2143878899,
      ErrorMessage: 'The virtual machine or container JSON document is invalid.',
      ErrorEvents: [
        { Message: 'bad field', Source: 'doc', Data: [{ Type: 'String', Value: 'x' }], EventId: 7 },
        { Provider: '{guid}', Flags: 0 },
      ],
    });
    expect(processHcsResult(doc)).toEqual([
      { Message: 'bad field', Source: 'doc', EventId: 7 },
      { Provider: '{guid}' },
    ]);
  });

  it('gives no events for empty, absent, malformed or unexpected documents, and never throws', () => {
    expect(processHcsResult(null)).toEqual([]);
    expect(processHcsResult(undefined)).toEqual([]);
    expect(processHcsResult('')).toEqual([]);
    expect(processHcsResult('{"ErrorEvents":[{"Message":"x"')).toEqual([]);
    expect(processHcsResult('[]')).toEqual([]);
    expect(processHcsResult('42')).toEqual([]);
    expect(processHcsResult('{"Error":5}')).toEqual([]);
    expect(processHcsResult('{"ErrorEvents":"nope"}')).toEqual([]);
    expect(processHcsResult('{"ErrorEvents":[null, 3, {"Message":"ok"}]}')).toEqual([{ Message: 'ok' }]);
  });
});

describe('both forms of HCS codes (vmcompute 0xC037xxxx, computecore 0x8037xxxx) classified alike', () => {
  const v2 = (hr: number) => win32FromHresult(hr | 0);
  it('every helper that names a 0xC037 code accepts its 0x8037 form, and the other way round', () => {
    expect(isNotExist(v2(0x8037010e))).toBe(true);
    expect(isPending(v2(0x80370103))).toBe(true);
    expect(isOperationInvalidState(v2(0x80370105))).toBe(true);
    expect(isNotSupported(v2(0x8037010d))).toBe(true);
    expect(isNotSupported(v2(0x8037010b))).toBe(true);
    expect(isAlreadyStopped(v2(0x80370110))).toBe(true);
    expect(isAlreadyStopped(v2(0xc0370110))).toBe(true);
    expect(isAlreadyStopped(v2(0xc037011f))).toBe(true);
    expect(isServiceDisconnect(v2(0xc037011e))).toBe(true);
    expect(errorIs(v2(0x80370106), ErrVmcomputeUnexpectedExit)).toBe(true);
  });

  it('keeps different codes apart, and other facilities exact', () => {
    expect(isNotExist(v2(0x8037010f))).toBe(false);
    expect(isOperationInvalidState(v2(0x80370106))).toBe(false);
    // 0x8007xxxx and 0xC007xxxx normalise to the Win32 code already; 0x8004xxxx stays itself.
    expect(errorIs(v2(0x80004005), v2(0xc0004005))).toBe(false);
    expect(isAccessIsDenied(v2(0x80070005))).toBe(true);
  });
});

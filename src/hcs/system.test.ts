// System's logic against a scripted binding: the paths the simulator cannot produce on demand.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setBackend } from './backend.ts';
import {
  ErrAlreadyClosed,
  ErrTimeout,
  ErrUnexpectedValue,
  SystemError,
  Win32Error,
  errorEvents,
  errorIs,
  isAlreadyClosed,
  isNotSupported,
} from './errors.ts';
import { needsHcsV2 } from './needs-v2.ts';
import { NotificationType as T } from './notification-types.ts';
import { System } from './system.ts';
import { installFake } from './testing/fake-vmcompute.ts';
import { timeouts } from './timeouts.ts';

const PENDING = new Win32Error(0xc0370103);
const saved = { ...timeouts };

afterEach(() => {
  Object.assign(timeouts, saved);
  setBackend(null);
  vi.useRealTimers();
});

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a failure');
}

describe('System.create', () => {
  it('waits for SystemCreateCompleted after PENDING, then caches os/type/owner', async () => {
    const { fake } = installFake();
    fake.answers.createComputeSystem = async () => ({
      err: PENDING,
      hr: PENDING.hresult | 0,
      handle: 0x10n,
      result: '{"ErrorEvents":[{"Message":"ignored"}]}',
    });
    fake.answers.registerComputeSystemCallback = async (_h, context) => {
      // HCS holds the completion until the callback is registered, then delivers it.
      queueMicrotask(() => fake.notify(context, T.SystemCreateCompleted));
      return { err: null, hr: 0, registration: 0x20n };
    };
    const sys = await System.create('c1', { SystemType: 'Container' });
    expect(sys.os()).toBe('linux');
    expect(sys.type()).toBe('container');
    expect(sys.owner()).toBe('test');
    expect(sys.isOCI()).toBe(true);
    expect(fake.calls[0]).toEqual({ op: 'createComputeSystem', args: ['c1', '{"SystemType":"Container"}'] });
    expect(fake.calls.find((c) => c.op === 'getComputeSystemProperties')?.args[1]).toBe('{}');
  });

  it('a failed completion fails create with its status and without the (discarded) result events', async () => {
    const { fake } = installFake();
    fake.answers.createComputeSystem = async () => ({
      err: PENDING,
      handle: 0x10n,
      result: '{"ErrorEvents":[{"Message":"x"}]}',
    });
    fake.answers.registerComputeSystemCallback = async (_h, context) => {
      queueMicrotask(() => fake.notify(context, T.SystemCreateCompleted, 0xc0370105 | 0));
      return { err: null, registration: 0x20n };
    };
    const e = await failure(System.create('c1', '{}'));
    expect(e).toBeInstanceOf(SystemError);
    expect((e as SystemError).op).toBe('hcs::CreateComputeSystem');
    expect(errorIs(e, new Win32Error(0xc0370105))).toBe(true);
    expect(errorEvents(e)).toEqual([]);
    expect(fake.ops()).toContain('closeComputeSystem');
    expect(fake.ops()).not.toContain('terminateComputeSystem');
  });

  it('a registration failure terminates the new system and closes its handle', async () => {
    const { fake } = installFake();
    fake.answers.registerComputeSystemCallback = async () => ({
      err: new Win32Error(0xc0370104),
      registration: null,
    });
    const e = await failure(System.create('c1', '{}'));
    expect((e as SystemError).op).toBe('hcs::CreateComputeSystem');
    expect(fake.ops()).toEqual([
      'createComputeSystem',
      'registerComputeSystemCallback',
      'terminateComputeSystem',
      'closeComputeSystem',
    ]);
  });

  it('ErrTimeout waiting for the completion terminates, then closes', async () => {
    vi.useFakeTimers();
    const { fake } = installFake();
    timeouts.systemCreate = 1000;
    fake.answers.createComputeSystem = async () => ({ err: PENDING, handle: 0x10n, result: null });
    const creating = failure(System.create('c1', '{}'));
    await vi.advanceTimersByTimeAsync(1000);
    const e = await creating;
    expect(errorIs(e, ErrTimeout)).toBe(true);
    expect(fake.ops()).toEqual([
      'createComputeSystem',
      'registerComputeSystemCallback',
      'terminateComputeSystem',
      'unregisterComputeSystemCallback',
      'closeComputeSystem',
    ]);
  });

  it('a document that cannot be JSON is refused before any call', async () => {
    const { fake } = installFake();
    await expect(System.create('c1', 5n as unknown as object)).rejects.toThrow(TypeError);
    expect(fake.calls).toEqual([]);
  });
});

describe('properties', () => {
  it('empty output is ErrUnexpectedValue; unparsable output is a SystemError', async () => {
    const { fake } = installFake();
    const sys = await System.open('s1');
    fake.answers.getComputeSystemProperties = async () => ({ err: null, properties: null, result: null });
    await expect(sys.properties()).rejects.toBe(ErrUnexpectedValue);
    fake.answers.getComputeSystemProperties = async () => ({ err: null, properties: '{"Id":', result: null });
    const e = await failure(sys.propertiesV2('Statistics'));
    expect(e).toBeInstanceOf(SystemError);
    expect((e as SystemError).op).toBe('hcs::System::PropertiesV2');
    expect(e.message).toMatch(/^hcs::System::PropertiesV2 s1: /);
    expect(fake.calls.at(-1)?.args[1]).toBe('{"PropertyTypes":["Statistics"]}');
  });
});

describe('wait and exit', () => {
  it('an UnexpectedExit in the exit document is an exit error, not a wait error', async () => {
    const { fake } = installFake();
    const sys = await System.open('s1');
    fake.notify(fake.lastContext(), T.SystemExited, 0, '{"ExitType":"UnexpectedExit"}');
    await sys.wait();
    expect(sys.exitError()).toBeInstanceOf(SystemError);
  });

  it('ServiceDisconnect makes the wait error a SystemError(ErrUnexpectedProcessAbort)', async () => {
    const { fake } = installFake();
    const sys = await System.open('s1');
    fake.notify(fake.lastContext(), T.ServiceDisconnect);
    const e = await failure(sys.wait());
    expect((e as SystemError).op).toBe('hcs::System::waitBackground');
    expect(e.message).toBe('hcs::System::waitBackground s1: lost communication with compute service');
  });
});

describe('close', () => {
  it('a failed unregister leaves the system usable and a later close retries', async () => {
    const { fake } = installFake();
    const sys = await System.open('s1');
    fake.answers.unregisterComputeSystemCallback = async () => ({ err: new Win32Error(0x1f) });
    const e = await failure(sys.close());
    expect((e as SystemError).op).toBe('hcs::System::Close');
    await sys.modify({});
    delete fake.answers.unregisterComputeSystemCallback;
    await sys.close();
    await expect(sys.wait()).rejects.toBe(ErrAlreadyClosed);
  });

  it('an unregister or close that finds the handle already gone with the connection still completes', async () => {
    const { fake } = installFake();
    const sys = await System.open('s1');
    fake.answers.unregisterComputeSystemCallback = async () => ({ err: new Win32Error(0x6ba) });
    fake.answers.closeComputeSystem = async () => ({ err: new Win32Error(0x6) });
    await sys.close();
    expect(isAlreadyClosed(await failure(sys.start()))).toBe(true);
  });

  it('waits for a native call in flight before closing the handle', async () => {
    const { fake } = installFake();
    const sys = await System.open('s1');
    let release!: () => void;
    fake.answers.modifyComputeSystem = () =>
      new Promise((r) => (release = () => r({ err: null, result: null })));
    const modifying = sys.modify({});
    await Promise.resolve();
    const closing = sys.close();
    await new Promise((r) => setImmediate(r));
    expect(fake.ops()).not.toContain('closeComputeSystem');
    release();
    await modifying;
    await closing;
    expect(fake.ops().slice(-2)).toEqual(['unregisterComputeSystemCallback', 'closeComputeSystem']);
  });
});

describe('through a computecore (V2) binding', () => {
  const NOT_EXIST = new Win32Error(0x8037010e);

  /** A completion the test settles when it likes. */
  function deferred() {
    let settle!: (r: { err: Error | null; result: string | null }) => void;
    const promise = new Promise<{ err: Error | null; result: string | null }>((r) => (settle = r));
    return { promise, settle };
  }

  it('create registers the callback before it waits for the create operation', async () => {
    const { fake } = installFake();
    fake.api = 'v2';
    const done = deferred();
    fake.answers.createComputeSystem = async () => ({
      err: null,
      hr: 0,
      handle: 0x10n,
      result: null,
      completion: done.promise,
    });
    const creating = System.create('v2-create', {});
    await vi.waitFor(() => expect(fake.ops()).toContain('registerComputeSystemCallback'));
    expect(fake.ops()).not.toContain('getComputeSystemProperties');
    done.settle({ err: null, result: null });
    const sys = await creating;
    expect(sys.api).toBe('v2');
    expect(fake.ops()).toEqual([
      'createComputeSystem',
      'registerComputeSystemCallback',
      'getComputeSystemProperties',
    ]);
  });

  it('a create HCS refuses outright fails with its operation’s error and events, and closes nothing', async () => {
    const { fake } = installFake();
    fake.api = 'v2';
    fake.answers.createComputeSystem = async () => ({
      err: null,
      hr: 0,
      handle: null,
      result: null,
      completion: Promise.resolve({ err: NOT_EXIST, result: '{"ErrorEvents":[{"Message":"no such host"}]}' }),
    });
    const e = await failure(System.create('v2-refused', {}));
    expect(errorIs(e, NOT_EXIST)).toBe(true);
    expect(errorEvents(e)[0]?.Message).toBe('no such host');
    expect(fake.ops()).toEqual(['createComputeSystem']);
  });

  it('a create whose operation fails after the handle came back closes that handle', async () => {
    const { fake } = installFake();
    fake.api = 'v2';
    fake.answers.createComputeSystem = async () => ({
      err: null,
      hr: 0,
      handle: 0x10n,
      result: null,
      completion: Promise.resolve({ err: new Win32Error(0x80370107), result: null }),
    });
    await failure(System.create('v2-failed', {}));
    expect(fake.ops()).toContain('closeComputeSystem');
  });

  it('close does not wait for a pending start: the start gets ErrAlreadyClosed', async () => {
    const { fake } = installFake();
    fake.api = 'v2';
    const sys = await System.open('v2-open');
    const done = deferred();
    fake.answers.startComputeSystem = async () => ({
      err: null,
      hr: 0,
      result: null,
      completion: done.promise,
    });
    const starting = failure(sys.start());
    await vi.waitFor(() => expect(fake.ops()).toContain('startComputeSystem'));
    await sys.close();
    expect(isAlreadyClosed(await starting)).toBe(true);
    done.settle({ err: null, result: null }); // the operation finishing later changes nothing
  });

  it('crash goes to HCS through V2, and says it needs V2 on a binding without it, calling nothing', async () => {
    const { fake } = installFake();
    const v1 = await System.open('v1');
    const e = await failure(v1.crash());
    expect(needsHcsV2(e)).toBe(true);
    expect(isNotSupported(e)).toBe(true);
    expect(e.message).toBe(
      'hcs::System::Crash v1: Crashing a compute system needs the HCS V2 API (computecore.dll); this app instance uses V1 (vmcompute.dll)',
    );
    expect(fake.ops().filter((op) => op.toLowerCase().includes('crash'))).toEqual([]);

    fake.crashComputeSystem = vi.fn(async () => ({ err: null, hr: 0, result: null }));
    await v1.crash({ Reason: 'test' });
    expect(fake.crashComputeSystem).toHaveBeenCalledWith(expect.any(BigInt), '{"Reason":"test"}');
  });
});

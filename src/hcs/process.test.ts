// Process logic against a scripted binding: exit codes, signal results and kill outcomes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setBackend } from './backend.ts';
import { ProcessError, Win32Error, errorIs } from './errors.ts';
import { NotificationType as T } from './notification-types.ts';
import { System } from './system.ts';
import { installFake } from './testing/fake-vmcompute.ts';

afterEach(() => {
  setBackend(null);
  vi.useRealTimers();
});

async function started() {
  const { fake } = installFake();
  const sys = await System.open('s1');
  const p = await sys.createProcess({ CommandLine: 'x' });
  return { fake, sys, p, ctx: fake.lastContext() };
}

describe('exit code', () => {
  it('is read with HcsGetProcessProperties after ProcessExited', async () => {
    const { fake, p, ctx } = await started();
    fake.answers.getProcessProperties = async () => ({
      err: null,
      properties: '{"ProcessId":42,"Exited":true,"ExitCode":3,"LastWaitResult":0}',
      result: null,
    });
    fake.notify(ctx, T.ProcessExited, 0, '{"ExitCode":99}');
    await p.wait();
    expect(p.exitCode()).toBe(3);
  });

  it('is -1 when LastWaitResult is not S_OK, without an error', async () => {
    const { fake, p, ctx } = await started();
    fake.answers.getProcessProperties = async () => ({
      err: null,
      properties: '{"Exited":true,"ExitCode":3,"LastWaitResult":5}',
      result: null,
    });
    fake.notify(ctx, T.ProcessExited);
    await p.wait();
    expect(p.exitCode()).toBe(-1);
  });

  it('falls back to the notification’s ProcessStatus when the properties call fails', async () => {
    const { fake, p, ctx } = await started();
    fake.answers.getProcessProperties = async () => ({
      err: new Win32Error(0x6),
      properties: null,
      result: null,
    });
    fake.notify(ctx, T.ProcessExited, 0, '{"ProcessId":42,"Exited":true,"ExitCode":12,"LastWaitResult":0}');
    await p.wait();
    expect(p.exitCode()).toBe(12);
  });

  it('is a wait error when neither says anything', async () => {
    const { fake, p, ctx } = await started();
    fake.answers.getProcessProperties = async () => ({
      err: new Win32Error(0x6),
      properties: null,
      result: null,
    });
    fake.notify(ctx, T.ProcessExited);
    const e = await p.wait().catch((x: Error) => x);
    expect(e).toBeInstanceOf(ProcessError);
    expect((e as ProcessError).op).toBe('hcs::Process::waitBackground');
    expect(() => p.exitCode()).toThrow(e as Error);
  });
});

describe('signal and kill results', () => {
  it('a gone process is not signalled, and waiters are unblocked after a second with -1', async () => {
    vi.useFakeTimers();
    const { fake, p } = await started();
    const gone = new Win32Error(0x490);
    fake.answers.signalProcess = async () => ({ err: gone, result: null });
    expect(await p.signal({ Signal: 'CtrlC' })).toBe(false);
    expect(p.exited()).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(p.exited()).toBe(true);
    expect(() => p.exitCode()).toThrow(gone);
  });

  it('other signal errors are errors with the events', async () => {
    const { fake, p } = await started();
    fake.answers.signalProcess = async () => ({
      err: new Win32Error(0x57),
      result: '{"ErrorEvents":[{"Message":"bad"}]}',
    });
    const e = await p.signal({ Signal: 'Nope' }).catch((x: Error) => x);
    expect(e).toBeInstanceOf(ProcessError);
    expect((e as Error).message).toBe(
      'hcs::Process::Signal s1:42: The parameter is incorrect.\n[Event Detail: bad]',
    );
  });

  it('kill counts access denied and already stopped as delivered, and sends only one terminate', async () => {
    const { fake, p } = await started();
    fake.answers.terminateProcess = async () => ({ err: new Win32Error(0x5), result: null });
    expect(await p.kill()).toBe(true);
    expect(await p.kill()).toBe(true);
    expect(fake.ops().filter((o) => o === 'terminateProcess')).toHaveLength(1);
  });

  it('kill reports other failures', async () => {
    const { fake, p } = await started();
    fake.answers.terminateProcess = async () => ({ err: new Win32Error(0x1f), result: null });
    const e = await p.kill().catch((x: Error) => x);
    expect((e as ProcessError).op).toBe('hcs::Process::Kill');
    expect(errorIs(e, new Win32Error(0x1f))).toBe(true);
  });
});

describe('stdin and console requests', () => {
  it('closeStdin asks HCS to close StdIn before the exit, and skips the call after it', async () => {
    const { fake, p, ctx } = await started();
    await p.closeStdin();
    expect(fake.calls.at(-1)).toMatchObject({
      op: 'modifyProcess',
      args: [expect.any(BigInt), '{"Operation":"CloseHandle","CloseHandle":{"Handle":"StdIn"}}'],
    });
    fake.notify(ctx, T.ProcessExited);
    await p.wait();
    const before = fake.calls.length;
    await p.closeStdin();
    expect(fake.calls.length).toBe(before);
  });

  it('resizeConsole sends ConsoleSize with Height and Width', async () => {
    const { fake, p } = await started();
    await p.resizeConsole(120, 40);
    expect(fake.calls.at(-1)?.args[1]).toBe(
      '{"Operation":"ConsoleSize","ConsoleSize":{"Height":40,"Width":120}}',
    );
  });
});

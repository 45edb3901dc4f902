// Failure paths through the real binding against a simulator whose completions take 300 ms: notification
// timeouts (ErrTimeout, and create's terminate-on-timeout), the syscall watchdog with a hung call (close
// waits for it), access denied, malformed documents, and a lost service connection.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ErrTimeout,
  ErrUnexpectedProcessAbort,
  ProcessError,
  System,
  SystemError,
  errorEvents,
  errorHresult,
  errorIs,
  getComputeSystems,
  isAccessIsDenied,
  isServiceDisconnect,
  isTimeout,
  timeouts,
} from '../../src/hcs/index.ts';
import { startSim, type StartedSim } from '../helpers/sim.ts';
import { WAIT } from '../setup/wait.ts';
import { containerDoc, expectNothingHeld, uniqueId } from './hcs-support.ts';

const COMPLETION_MS = 300;
let sim: StartedSim;
const saved = { ...timeouts };
const opened: System[] = [];

beforeAll(async () => {
  sim = await startSim({ fixture: 'test', completionDelayMs: COMPLETION_MS });
});
afterEach(async () => {
  Object.assign(timeouts, saved);
  await sim.control.seed({ systems: [], completionDelayMs: COMPLETION_MS });
  await sim.control.clearFaults();
  await Promise.all(opened.splice(0).map((s) => s.close()));
  await expectNothingHeld(sim.control);
});
afterAll(async () => {
  await sim?.stop();
});

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a failure');
}
async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 20));
}
async function stateOf(id: string): Promise<string | undefined> {
  return (await sim.control.systems()).find((s) => s.id === id)?.state;
}

/**
 * The timeout tests: a notification timeout must expire while the call itself has returned and its
 * completion has not come. The call is watched with the same timeout (hcsshim's syscall watcher), so the
 * timeout must outlast the call's round trip on a starved machine (it took over 50 ms under load and the
 * watchdog fired first), and the completion must come far later still. The simulator cannot hold a
 * completion until told, so these are margins, not an order; they cost LATE_COMPLETION_MS per test.
 */
const TIMEOUT_MS = 3_000;
const LATE_COMPLETION_MS = 15_000;

describe('notification timeouts', () => {
  it('start gives ErrTimeout when its completion is late; the late completion does not answer the next call', async () => {
    const sys = await System.create(uniqueId('slow'), containerDoc('slow'));
    opened.push(sys);
    await sim.control.seed({ systems: [], completionDelayMs: LATE_COMPLETION_MS });
    timeouts.systemStart = TIMEOUT_MS;
    const e = await failure(sys.start());
    expect(e).toBeInstanceOf(SystemError);
    expect((e as SystemError).op).toBe('hcs::System::Start');
    expect(errorIs(e, ErrTimeout)).toBe(true);
    expect(isTimeout(e)).toBe(true);
    // The start goes on in HCS and completes later; its stale completion must not satisfy pause().
    await until(async () => (await stateOf(sys.id)) === 'Running');
    await sim.control.seed({ systems: [], completionDelayMs: COMPLETION_MS });
    timeouts.systemPause = 60_000;
    await sys.pause();
    expect(await stateOf(sys.id)).toBe('Paused');
  });

  it('create that times out terminates the system it made and closes its handle (hcsshim)', async () => {
    const id = uniqueId('create-timeout');
    await sim.control.seed({ systems: [], completionDelayMs: LATE_COMPLETION_MS });
    timeouts.systemCreate = TIMEOUT_MS;
    const e = await failure(System.create(id, containerDoc('late')));
    expect((e as SystemError).op).toBe('hcs::CreateComputeSystem');
    expect(errorIs(e, ErrTimeout)).toBe(true);
    // Terminated, and with no handle left the stopped system goes away.
    await until(async () => (await stateOf(id)) === undefined);
  });
});

describe('syscall watchdog', () => {
  it('a hung call gives up with a deadline error; close waits for the call to return before freeing the handle', async () => {
    const sys = await System.open('test-container-running');
    opened.push(sys);
    timeouts.syscallWatcher = 100;
    await sim.control.setFaults({ system: sys.id, hang: ['GetComputeSystemProperties'] });
    const e = await failure(sys.properties());
    expect(e).toBeInstanceOf(SystemError);
    expect((e as SystemError).op).toBe('hcs::System::Properties');
    expect(isTimeout(e)).toBe(true);
    expect(errorIs(e, ErrTimeout)).toBe(false);
    expect(e.message).toBe(`hcs::System::Properties ${sys.id}: context deadline exceeded`);

    const order: string[] = [];
    const closing = sys.close().then(() => order.push('closed'));
    // The handle is still open while the abandoned call is held by the service. On a loaded machine the
    // watchdog can give up before the call has even reached the service, so wait for it to arrive.
    await expect.poll(async () => (await sim.control.faults()).hungCalls, WAIT).toBe(1);
    order.push('releasing');
    await sim.control.clearFaults();
    await closing;
    expect(order).toEqual(['releasing', 'closed']);
  });
});

describe('errors from the service', () => {
  it('access denied on start is a SystemError with the HRESULT and events', async () => {
    const sys = await System.create(uniqueId('denied'), containerDoc('denied'));
    opened.push(sys);
    await sim.control.setFaults({ system: sys.id, accessDenied: ['StartComputeSystem'] });
    const e = await failure(sys.start());
    expect(isAccessIsDenied(e)).toBe(true);
    expect(errorHresult(e)).toBe(0x80070005);
    expect(errorEvents(e)[0]?.Message).toBe('Access is denied.');
    expect(await stateOf(sys.id)).toBe('Created');
  });

  it('an unparsable ProcessStatus falls back to the exit notification’s own status for the exit code', async () => {
    const sys = await System.open('test-container-running');
    opened.push(sys);
    await sim.control.setFaults({ system: sys.id, malformedJson: ['GetProcessProperties'] });
    const p = await sys.createProcess({ CommandLine: 'exit 7' });
    await p.wait();
    expect(p.exitCode()).toBe(7);
    const e = await failure(p.properties());
    expect(e).toBeInstanceOf(ProcessError);
    expect((e as ProcessError).op).toBe('hcs::Process::Properties');
    await p.close();
  });
});

describe('service disconnect', () => {
  it('waiters get ErrUnexpectedProcessAbort, calls fail clearly, closing still works, and later calls succeed', async () => {
    const sys = await System.open('test-container-running');
    const p = await sys.createProcess({ CommandLine: 'cat', CreateStdInPipe: true });
    const sysWait = sys.wait().catch((e: unknown) => e as Error);
    const procWait = p.wait().catch((e: unknown) => e as Error);

    await sim.control.disconnect(400);
    const sysErr = await sysWait;
    const procErr = await procWait;
    expect(sysErr).toBeInstanceOf(SystemError);
    expect((sysErr as SystemError).op).toBe('hcs::System::waitBackground');
    expect(errorIs(sysErr, ErrUnexpectedProcessAbort)).toBe(true);
    expect(isServiceDisconnect(sysErr)).toBe(true);
    expect(procErr).toBeInstanceOf(ProcessError);
    expect(isServiceDisconnect(procErr)).toBe(true);

    // While the service is gone, a call fails at once with a clear error.
    const down = await failure(getComputeSystems());
    expect(isServiceDisconnect(down)).toBe(true);
    expect(down.message).toBe('hcs::GetComputeSystems: The RPC server is unavailable.');

    // The dead handles can still be closed (nothing to release on the service side).
    await p.close();
    await sys.close();
    await expect(sys.wait()).rejects.toBe(sysErr);

    // Once the service takes connections again, everything works.
    await until(async () =>
      getComputeSystems().then(
        () => true,
        () => false,
      ),
    );
    const again = await System.open('test-container-running');
    opened.push(again);
    expect((await again.properties()).State).toBe('Running');
    const q = await again.createProcess({ CommandLine: 'exit 2' });
    await q.wait();
    expect(q.exitCode()).toBe(2);
    await q.close();
  });

  it('a handle from before the outage reports the invalid handle, not a crash', async () => {
    const sys = await System.open('test-container-running');
    await sim.control.disconnect(200);
    await until(async () =>
      getComputeSystems().then(
        () => true,
        () => false,
      ),
    );
    const e = await failure(sys.properties());
    expect(e).toBeInstanceOf(SystemError);
    expect(errorHresult(e)).toBe(0x80070006);
    await sys.close();
    expect(isServiceDisconnect(sys.exitError())).toBe(true);
  });
});

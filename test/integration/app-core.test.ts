// The app core against the real koffi binding and a fresh simulator (sim/fixtures/test.json).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppCore } from '../../src/app/core.ts';
import { HcsAdapter } from '../../src/app/hcs-adapter.ts';
import { EventRecorder } from '../../src/app/testing/event-recorder.ts';
import { startSim, type StartedSim } from '../helpers/sim.ts';
import { isV2 } from './hcs-support.ts';

let sim: StartedSim;
let core: AppCore;
let rec: EventRecorder;
const others: AppCore[] = [];

function newCore(pollIntervalMs = 250): { core: AppCore; rec: EventRecorder } {
  const c = new AppCore(new HcsAdapter('simulator'), {
    pollIntervalMs,
    retryInitialMs: 100,
    retryMaxMs: 500,
  });
  const r = new EventRecorder();
  c.subscribe(r.listener);
  return { core: c, rec: r };
}

async function list(c = core) {
  return c.handle('systems.list', {});
}

/** The operation's final state, waited for on the event stream. */
async function outcome(opId: string, from = 0) {
  const payload = await rec.next(
    'operations.changed',
    (p) => p.operation.opId === opId && p.operation.status !== 'pending',
    from,
  );
  return payload.operation;
}

beforeAll(async () => {
  sim = await startSim({ fixture: 'test' });
});
afterAll(async () => {
  await sim?.stop();
});
beforeEach(async () => {
  await sim.control.reset();
  ({ core, rec } = newCore());
  await core.start();
});
afterEach(async () => {
  await core.stop();
  await Promise.all(others.splice(0).map((c) => c.stop()));
  await sim.control.clearFaults();
});

describe('app core on the simulator', () => {
  it('lists the seeded systems with their state, type, owner and OS, and opens each one', async () => {
    const [snapshot] = rec.of('systems.snapshot');
    const byId = new Map(snapshot?.systems.map((s) => [s.id, s]));
    expect(byId.get('test-container-running')).toMatchObject({
      type: 'Container',
      owner: 'docker',
      os: 'windows',
      state: 'Running',
      pending: null,
      lastError: null,
    });
    expect(byId.get('test-container-created')).toMatchObject({ name: 'created-container', state: 'Created' });
    expect(byId.get('test-vm-running')).toMatchObject({ type: 'VirtualMachine', os: 'linux', owner: 'WSL' });
    expect(byId.get('test-vm-paused')?.state).toBe('Paused');
    expect(core.status()).toMatchObject({ connected: true, backend: 'simulator', message: null });

    const [me] = (await sim.control.clients()).filter((c) => c.pid === process.pid);
    const opened = new Set(me?.systemHandles.map((h) => h.systemId));
    for (const id of byId.keys()) expect(opened.has(id), id).toBe(true);
  });

  it('start: pending → done, Running, with the completion notification', async () => {
    const mark = rec.mark();
    const { opId } = await core.handle('systems.start', { id: 'test-container-created' });
    expect(rec.of('operations.changed', mark)[0]?.operation).toMatchObject({
      opId,
      status: 'pending',
      action: 'start',
    });
    expect((await outcome(opId, mark)).status).toBe('done');
    // vmcompute reports the completion as a notification; computecore completes an operation instead.
    if (!isV2()) {
      await rec.next(
        'systems.notification',
        (n) => n.id === 'test-container-created' && n.typeName === 'SystemStartCompleted',
        mark,
      );
    }
    const row = (await list()).find((s) => s.id === 'test-container-created');
    expect(row).toMatchObject({ state: 'Running', pending: null, lastError: null });
  });

  it('an access-denied fault fails the operation with HCS events and the explanation', async () => {
    await sim.control.setFaults({ accessDenied: ['PauseComputeSystem'] });
    const mark = rec.mark();
    const { opId } = await core.handle('systems.pause', { id: 'test-vm-running' });
    const op = await outcome(opId, mark);
    expect(op.status).toBe('failed');
    expect(op.error).toMatchObject({
      hresult: '0x80070005',
      name: expect.stringMatching(/ACCESS/),
      explanation:
        'HCS requires administrator rights (or membership in Hyper-V Administrators). Restart HCS Desktop as administrator.',
      needsAdministrator: true,
      op: 'hcs::System::Pause',
    });
    expect(op.error?.events.length).toBeGreaterThan(0);
    expect(op.error?.message).toMatch(/denied/i);
    const row = (await list()).find((s) => s.id === 'test-vm-running');
    expect(row).toMatchObject({ state: 'Running', lastError: { hresult: '0x80070005' } });
  });

  it('a rejected document fails create with HCS error events', async () => {
    const mark = rec.mark();
    const { opId } = await core.handle('systems.create', {
      id: 'bad-doc',
      document: '{"SystemType":"Nonsense"}',
    });
    const op = await outcome(opId, mark);
    expect(op).toMatchObject({ status: 'failed', action: 'create' });
    expect(op.error?.hresult).toMatch(/^0x[0-9A-F]{8}$/);
    expect((await list()).some((s) => s.id === 'bad-doc')).toBe(false);
  });

  it('V1 and V2 properties by the types asked for', async () => {
    const v1 = await core.handle('systems.properties', {
      id: 'test-container-running',
      version: 'v1',
      types: ['Statistics'],
    });
    expect(v1.properties).toMatchObject({ Id: 'test-container-running', Statistics: expect.any(Object) });
    const v2 = await core.handle('systems.properties', {
      id: 'test-vm-running',
      version: 'v2',
      types: ['Memory'],
    });
    expect(v2.properties).toEqual(expect.any(Object));
  });

  it('a crash marks the system Stopped with UnexpectedExit and keeps it listed', async () => {
    const mark = rec.mark();
    await sim.control.crash('test-vm-running');
    await rec.next(
      'systems.changed',
      (p) => p.system.id === 'test-vm-running' && p.system.exitType === 'UnexpectedExit',
      mark,
    );
    await core.pollNow();
    expect((await list()).find((s) => s.id === 'test-vm-running')).toMatchObject({
      state: 'Stopped',
      exitType: 'UnexpectedExit',
    });
    // Closing our handle lets HCS clean it up; it is gone from the list and does not come back.
    const closeMark = rec.mark();
    const { opId } = await core.handle('systems.close', { id: 'test-vm-running' });
    expect((await outcome(opId, closeMark)).status).toBe('done');
    await core.pollNow();
    expect((await list()).some((s) => s.id === 'test-vm-running')).toBe(false);
  });

  it('service disconnect → not connected → reconnected, every system re-opened', async () => {
    const before = (await list()).map((s) => s.id).sort();
    const mark = rec.mark();
    await sim.control.disconnect(1000);
    const down = await rec.next('service.changed', (p) => !p.status.connected, mark);
    expect(down.status.message).toMatch(/not reachable/);
    expect((await list()).map((s) => s.id).sort()).toEqual(before);
    const up = rec.mark();
    await rec.next('service.changed', (p) => p.status.connected, up);
    const snapshot = rec.of('systems.snapshot', up).at(-1);
    expect(snapshot?.systems.map((s) => s.id).sort()).toEqual(before);

    const [me] = (await sim.control.clients()).filter((c) => c.pid === process.pid);
    expect(new Set(me?.systemHandles.map((h) => h.systemId))).toEqual(new Set(before));
    // The new handles work: an operation succeeds and its completion arrives.
    const opMark = rec.mark();
    const { opId } = await core.handle('systems.start', { id: 'test-container-created' });
    expect((await outcome(opId, opMark)).status).toBe('done');
  });

  it('sees what another client does after a poll: a new system, a state change', async () => {
    const mark = rec.mark();
    await sim.control.seed({
      systems: [{ id: 'made-elsewhere', systemType: 'Container', runtimeOsType: 'linux', owner: 'other' }],
    });
    const added = await rec.next('systems.changed', (p) => p.system.id === 'made-elsewhere', mark);
    expect(added.system).toMatchObject({ owner: 'other', os: 'linux', state: 'Created' });

    const other = newCore(600_000);
    others.push(other.core);
    await other.core.start();
    const stateMark = rec.mark();
    const started = other.rec.mark();
    const { opId } = await other.core.handle('systems.start', { id: 'made-elsewhere' });
    await other.rec.next(
      'operations.changed',
      (p) => p.operation.opId === opId && p.operation.status === 'done',
      started,
    );
    const seen = await rec.next(
      'systems.changed',
      (p) => p.system.id === 'made-elsewhere' && p.system.state === 'Running',
      stateMark,
    );
    expect(seen.system.pending).toBeNull();
  });

  it('an action offered from a stale state (paused by another client) fails saying so, with the row refreshed', async () => {
    // A core that does not poll: only the failure's re-read can tell it what the other client did.
    await core.stop();
    ({ core, rec } = newCore(600_000));
    await core.start();
    const id = 'test-container-running';
    const other = newCore(600_000);
    others.push(other.core);
    await other.core.start();
    const paused = other.rec.mark();
    const { opId: otherOp } = await other.core.handle('systems.pause', { id });
    await other.rec.next(
      'operations.changed',
      (p) => p.operation.opId === otherOp && p.operation.status === 'done',
      paused,
    );
    expect((await list()).find((s) => s.id === id)?.state).toBe('Running');

    const mark = rec.mark();
    const { opId } = await core.handle('systems.pause', { id });
    const op = await outcome(opId, mark);
    expect(op.status).toBe('failed');
    expect(op.error).toMatchObject({
      message: `${id} was already Paused (changed elsewhere); its state is refreshed.`,
      name: isV2() ? 'HCS_E_INVALID_STATE' : 'ERROR_VMCOMPUTE_INVALID_STATE',
    });
    expect((await list()).find((s) => s.id === id)).toMatchObject({ state: 'Paused', pending: null });
  });
});

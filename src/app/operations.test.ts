import { describe, expect, it } from 'vitest';
import { AppError } from './error-info.ts';
import { HR } from './testing/fake-hcs-error.ts';
import { CONTAINER, VM, coreWithFake, settle } from './testing/harness.ts';

async function started(listings = [CONTAINER, VM]) {
  const h = coreWithFake(listings);
  await h.core.start();
  await settle();
  h.clear();
  return h;
}

describe('operations', () => {
  it('start: pending → done, the row shows the pending action and then Running', async () => {
    const { core, hcs, of } = await started();
    hcs.hold('start');
    const { opId } = await core.handle('systems.start', { id: 'vm1' });
    await settle();
    expect(of('operations.changed').map((p) => p.operation)).toEqual([
      expect.objectContaining({
        opId,
        systemId: 'vm1',
        action: 'start',
        status: 'pending',
        error: null,
        finishedAt: null,
      }),
    ]);
    expect((await core.handle('systems.list', {})).find((s) => s.id === 'vm1')?.pending).toBe('start');
    hcs.release('start');
    await settle();
    const last = of('operations.changed').at(-1)?.operation;
    expect(last).toMatchObject({ opId, status: 'done', error: null });
    expect(last?.finishedAt).toEqual(expect.any(Number));
    expect(of('systems.changed').at(-1)?.system).toMatchObject({
      id: 'vm1',
      state: 'Running',
      pending: null,
    });
    expect((await core.handle('operations.list', {})).map((o) => o.status)).toEqual(['done']);
  });

  it('a failure carries HCS message, HRESULT, its name, an explanation and the events', async () => {
    const { core, hcs, of } = await started();
    const events = [{ Message: 'The caller lacks the rights', Source: 'vmcompute' }];
    hcs.failNext('start', HR.accessDenied, events, 'hcs::System::Start vm1: Access is denied.');
    const { opId } = await core.handle('systems.start', { id: 'vm1' });
    await settle();
    const op = of('operations.changed').at(-1)?.operation;
    expect(op).toMatchObject({ opId, status: 'failed' });
    expect(op?.error).toEqual({
      message: 'hcs::System::Start vm1: Access is denied.',
      op: 'hcs::System::start',
      hresult: '0x80070005',
      name: 'E_ACCESSDENIED',
      explanation:
        'HCS requires administrator rights (or membership in Hyper-V Administrators). Restart HCS Desktop as administrator.',
      needsAdministrator: true,
      events,
    });
    const row = (await core.handle('systems.list', {})).find((s) => s.id === 'vm1');
    expect(row).toMatchObject({ state: 'Created', pending: null, lastError: op?.error });
  });

  it('a later success clears the last error', async () => {
    const { core, hcs } = await started();
    hcs.failNext('start', HR.invalidState);
    await core.handle('systems.start', { id: 'vm1' });
    await settle();
    const failed = (await core.handle('systems.list', {})).find((s) => s.id === 'vm1');
    expect(failed?.lastError).toMatchObject({ name: 'ERROR_VMCOMPUTE_INVALID_STATE', hresult: '0xC0370105' });
    await core.handle('systems.start', { id: 'vm1' });
    await settle();
    expect((await core.handle('systems.list', {})).find((s) => s.id === 'vm1')).toMatchObject({
      state: 'Running',
      lastError: null,
    });
  });

  it('clearError forgets the last error for every client (the list and a new snapshot) and tells them', async () => {
    const { core, hcs, of, clear } = await started();
    hcs.failNext('start', HR.accessDenied);
    await core.handle('systems.start', { id: 'vm1' });
    await settle();
    expect((await core.handle('systems.list', {})).find((s) => s.id === 'vm1')?.lastError).not.toBeNull();
    clear();
    expect(await core.handle('systems.clearError', { id: 'vm1' })).toEqual({});
    expect(of('systems.changed').map((p) => [p.system.id, p.system.lastError])).toEqual([['vm1', null]]);
    expect((await core.handle('systems.list', {})).find((s) => s.id === 'vm1')?.lastError).toBeNull();
    const snapshot = core.initialEvents().find((e) => e.channel === 'systems.snapshot');
    expect(JSON.stringify(snapshot)).not.toContain('"lastError":{');
    // Clearing again changes nothing and says nothing; an unlisted id is refused.
    clear();
    await core.handle('systems.clearError', { id: 'vm1' });
    expect(of('systems.changed')).toEqual([]);
    await expect(core.handle('systems.clearError', { id: 'ghost' })).rejects.toBeInstanceOf(AppError);
  });

  it('a completed pause is HCS’s word on the state; a failure or a save reads the state back', async () => {
    const { core, hcs } = await started();
    const reads = () => hcs.calls.filter((c) => c === 'properties:c1').length;
    const stateOf = async () => (await core.handle('systems.list', {})).find((s) => s.id === 'c1')?.state;
    const before = reads();
    await core.handle('systems.pause', { id: 'c1' });
    await settle();
    expect(await stateOf()).toBe('Paused');
    // The fake notifies the completion on the handle, as vmcompute does, and the registry reads the state on
    // that notification (computecore sends none: there, no read at all). Not a second read after the operation.
    expect(reads()).toBe(before + 1);
    hcs.failNext('resume', HR.accessDenied, [], 'Access is denied.');
    await core.handle('systems.resume', { id: 'c1' });
    await settle();
    expect(reads()).toBe(before + 2);
    expect(await stateOf()).toBe('Paused');
    await core.handle('systems.save', { id: 'c1', options: '{}' });
    await settle();
    // A save's end does not say the state it left: read it (the completion notification reads once more).
    expect(reads()).toBe(before + 4);
  });

  it('an action refused as invalid in the state (changed elsewhere) re-reads the state and says what it is', async () => {
    const { core, hcs, of } = await started();
    // Another client paused c1; no notification or poll has told the core yet.
    hcs.setState('c1', 'Paused');
    expect((await core.handle('systems.list', {})).find((s) => s.id === 'c1')?.state).toBe('Running');
    const { opId } = await core.handle('systems.pause', { id: 'c1' });
    await settle();
    const op = of('operations.changed').at(-1)?.operation;
    expect(op).toMatchObject({ opId, status: 'failed' });
    expect(op?.error).toMatchObject({
      message: 'c1 was already Paused (changed elsewhere); its state is refreshed.',
      hresult: '0xC0370105',
      name: 'ERROR_VMCOMPUTE_INVALID_STATE',
    });
    expect(op?.error?.explanation).toMatch(/^HCS said: hcs::System: .* not in a state that allows/);
    // The re-read state went to every client as a change of the row.
    expect(of('systems.changed').some((p) => p.system.id === 'c1' && p.system.state === 'Paused')).toBe(true);
    expect((await core.handle('systems.list', {})).find((s) => s.id === 'c1')).toMatchObject({
      state: 'Paused',
      pending: null,
    });
  });

  it('an invalid-state refusal in an unchanged state says HCS refused it in that state', async () => {
    const { core, hcs, of } = await started();
    hcs.failNext('pause', HR.invalidState);
    await core.handle('systems.pause', { id: 'c1' });
    await settle();
    expect(of('operations.changed').at(-1)?.operation.error?.message).toBe(
      'HCS refused to pause c1 while it is Running; its state is refreshed.',
    );
    // Any other failure keeps HCS's message as it was.
    hcs.failNext('pause', HR.accessDenied, [], 'Access is denied.');
    await core.handle('systems.pause', { id: 'c1' });
    await settle();
    expect(of('operations.changed').at(-1)?.operation.error?.message).toBe('Access is denied.');
  });

  it('pause, resume, shutdown and terminate drive the state machine; exits carry their exit type', async () => {
    const { core } = await started();
    const state = async () => (await core.handle('systems.list', {})).find((s) => s.id === 'c1');
    await core.handle('systems.pause', { id: 'c1' });
    await settle();
    expect((await state())?.state).toBe('Paused');
    await core.handle('systems.resume', { id: 'c1' });
    await settle();
    expect((await state())?.state).toBe('Running');
    await core.handle('systems.shutdown', { id: 'c1' });
    await settle();
    expect(await state()).toMatchObject({ state: 'Stopped', exitType: 'GracefulExit' });
    await core.handle('systems.terminate', { id: 'vm1' });
    await settle();
    expect((await core.handle('systems.list', {})).find((s) => s.id === 'vm1')).toMatchObject({
      state: 'Stopped',
      exitType: 'ForcedExit',
    });
  });

  it('save and modify pass the JSON text to HCS unchanged', async () => {
    const { core, hcs } = await started();
    await core.handle('systems.pause', { id: 'c1' });
    const options = '{ "SaveType": "ToFile", "SaveStateFilePath": "C:\\\\s.vmrs" }';
    await core.handle('systems.save', { id: 'c1', options });
    const request = '{ "ResourcePath": "VirtualMachine/ComputeTopology/Memory/SizeInMB", "Settings": 4096 }';
    await core.handle('systems.modify', { id: 'c1', request });
    await settle();
    expect(hcs.saved).toEqual([{ id: 'c1', options }]);
    expect(hcs.modified).toEqual([{ id: 'c1', request }]);
  });

  it('an operation on a system HCS does not know fails with its explanation', async () => {
    const { core, of } = await started();
    await core.handle('systems.start', { id: 'ghost' });
    await settle();
    expect(of('operations.changed').at(-1)?.operation).toMatchObject({
      systemId: 'ghost',
      status: 'failed',
      error: { hresult: '0xC037010E', name: 'ERROR_VMCOMPUTE_SYSTEM_NOT_FOUND' },
    });
    expect(await core.handle('systems.list', {})).toHaveLength(2);
  });

  it('an operation on a system created since the last poll opens it and lists it', async () => {
    const { core, hcs, of } = await started();
    hcs.addSystem({ Id: 'late', Name: 'late', SystemType: 'Container', State: 'Created' });
    await core.handle('systems.start', { id: 'late' });
    await settle();
    expect(of('operations.changed').at(-1)?.operation).toMatchObject({ systemId: 'late', status: 'done' });
    expect((await core.handle('systems.list', {})).find((s) => s.id === 'late')?.state).toBe('Running');
  });

  it('create: the new system is listed once HCS created it', async () => {
    const { core, hcs, of } = await started();
    hcs.hold('create');
    const { opId } = await core.handle('systems.create', { id: 'new1', document: '{"Owner":"me"}' });
    await core.pollNow(); // enumeration during the create leaves the id to the create
    hcs.release('create');
    await settle();
    expect(of('operations.changed').at(-1)?.operation).toMatchObject({
      opId,
      action: 'create',
      status: 'done',
    });
    expect(of('systems.changed').filter((p) => p.system.id === 'new1')).toHaveLength(1);
    expect((await core.handle('systems.list', {})).find((s) => s.id === 'new1')).toMatchObject({
      owner: 'me',
      state: 'Created',
    });
    expect(hcs.openHandles('new1')).toBe(1);
  });

  it('create with an id in use fails with HCS error', async () => {
    const { core, of } = await started();
    await core.handle('systems.create', { id: 'c1', document: '{}' });
    await settle();
    expect(of('operations.changed').at(-1)?.operation.error).toMatchObject({
      name: 'ERROR_VMCOMPUTE_SYSTEM_ALREADY_EXISTS',
      explanation: 'A compute system with this id already exists. Choose another id.',
    });
  });

  it('properties v1 and v2 by the types asked for; failures reject with the ErrorInfo', async () => {
    const { core, hcs } = await started();
    const v1 = await core.handle('systems.properties', { id: 'c1', version: 'v1', types: ['Statistics'] });
    expect(v1.properties).toMatchObject({ Id: 'c1', Statistics: { fake: 'Statistics' } });
    const v2 = await core.handle('systems.properties', {
      id: 'c1',
      version: 'v2',
      types: ['Memory', 'ProcessList'],
    });
    expect(v2.properties).toEqual({ Memory: { fake: 'Memory' }, ProcessList: { fake: 'ProcessList' } });
    hcs.failNext('propertiesV2', HR.accessDenied);
    const failure = core.handle('systems.properties', { id: 'c1', version: 'v2', types: ['Memory'] });
    await expect(failure).rejects.toBeInstanceOf(AppError);
    await expect(failure).rejects.toMatchObject({ info: { hresult: '0x80070005', name: 'E_ACCESSDENIED' } });
  });

  it('close fails clearly for a system HCS Desktop does not hold', async () => {
    const { core, of } = await started();
    await core.handle('systems.close', { id: 'nope' });
    await settle();
    expect(of('operations.changed').at(-1)?.operation).toMatchObject({
      action: 'close',
      status: 'failed',
      error: { message: 'HCS Desktop has no system nope open.' },
    });
  });

  it('setPollInterval changes the status and tells every client', async () => {
    const { core, of } = await started();
    const status = await core.handle('settings.setPollInterval', { ms: 5000 });
    expect(status).toMatchObject({ pollIntervalMs: 5000, connected: true });
    expect(of('service.changed').at(-1)?.status.pollIntervalMs).toBe(5000);
    expect((await core.handle('service.status', {})).pollIntervalMs).toBe(5000);
  });
});

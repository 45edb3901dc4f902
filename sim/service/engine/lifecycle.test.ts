// Lifecycle: create and its held completion, the asynchronous ops, stop, crash, save.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HR } from '../hresult.ts';
import { Notification } from '../ops.ts';
import type { Engine } from './engine.ts';
import { created, DELAY, fakeEngine, hrOf, session, type TestSession, VM_DOC } from './testing.ts';

let engine: Engine;
let stop: () => Promise<void>;

beforeEach(() => {
  ({ engine, stop } = fakeEngine());
});
afterEach(() => stop());

describe('create and the completion held until a registration exists', () => {
  it('holds CreateCompleted for a handle without a registration and delivers it on the first registration', () => {
    const s = session(1);
    const h = engine.lifecycle.create(s, 'vm-1', VM_DOC);
    expect(h.system).toMatchObject({
      state: 'Created',
      owner: 'tester',
      systemType: 'VirtualMachine',
      runtimeOsType: 'linux',
    });
    expect(h.system.pending?.op).toBe('Create');
    vi.advanceTimersByTime(DELAY);
    expect(s.inbox).toEqual([]);
    const r = engine.handles.register(s, h);
    expect(s.inbox).toEqual([]); // nothing before the response has gone out
    r.after();
    expect(s.inbox).toEqual([
      { registration: r.registration.id, type: Notification.SystemCreateCompleted, status: 0, data: null },
    ]);
  });

  it('refuses a duplicate id (ignoring case), an empty id and a bad document', () => {
    const s = session(1);
    created(engine, s, 'Vm-1');
    expect(hrOf(() => engine.lifecycle.create(s, 'VM-1', VM_DOC))).toBe(HR.SYSTEM_ALREADY_EXISTS);
    expect(hrOf(() => engine.lifecycle.create(s, '', VM_DOC))).toBe(HR.E_INVALIDARG);
    expect(hrOf(() => engine.lifecycle.create(s, 'x', '{"SystemType":'))).toBe(HR.INVALID_JSON);
    expect(engine.systems.find('x')).toBeUndefined();
  });

  it("records the creating client's name as owner when the document names none", () => {
    const s = session(1, 'hcsctl');
    expect(engine.lifecycle.create(s, 'c', '{"SystemType":"Container"}').system.owner).toBe('hcsctl');
  });
});

describe('lifecycle', () => {
  it('completes Start, Pause and Resume on the calling handle only, after the delay', () => {
    const a = session(1);
    const b = session(2);
    const { h, reg } = created(engine, a);
    const hb = engine.handles.openSystem(b, 'vm-1');
    engine.handles.register(b, hb).after();
    a.inbox.length = 0;

    engine.lifecycle.run(h, 'Start', '');
    expect(h.system.state).toBe('Created');
    vi.advanceTimersByTime(DELAY);
    expect(h.system.state).toBe('Running');
    engine.lifecycle.run(h, 'Pause', null);
    vi.advanceTimersByTime(DELAY);
    engine.lifecycle.run(h, 'Resume', '{}');
    vi.advanceTimersByTime(DELAY);
    expect(a.inbox.map((n) => [n.registration, n.type, n.status])).toEqual([
      [reg, Notification.SystemStartCompleted, 0],
      [reg, Notification.SystemPauseCompleted, 0],
      [reg, Notification.SystemResumeCompleted, 0],
    ]);
    expect(b.inbox).toEqual([]);
  });

  it('refuses operations the state does not allow, and one while another is pending', () => {
    const s = session(1);
    const { h } = created(engine, s);
    expect(hrOf(() => engine.lifecycle.run(h, 'Pause', null))).toBe(HR.INVALID_STATE);
    expect(hrOf(() => engine.lifecycle.run(h, 'Shutdown', null))).toBe(HR.INVALID_STATE);
    engine.lifecycle.run(h, 'Start', null);
    expect(hrOf(() => engine.lifecycle.run(h, 'Start', null))).toBe(HR.INVALID_STATE);
    expect(hrOf(() => engine.lifecycle.run(h, 'Start', '{bad'))).toBe(HR.INVALID_JSON);
  });

  it('sends SystemExited to every registration on every handle of every client', () => {
    const a = session(1);
    const b = session(2);
    const { h, reg } = created(engine, a);
    engine.lifecycle.run(h, 'Start', null);
    vi.advanceTimersByTime(DELAY);
    const hb1 = engine.handles.openSystem(b, 'vm-1');
    const hb2 = engine.handles.openSystem(b, 'vm-1');
    const rb1 = engine.handles.register(b, hb1).registration.id;
    const rb2 = engine.handles.register(b, hb2).registration.id;
    const rb3 = engine.handles.register(b, hb2).registration.id;
    a.inbox.length = 0;

    engine.lifecycle.run(hb1, 'Terminate', null);
    vi.advanceTimersByTime(DELAY);
    const exited = (s: TestSession) => s.inbox.filter((n) => n.type === Notification.SystemExited);
    expect(exited(a).map((n) => n.registration)).toEqual([reg]);
    expect(
      exited(b)
        .map((n) => n.registration)
        .sort(),
    ).toEqual([rb1, rb2, rb3].sort());
    expect(JSON.parse(exited(a)[0]!.data!)).toEqual({ Status: 0, ExitType: 'ForcedExit' });
    expect(h.system.state).toBe('Stopped');
    expect(hrOf(() => engine.lifecycle.run(h, 'Terminate', null))).toBe(HR.ALREADY_STOPPED);
    expect(hrOf(() => engine.lifecycle.run(h, 'Start', null))).toBe(HR.INVALID_STATE);
  });

  it('reports a graceful shutdown and lets Terminate preempt a pending Start with TERMINATED', () => {
    const s = session(1);
    const { h, reg } = created(engine, s);
    engine.lifecycle.run(h, 'Start', null);
    engine.lifecycle.run(h, 'Terminate', null);
    expect(s.inbox.at(-1)).toEqual({
      registration: reg,
      type: Notification.SystemStartCompleted,
      status: HR.TERMINATED,
      data: null,
    });
    vi.advanceTimersByTime(DELAY);
    expect(JSON.parse(s.inbox.at(-1)!.data!).ExitType).toBe('ForcedExit');

    const s2 = session(2);
    const v2 = created(engine, s2, 'vm-2');
    engine.lifecycle.run(v2.h, 'Start', null);
    vi.advanceTimersByTime(DELAY);
    engine.lifecycle.run(v2.h, 'Shutdown', null);
    engine.lifecycle.run(v2.h, 'Shutdown', null); // a second shutdown while one is pending is accepted
    vi.advanceTimersByTime(DELAY);
    const exits = s2.inbox.filter((n) => n.type === Notification.SystemExited);
    expect(exits).toHaveLength(1);
    expect(JSON.parse(exits[0]!.data!).ExitType).toBe('GracefulExit');
  });

  it('gives a registration made after the stop the SystemExited it missed', () => {
    const s = session(1);
    const { h } = created(engine, s);
    engine.lifecycle.run(h, 'Terminate', null);
    vi.advanceTimersByTime(DELAY);
    const r = engine.handles.register(s, h);
    r.after();
    expect(s.inbox.at(-1)).toMatchObject({
      registration: r.registration.id,
      type: Notification.SystemExited,
    });
  });

  it('crashes a system: UnexpectedExit with 0xC0370106, and the systems it hosts stop with it', () => {
    const s = session(1);
    const { h, reg } = created(engine, s);
    engine.lifecycle.run(h, 'Start', null);
    vi.advanceTimersByTime(DELAY);
    const hosted = engine.lifecycle.create(
      s,
      'ctr',
      JSON.stringify({
        SchemaVersion: { Major: 2, Minor: 1 },
        HostingSystemId: 'vm-1',
        HostedSystem: { OciBundlePath: '/x' },
      }),
    );
    const hostedReg = engine.handles.register(s, hosted).registration.id;
    engine.lifecycle.crash(h.system);
    const exits = s.inbox.filter((n) => n.type === Notification.SystemExited);
    expect(exits.map((n) => [n.registration, n.status])).toEqual([
      [reg, HR.UNEXPECTED_EXIT],
      [hostedReg, HR.UNEXPECTED_EXIT],
    ]);
    expect(JSON.parse(exits[0]!.data!)).toMatchObject({ ExitType: 'UnexpectedExit' });
    // The hosted system's create was still pending: it completes with the failure.
    expect(s.inbox).toContainEqual({
      registration: hostedReg,
      type: Notification.SystemCreateCompleted,
      status: HR.UNEXPECTED_EXIT,
      data: null,
    });
    expect(() => engine.lifecycle.crash(h.system)).toThrow(/already stopped/);
  });

  it('saves a paused system, as a template when asked', () => {
    const s = session(1);
    const { h, reg } = created(engine, s);
    engine.lifecycle.run(h, 'Start', null);
    vi.advanceTimersByTime(DELAY);
    expect(hrOf(() => engine.lifecycle.run(h, 'Save', null))).toBe(HR.INVALID_STATE);
    engine.lifecycle.run(h, 'Pause', null);
    vi.advanceTimersByTime(DELAY);
    expect(hrOf(() => engine.lifecycle.run(h, 'Save', '{"SaveType":"Sideways"}'))).toBe(HR.E_INVALIDARG);
    expect(
      hrOf(() => engine.lifecycle.run(h, 'Save', '{"SaveType":"ToFile","SaveStateFilePath":"C:\\\\x.vmrs"}')),
    ).toBe(HR.PATH_NOT_FOUND);
    engine.lifecycle.run(h, 'Save', '{"SaveType":"AsTemplate"}');
    vi.advanceTimersByTime(DELAY);
    expect(s.inbox.at(-1)).toEqual({
      registration: reg,
      type: Notification.SystemSaveCompleted,
      status: 0,
      data: null,
    });
    expect(h.system.state).toBe('SavedAsTemplate');
    expect(h.system.saved).toMatchObject({ saveType: 'AsTemplate', path: null });
  });

  it('cleans up a hosted system with its host: its handles can still be queried, everything else is not found', () => {
    const s = session(1);
    const { h } = created(engine, s);
    engine.lifecycle.run(h, 'Start', null);
    vi.advanceTimersByTime(DELAY);
    const hosted = engine.lifecycle.create(
      s,
      'ctr',
      JSON.stringify({
        SchemaVersion: { Major: 2, Minor: 1 },
        HostingSystemId: 'vm-1',
        HostedSystem: { OciBundlePath: '/x' },
      }),
    );
    vi.advanceTimersByTime(DELAY);
    engine.lifecycle.run(h, 'Terminate', null);
    vi.advanceTimersByTime(DELAY);
    expect(engine.systems.find('vm-1')?.state).toBe('Stopped'); // a handle holds the host: it stays
    expect(engine.systems.find('ctr')).toBeUndefined(); // the hosted system is gone, held or not
    expect(hrOf(() => engine.handles.present(s, hosted.id))).toBe(HR.SYSTEM_NOT_FOUND);
    expect(engine.handles.present(s, h.id)).toBe(h);
    expect(JSON.parse(engine.documents.properties(hosted, '{}'))).toMatchObject({
      State: 'Stopped',
      Stopped: true,
    });
    expect(hrOf(() => engine.handles.openSystem(s, 'ctr'))).toBe(HR.SYSTEM_NOT_FOUND);
  });
});

describe('held notifications', () => {
  it('wait while a system is held, then go out in order to the registrations that are still there', async () => {
    await stop();
    let held = true;
    ({ engine, stop } = fakeEngine({ holdNotifications: (id) => held && id === 'vm-1' }));
    const s = session(1);
    const { h, reg } = created(engine, s);
    const other = created(engine, s, 'vm-2');
    expect(s.inbox).toEqual([
      { registration: other.reg, type: Notification.SystemCreateCompleted, status: 0, data: null },
    ]);
    const gone = engine.handles.register(s, h).registration.id;
    engine.lifecycle.run(h, 'Terminate', null);
    vi.advanceTimersByTime(DELAY);
    engine.handles.unregister(s, gone, 'system');
    held = false;
    engine.notifier.flush();
    expect(s.inbox.slice(1).map((n) => [n.registration, n.type])).toEqual([
      [reg, Notification.SystemCreateCompleted],
      [reg, Notification.SystemExited],
    ]);
  });
});

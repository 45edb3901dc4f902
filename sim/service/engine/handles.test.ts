// Handles and registrations: one per open, per client; closing the last one; releasing a client.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HR } from '../hresult.ts';
import type { Engine } from './engine.ts';
import { CONTAINER_DOC, created, DELAY, fakeEngine, hrOf, session } from './testing.ts';

let engine: Engine;
let stop: () => Promise<void>;

beforeEach(() => {
  ({ engine, stop } = fakeEngine());
});
afterEach(() => stop());

describe('handles', () => {
  it('gives every open its own handle and refuses handles of other clients', () => {
    const a = session(1);
    const b = session(2);
    const { h } = created(engine, a);
    const h1 = engine.handles.openSystem(b, 'VM-1');
    const h2 = engine.handles.openSystem(b, 'vm-1');
    expect(new Set([h.id, h1.id, h2.id]).size).toBe(3);
    expect(hrOf(() => engine.handles.system(b, h.id))).toBe(HR.INVALID_HANDLE);
    expect(hrOf(() => engine.handles.openSystem(b, 'nope'))).toBe(HR.SYSTEM_NOT_FOUND);
  });

  it('removes a stopped system when its last handle closes, but not one its owner holds', () => {
    const a = session(1);
    const b = session(2);
    const { h } = created(engine, a);
    const hb = engine.handles.openSystem(b, 'vm-1');
    engine.lifecycle.run(h, 'Terminate', null);
    vi.advanceTimersByTime(DELAY);
    engine.handles.closeSystem(h);
    expect(engine.systems.find('vm-1')).toBeDefined();
    engine.handles.closeSystem(hb);
    expect(engine.systems.find('vm-1')).toBeUndefined();

    engine.seeding.seed({ systems: [{ id: 'seeded', systemType: 'Container', state: 'Stopped' }] });
    const hs = engine.handles.openSystem(a, 'seeded');
    engine.handles.closeSystem(hs);
    expect(engine.systems.find('seeded')?.state).toBe('Stopped');
  });

  it('keeps a running system without handles unless it asked to be terminated on last close', () => {
    const s = session(1);
    const keep = created(engine, s, 'keep', CONTAINER_DOC);
    engine.lifecycle.run(keep.h, 'Start', null);
    vi.advanceTimersByTime(DELAY);
    engine.handles.closeSystem(keep.h);
    expect(engine.systems.find('keep')?.state).toBe('Running');

    const doc = JSON.stringify({ SystemType: 'Container', TerminateOnLastHandleClosed: true });
    const once = created(engine, s, 'once', doc);
    engine.lifecycle.run(once.h, 'Start', null);
    vi.advanceTimersByTime(DELAY);
    engine.handles.closeSystem(once.h);
    expect(engine.systems.find('once')).toBeUndefined();
  });

  it('releases everything a client held when it goes away', () => {
    const s = session(1);
    const { h } = created(engine, s);
    engine.lifecycle.run(h, 'Start', null);
    vi.advanceTimersByTime(DELAY);
    const p = engine.processes.create(h, '{"CommandLine":"sleep 100"}');
    engine.handles.register(s, p.handle);
    engine.handles.dropSession(s);
    expect(s.systemHandles.size + s.processHandles.size + s.registrations.size).toBe(0);
    expect(h.system.handles.size).toBe(0);
    expect(p.process.handles.size).toBe(0);
  });

  it('unregisters only registrations of the right kind', () => {
    const s = session(1);
    const { h, reg } = created(engine, s);
    expect(hrOf(() => engine.handles.unregister(s, reg, 'process'))).toBe(HR.INVALID_HANDLE);
    engine.handles.unregister(s, reg, 'system');
    expect(h.registrations.size).toBe(0);
    expect(hrOf(() => engine.handles.unregister(s, reg, 'system'))).toBe(HR.INVALID_HANDLE);
  });
});

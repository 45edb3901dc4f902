import { describe, expect, it } from 'vitest';
import type { HcsPortSystem, HcsFailure } from './hcs-port.ts';
import { HandlePool } from './handle-pool.ts';
import { NotificationType, type HcsNotification } from '../hcs/index.ts';
import { FakeHcsPort } from './testing/fake-hcs-port.ts';
import { CONTAINER, VM, settle } from './testing/harness.ts';

function poolWithFake(wanted: (id: string) => boolean = () => true) {
  const hcs = new FakeHcsPort([CONTAINER, VM]);
  const heard = {
    notifications: [] as Array<{ id: string; type: number }>,
    exits: [] as Array<{ id: string; handle: HcsPortSystem }>,
    gone: [] as HcsFailure[],
  };
  const pool = new HandlePool(hcs, {
    wanted,
    notification: (id: string, n: HcsNotification) => heard.notifications.push({ id, type: n.type }),
    exited: (id, handle) => heard.exits.push({ id, handle }),
    serviceGone: (failure) => heard.gone.push(failure),
  });
  return { hcs, pool, heard };
}

describe('handle pool', () => {
  it('opens a system once however many ask at the same time', async () => {
    const { hcs, pool } = poolWithFake();
    hcs.hold('open');
    const opens = [pool.open('c1'), pool.open('c1'), pool.open('c1')];
    hcs.release('open');
    const [a, b, c] = await Promise.all(opens);
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(pool.handle('c1')).toBe(a);
    expect(hcs.calls.filter((call) => call === 'open:c1')).toHaveLength(1);
    expect(hcs.openHandles('c1')).toBe(1);
  });

  it('closes a handle nobody wants any more when its open completes', async () => {
    const { hcs, pool } = poolWithFake((id) => id !== 'c1');
    await expect(pool.open('c1')).rejects.toThrow('changed while c1 was being opened');
    await settle();
    expect(pool.handle('c1')).toBeNull();
    expect(hcs.openHandles('c1')).toBe(0);
  });

  it('passes on the notifications of the current handle only', async () => {
    const { hcs, pool, heard } = poolWithFake();
    const first = await pool.open('c1');
    const second = await hcs.open('c1');
    pool.attach('c1', second); // as our own create does: the first handle is replaced and closed
    await settle();
    expect(pool.isCurrent('c1', first)).toBe(false);
    expect(hcs.openHandles('c1')).toBe(1);
    hcs.notify('c1', NotificationType.SystemPauseCompleted);
    await settle();
    expect(heard.notifications).toEqual([{ id: 'c1', type: NotificationType.SystemPauseCompleted }]);
  });

  it('tells when a held system exits, with the handle that saw it', async () => {
    const { hcs, pool, heard } = poolWithFake();
    const handle = await pool.open('vm1');
    hcs.exit('vm1', 'GracefulExit');
    await settle();
    expect(heard.exits).toEqual([{ id: 'vm1', handle }]);
  });

  it('says when a held handle finds the service gone', async () => {
    const { hcs, pool, heard } = poolWithFake();
    await pool.open('c1');
    hcs.disconnect();
    await settle();
    expect(heard.gone).toMatchObject([{ serviceGone: true }]);
  });

  it('after a disconnect holds nothing, refuses older opens, and closes the dead handles once asked', async () => {
    const { hcs, pool, heard } = poolWithFake();
    await pool.open('c1');
    const generation = pool.generation;
    hcs.hold('open');
    const late = pool.open('vm1');
    hcs.disconnect();
    pool.invalidate();
    expect(pool.handle('c1')).toBeNull();
    expect(pool.accepts(generation)).toBe(false);
    hcs.reconnect();
    hcs.release('open');
    await expect(late).rejects.toThrow('changed while vm1 was being opened');
    // The dead handle's failed wait came after the disconnect was known: not reported again.
    expect(heard.gone).toEqual([]);
    expect(hcs.calls).not.toContain('close:c1');
    pool.closeDead();
    await settle();
    expect(hcs.calls).toContain('close:c1');
    await pool.open('c1');
    expect(hcs.openHandles('c1')).toBe(1);
  });

  it('closes every handle on stop and accepts none after', async () => {
    const { hcs, pool } = poolWithFake();
    await pool.open('c1');
    await pool.open('vm1');
    await pool.stop();
    expect(hcs.openHandles('c1')).toBe(0);
    expect(hcs.openHandles('vm1')).toBe(0);
    expect(pool.accepts(pool.generation)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../contract/index.ts';
import { EventHub } from './events.ts';
import { NotificationType } from '../hcs/index.ts';
import { HR } from './testing/fake-hcs-error.ts';
import { CONTAINER, VM, coreWithFake, settle } from './testing/harness.ts';
import { Timeline } from './timeline.ts';

/** The entries as [system, kind, who, what, result], the shape most assertions read best in. */
const rows = (entries: readonly TimelineEntry[]) =>
  entries.map((e) => [e.systemId, e.kind, e.who, e.what, e.result]);

async function started() {
  const h = coreWithFake([CONTAINER, VM]);
  await h.core.start();
  await settle();
  return h;
}

const timeline = async (core: Awaited<ReturnType<typeof started>>['core']) =>
  (await core.handle('timeline.list', {})).entries;

describe('events timeline', () => {
  it('starts empty: the first snapshot is the baseline, not news', async () => {
    const { core, of } = await started();
    expect(await timeline(core)).toEqual([]);
    expect(of('timeline.appended')).toEqual([]);
  });

  it('an operation of ours: asked, its notification and state change as ours, then its outcome', async () => {
    const { core, of } = await started();
    await core.handle('systems.pause', { id: 'c1' });
    await settle();
    const entries = await timeline(core);
    // The fake completes the call before its completion notification arrives (HCS may order them either way).
    expect(rows(entries)).toEqual([
      ['c1', 'operation', 'app', 'Pause', 'pending'],
      ['c1', 'state', 'app', 'Running → Paused', 'info'],
      ['c1', 'operation', 'app', 'Pause', 'ok'],
      ['c1', 'notification', 'app', '0x4', 'ok'],
    ]);
    expect(entries.map((e) => e.seq)).toEqual([0, 1, 2, 3]);
    expect(entries[2]!.detail).toMatch(/^done in \d+ ms$/);
    // Every entry went out once, in order, in batches.
    expect(of('timeline.appended').flatMap((b) => b.entries)).toEqual(entries);
  });

  it('a change no operation of ours explains is another client’s; a new system is listed, a vanished one removed', async () => {
    const { core, hcs } = await started();
    hcs.setState('vm1', 'Running');
    hcs.addSystem({ Id: 'c2', SystemType: 'Container', Owner: 'containerd', State: 'Created' });
    hcs.removeSystem('c1');
    await core.pollNow();
    await settle();
    const entries = await timeline(core);
    expect(rows(entries)).toEqual([
      ['vm1', 'state', 'other', 'Created → Running', 'info'],
      ['c2', 'listed', 'other', 'Listed', 'info'],
      ['c1', 'removed', 'other', 'Removed', 'info'],
    ]);
    expect(entries[1]!.detail).toBe('Container of containerd (windows), Created');
  });

  it('a failed operation carries HCS’s error and its events', async () => {
    const { core, hcs } = await started();
    hcs.failNext('pause', HR.accessDenied, [{ Message: 'the caller may not pause it', EventId: 7 }]);
    await core.handle('systems.pause', { id: 'c1' });
    await settle();
    const failed = (await timeline(core)).find((e) => e.kind === 'operation' && e.result === 'failed')!;
    expect(failed.error?.hresult).toBe('0x80070005');
    expect(failed.error?.events).toEqual([{ Message: 'the caller may not pause it', EventId: 7 }]);
    expect(failed.detail).toMatch(/^failed in \d+ ms: /);
  });

  it('an unexpected exit is an alert from HCS; a terminate of ours is not', async () => {
    const { core, hcs } = await started();
    hcs.exit('c1', 'UnexpectedExit');
    await settle();
    const exit = (await timeline(core)).find((e) => e.kind === 'exit')!;
    expect(exit).toMatchObject({
      systemId: 'c1',
      who: 'hcs',
      what: 'Exited unexpectedly',
      result: 'failed',
      detail: 'exit type UnexpectedExit',
      alert: true,
    });

    hcs.setState('vm1', 'Running');
    await core.pollNow();
    await settle();
    await core.handle('systems.terminate', { id: 'vm1' });
    await settle();
    const ours = (await timeline(core)).filter((e) => e.systemId === 'vm1' && e.kind === 'exit');
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatchObject({ who: 'app', alert: false });
  });

  it('a crash notification is an alert; a failed notification names its HRESULT', () => {
    const events = new EventHub();
    const log = new Timeline(events, () => 5);
    events.emit('systems.snapshot', { systems: [] });
    events.emit('systems.notification', { id: 'x', type: 0x06, typeName: 'SystemCrashReport', status: 0 });
    events.emit('systems.notification', {
      id: 'x',
      type: NotificationType.SystemShutdownFailed,
      typeName: 'SystemShutdownFailed',
      status: 0x80070005,
    });
    const [crash, failed] = log.list();
    expect(crash).toMatchObject({ alert: true, who: 'hcs', at: 5 });
    expect(failed).toMatchObject({ result: 'failed', detail: 'status 0x80070005 E_ACCESSDENIED' });
  });

  it('keeps only the newest entries, numbered on', () => {
    const events = new EventHub();
    const log = new Timeline(events, Date.now, 3);
    for (let i = 0; i < 5; i++)
      events.emit('systems.notification', { id: `s${i}`, type: 1, typeName: 'SystemExited', status: 0 });
    expect(log.list().map((e) => [e.seq, e.systemId])).toEqual([
      [2, 's2'],
      [3, 's3'],
      [4, 's4'],
    ]);
    expect(log.capacity).toBe(3);
  });
});

describe('create documents', () => {
  it('keeps the document of a system this app created, until HCS no longer lists it', async () => {
    const { core, hcs } = await started();
    const document = '{"SchemaVersion":{"Major":2,"Minor":1},"VirtualMachine":{}}';
    expect(await core.handle('systems.createDocument', { id: 'c1' })).toEqual({
      document: null,
      createdAt: null,
    });
    await core.handle('systems.create', { id: 'new1', document });
    await settle();
    const held = await core.handle('systems.createDocument', { id: 'new1' });
    expect(held.document).toBe(document);
    expect(typeof held.createdAt).toBe('number');
    hcs.removeSystem('new1');
    await core.pollNow();
    await settle();
    expect((await core.handle('systems.createDocument', { id: 'new1' })).document).toBeNull();
  });

  it('keeps nothing of a create that failed', async () => {
    const { core, hcs } = await started();
    hcs.failNext('create', HR.accessDenied);
    await core.handle('systems.create', { id: 'new2', document: '{}' });
    await settle();
    expect((await core.handle('systems.createDocument', { id: 'new2' })).document).toBeNull();
  });
});

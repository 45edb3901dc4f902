// Exec sessions over their lifetime, at the app core on the simulator: a system stopping under a session, the
// service going away, a reload (detach, attach again, replay), several sessions at once, processes by pid,
// failed starts and forgetting.
import { beforeEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/app/core.ts';
import type { EventRecorder } from '../../src/app/testing/event-recorder.ts';
import type { StartedSim } from '../helpers/sim.ts';
import {
  RUNNING_CONTAINER,
  connectClient,
  useCoreOnSimulator,
  sessionIn,
  startSession,
} from './exec-support.ts';

const env = useCoreOnSimulator();
let sim: StartedSim;
let core: AppCore;
let rec: EventRecorder;
beforeEach(() => ({ sim, core, rec } = env));

describe('when the system or the service goes away', () => {
  it('a system terminated under a running session orphans it with a message; its output stays replayable', async () => {
    const client = connectClient(core);
    const session = await startSession(core, { commandLine: 'echo started; sleep 100' });
    await client.connection.handle('exec.attach', { sessionId: session.sessionId });
    await client.output.untilText(session.sessionId, 'started');
    await core.handle('systems.terminate', { id: RUNNING_CONTAINER });
    const orphaned = await sessionIn(rec, session.sessionId, 'orphaned');
    expect(orphaned.error?.message).toMatch(/test-container-running stopped \(ForcedExit\)/);
    expect(orphaned.stdio.stdin).toBe(false);
    await expect(core.handle('exec.kill', { sessionId: session.sessionId })).rejects.toMatchObject({
      info: { message: expect.stringContaining('orphaned') },
    });

    const later = connectClient(core);
    const { session: attached, replay } = await later.connection.handle('exec.attach', {
      sessionId: session.sessionId,
    });
    expect(attached.state).toBe('orphaned');
    expect(replay).toEqual({ start: 0, end: 'started\n'.length });
    expect(later.output.text(session.sessionId)).toBe('started\n');
    expect(later.output.stats(session.sessionId).replayFrames).toBeGreaterThan(0);
  });

  it('the service going away orphans running sessions', async () => {
    const client = connectClient(core);
    const session = await startSession(core, { commandLine: 'echo up; sleep 100' });
    await client.connection.handle('exec.attach', { sessionId: session.sessionId });
    await client.output.untilText(session.sessionId, 'up');
    await sim.control.disconnect(300);
    const orphaned = await sessionIn(rec, session.sessionId, 'orphaned');
    expect(orphaned.error?.message).toMatch(/connection to HCS was lost|lost track/);
    // The service came back: the session stays orphaned and readable, and can be forgotten.
    await rec.next('service.changed', (p) => p.status.connected, rec.mark());
    expect((await core.handle('exec.list', {})).find((s) => s.sessionId === session.sessionId)?.state).toBe(
      'orphaned',
    );
    await core.handle('exec.forget', { sessionId: session.sessionId });
  });
});

describe('reload and several sessions', () => {
  it('a page reload: the old connection goes, a new one lists and attaches, the replay then live output follow', async () => {
    const first = connectClient(core);
    const session = await startSession(core, { commandLine: 'cat' });
    await first.connection.handle('exec.attach', { sessionId: session.sessionId });
    await core.handle('exec.input', { sessionId: session.sessionId, data: 'before reload\n' });
    await first.output.untilText(session.sessionId, 'before reload\n');
    first.connection.close();

    await core.handle('exec.input', { sessionId: session.sessionId, data: 'while away\n' });
    const second = connectClient(core);
    const listed = await core.handle('exec.list', {});
    expect(listed.map((s) => s.sessionId)).toContain(session.sessionId);
    // What cat echoed while no one was attached comes in the replay or live, in order either way.
    await second.connection.handle('exec.attach', { sessionId: session.sessionId });
    await core.handle('exec.input', { sessionId: session.sessionId, data: 'after reload\n' });
    await second.output.untilText(session.sessionId, 'after reload\n');
    expect(second.output.text(session.sessionId)).toBe('before reload\nwhile away\nafter reload\n');
    expect(second.output.stats(session.sessionId).gaps).toBe(0);
    // The old connection received nothing after it closed.
    expect(first.output.text(session.sessionId)).toBe('before reload\n');

    // Detach: no more frames to this client.
    await second.connection.handle('exec.detach', { sessionId: session.sessionId });
    const framesBefore = second.frames;
    await core.handle('exec.input', { sessionId: session.sessionId, data: 'unseen\n' });
    await core.handle('exec.closeStdin', { sessionId: session.sessionId });
    await sessionIn(rec, session.sessionId, 'exited');
    expect(second.frames).toBe(framesBefore);
  });

  it('two sessions at once keep their own input, output and exit', async () => {
    const client = connectClient(core);
    const a = await startSession(core, { commandLine: 'cat; exit 1' });
    const b = await startSession(core, { commandLine: 'cat; exit 2', tty: true });
    await client.connection.handle('exec.attach', { sessionId: a.sessionId });
    await client.connection.handle('exec.attach', { sessionId: b.sessionId });
    await core.handle('exec.input', { sessionId: a.sessionId, data: 'for a\n' });
    await core.handle('exec.input', { sessionId: b.sessionId, data: 'for b\r' });
    await client.output.untilText(a.sessionId, 'for a\n');
    await client.output.untilText(b.sessionId, 'for b');
    await core.handle('exec.closeStdin', { sessionId: a.sessionId });
    await core.handle('exec.input', { sessionId: b.sessionId, data: '\u0004' }); // ^D: EOF on a console
    expect((await sessionIn(rec, a.sessionId, 'exited')).exitCode).toBe(1);
    expect((await sessionIn(rec, b.sessionId, 'exited')).exitCode).toBe(2);
    expect(client.output.text(a.sessionId)).toBe('for a\n');
    expect(client.output.text(b.sessionId)).not.toContain('for a');
  });
});

describe('processes by pid', () => {
  it('lists V1 and V2 process lists, attaches to a pid (no stdio) and kills it', async () => {
    const session = await startSession(core, { commandLine: 'exec sleep 100' });
    const pid = session.pid!;
    const lists = await core.handle('systems.processes', { id: RUNNING_CONTAINER });
    expect(lists.errors).toEqual({ v1: null, v2: null });
    expect(lists.v1?.map((p) => p.ProcessId)).toContain(pid);
    expect(JSON.stringify(lists.v2)).toContain(String(pid));

    const { session: watcher } = await core.handle('processes.attach', { id: RUNNING_CONTAINER, pid });
    expect(watcher).toMatchObject({
      attachedOnly: true,
      pid,
      state: 'running',
      stdio: { stdin: false, stdout: false, stderr: false },
    });
    expect(watcher.commandLine).not.toBe('');
    expect(await core.handle('processes.kill', { id: RUNNING_CONTAINER, pid })).toEqual({ delivered: true });
    const [own, seen] = await Promise.all([
      sessionIn(rec, session.sessionId, 'exited'),
      sessionIn(rec, watcher.sessionId, 'exited'),
    ]);
    expect(own.exitCode).toBe(seen.exitCode);
    await expect(
      core.handle('processes.attach', { id: RUNNING_CONTAINER, pid: 999_999 }),
    ).rejects.toMatchObject({
      info: { hresult: expect.any(String) },
    });
  });
});

describe('failures and forgetting', () => {
  it('a start HCS refuses is a failed session with HCS’s error; ended sessions can be forgotten, running ones not', async () => {
    const { session: failed } = await core.handle('exec.start', {
      id: RUNNING_CONTAINER,
      commandLine: 'echo never',
      cwd: '/no/such/directory',
      tty: false,
      cols: 80,
      rows: 25,
    });
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatchObject({ hresult: '0x8007010B', name: 'ERROR_DIRECTORY' });

    const { session: stopped } = await core.handle('exec.start', {
      id: 'test-container-created',
      commandLine: 'echo never',
      tty: false,
      cols: 80,
      rows: 25,
    });
    expect(stopped.state).toBe('failed');
    expect(stopped.error?.hresult).toBeDefined();

    const running = await startSession(core, { commandLine: 'sleep 100' });
    await expect(core.handle('exec.forget', { sessionId: running.sessionId })).rejects.toMatchObject({
      info: { message: expect.stringContaining('still running') },
    });
    expect(await core.handle('exec.kill', { sessionId: running.sessionId })).toEqual({ delivered: true });
    await sessionIn(rec, running.sessionId, 'exited');

    const mark = rec.mark();
    await core.handle('exec.forget', { sessionId: failed.sessionId });
    await core.handle('exec.forget', { sessionId: running.sessionId });
    expect(rec.of('exec.removed', mark)).toEqual([
      { sessionId: failed.sessionId },
      { sessionId: running.sessionId },
    ]);
    expect((await core.handle('exec.list', {})).map((s) => s.sessionId)).toEqual([stopped.sessionId]);
    await expect(core.handle('exec.attach', { sessionId: stopped.sessionId })).rejects.toMatchObject({
      info: { message: expect.stringContaining('needs a connection') },
    });
  });
});

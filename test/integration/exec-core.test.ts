// Exec sessions at the app core, through the real path: koffi → libvmcompute_sim → simulator → src/hcs
// Process streams → ExecManager → a core connection drawing the byte stream.
import { beforeEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/app/core.ts';
import type { EventRecorder } from '../../src/app/testing/event-recorder.ts';
import type { StartedSim } from '../helpers/sim.ts';
import {
  RUNNING_CONTAINER,
  RUNNING_LINUX_VM,
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

describe('exec sessions on the simulator', () => {
  it('echo: output, exit code 0 and run time; stdout and stderr kept apart', async () => {
    const client = connectClient(core);
    const session = await startSession(core, { commandLine: 'echo out-1; echo err-1 >&2; echo out-2' });
    expect(session).toMatchObject({
      systemId: RUNNING_CONTAINER,
      tty: false,
      size: null,
      attachedOnly: false,
      stdio: { stdin: true, stdout: true, stderr: true },
      error: null,
    });
    expect(session.pid).toBeGreaterThan(0);
    const { replay } = await client.connection.handle('exec.attach', { sessionId: session.sessionId });
    expect(replay.start).toBe(0);
    const exited = await sessionIn(rec, session.sessionId, 'exited');
    expect(exited.exitCode).toBe(0);
    expect(exited.exitedAt! - exited.startedAt).toBeGreaterThanOrEqual(0);
    expect(exited.stdio.stdin).toBe(false);
    // The exit is reported once the output ended: everything is here already.
    expect(client.output.text(session.sessionId, 'stdout')).toBe('out-1\nout-2\n');
    expect(client.output.text(session.sessionId, 'stderr')).toBe('err-1\n');
  });

  it('the user asked for reaches HCS as ProcessParameters.User: the simulator records it and the process sees it', async () => {
    const client = connectClient(core);
    const session = await startSession(core, {
      commandLine: 'echo "user=$USER"; exec sleep 100',
      user: 'alice',
    });
    await client.connection.handle('exec.attach', { sessionId: session.sessionId });
    await client.output.untilText(session.sessionId, 'user=alice\n');
    const system = (await sim.control.systems()).find((s) => s.id === RUNNING_CONTAINER);
    expect(system?.processes.find((p) => p.pid === session.pid)?.user).toBe('alice');
    await core.handle('exec.kill', { sessionId: session.sessionId });
    await sessionIn(rec, session.sessionId, 'exited');
  });

  it('stdin: input reaches cat and closeStdin (EOF) ends it; exit codes are the process’s', async () => {
    const client = connectClient(core);
    const session = await startSession(core, { commandLine: 'cat; exit 7' });
    await client.connection.handle('exec.attach', { sessionId: session.sessionId });
    await core.handle('exec.input', { sessionId: session.sessionId, data: 'héllo wörld\n' });
    await client.output.untilText(session.sessionId, 'héllo wörld\n');
    await core.handle('exec.closeStdin', { sessionId: session.sessionId });
    const exited = await sessionIn(rec, session.sessionId, 'exited');
    expect(exited.exitCode).toBe(7);
    await expect(
      core.handle('exec.input', { sessionId: session.sessionId, data: 'late' }),
    ).rejects.toMatchObject({
      info: { message: expect.stringContaining('no open input') },
    });
  });

  it('a tty: the size is the process’s, a resize is seen, and Ctrl+C (signal and ^C typed) stops sleep', async () => {
    const client = connectClient(core);
    // `exec sleep`: Ctrl+C that lands while dash is vfork()ing a child can be lost (both have every signal
    // blocked then); with exec the shell becomes the sleep and there is no such window.
    const session = await startSession(core, {
      commandLine: 'stty size; read x; stty size; exec sleep 100',
      tty: true,
      cols: 100,
      rows: 30,
    });
    expect(session).toMatchObject({ tty: true, size: { cols: 100, rows: 30 } });
    expect(session.stdio).toEqual({ stdin: true, stdout: true, stderr: false });
    await client.connection.handle('exec.attach', { sessionId: session.sessionId });
    await client.output.untilText(session.sessionId, '30 100');
    await core.handle('exec.resize', { sessionId: session.sessionId, cols: 132, rows: 43 });
    await expect(core.handle('exec.list', {})).resolves.toContainEqual(
      expect.objectContaining({ sessionId: session.sessionId, size: { cols: 132, rows: 43 } }),
    );
    await core.handle('exec.input', { sessionId: session.sessionId, data: 'go\r' });
    await client.output.untilText(session.sessionId, '43 132');
    expect(await core.handle('exec.signal', { sessionId: session.sessionId, signal: 'CtrlC' })).toEqual({
      delivered: true,
    });
    const exited = await sessionIn(rec, session.sessionId, 'exited');
    expect(exited.exitCode).not.toBe(0);

    // ^C typed into the console: the pty's line discipline sends SIGINT to the foreground job.
    const typed = await startSession(core, { commandLine: 'echo ready; exec sleep 100', tty: true });
    await client.connection.handle('exec.attach', { sessionId: typed.sessionId });
    await client.output.untilText(typed.sessionId, 'ready');
    await core.handle('exec.input', { sessionId: typed.sessionId, data: '\u0003' });
    expect((await sessionIn(rec, typed.sessionId, 'exited')).exitCode).not.toBe(0);
  });

  it('a Linux system gets the signal as its number (LCOW)', async () => {
    const client = connectClient(core);
    const session = await startSession(core, {
      id: RUNNING_LINUX_VM,
      commandLine: "trap 'echo got-int; exit 9' INT; echo ready; while :; do sleep 0.02; done",
    });
    await client.connection.handle('exec.attach', { sessionId: session.sessionId });
    await client.output.untilText(session.sessionId, 'ready');
    await core.handle('exec.signal', { sessionId: session.sessionId, signal: 'CtrlC' });
    expect((await sessionIn(rec, session.sessionId, 'exited')).exitCode).toBe(9);
    expect(client.output.text(session.sessionId)).toContain('got-int');
    const calls = await sim.control.calls();
    const signals = calls.filter((c) => c.op === 'SignalProcess').map((c) => c.args.options);
    expect(signals).toContain('{"Signal":2}');
  });
});

describe('bytes, not lines', () => {
  it('all 256 byte values arrive unchanged', async () => {
    const client = connectClient(core);
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const octal = [...all].map((b) => `\\${b.toString(8).padStart(3, '0')}`).join('');
    const session = await startSession(core, { commandLine: `printf '${octal}'` });
    await client.connection.handle('exec.attach', { sessionId: session.sessionId });
    await sessionIn(rec, session.sessionId, 'exited');
    expect(client.output.bytes(session.sessionId).equals(all)).toBe(true);
  });

  it('a UTF-8 character split across two writes arrives as its exact bytes, in two frames', async () => {
    const client = connectClient(core);
    // € is E2 82 AC: the first two bytes; the process then waits for a line of input, so the last byte is
    // written only once the first two have arrived (a pause would leave that to the machine's load).
    const session = await startSession(core, {
      commandLine: "printf '\\342\\202'; read go; printf '\\254\\n'",
    });
    await client.connection.handle('exec.attach', { sessionId: session.sessionId });
    await client.output.untilSize(session.sessionId, 2);
    expect(client.output.bytes(session.sessionId)).toEqual(Buffer.from([0xe2, 0x82]));
    await core.handle('exec.input', { sessionId: session.sessionId, data: 'go\n' });
    await sessionIn(rec, session.sessionId, 'exited');
    expect(client.output.bytes(session.sessionId)).toEqual(Buffer.from('€\n', 'utf8'));
    const { replayFrames, liveFrames } = client.output.stats(session.sessionId);
    expect(replayFrames + liveFrames).toBeGreaterThanOrEqual(2);
  });
});

// Processes in simulated systems are real host processes: exit codes, ProcessExited, ProcessList with real pids,
// signals, consoles, working directories, and the stdio descriptors, which travel to the client by SCM_RIGHTS
// (checked through the real client library, libvmcompute_sim.so, since Node's own sockets drop descriptors).
import { Socket } from 'node:net';
import koffi from 'koffi';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { nativeLibraries } from '../../scripts/build-native.mjs';
import { WireClient } from '../../sim/control/wire-client.ts';
import { HR } from '../../sim/service/hresult.ts';
import { Notification } from '../../sim/service/ops.ts';
import { startSim, type StartedSim } from '../helpers/sim.ts';

let sim: StartedSim;
let w: WireClient;

beforeAll(async () => {
  sim = await startSim({ fixture: 'test' });
});

afterAll(async () => {
  await sim.stop();
});

afterEach(async () => {
  await w?.close();
  await sim.control.reset();
});

async function running(id = 'test-container-running') {
  w = await WireClient.connect(sim.socketPath, 'processes-test');
  const handle = (await w.op('OpenComputeSystem', id)).out.handle as number;
  return handle;
}

/** Starts a process, registers for its exit, and returns its pid and handles. */
async function start(handle: number, params: object) {
  const r = await w.op('CreateProcess', handle, JSON.stringify(params));
  expect(r.hr, JSON.stringify(r.result)).toBe(0);
  const process = r.out.process as number;
  const registration = (await w.op('RegisterProcessCallback', process)).out.registration as number;
  const exit = () =>
    w.waitFor((n) => n.registration === registration && n.type === Notification.ProcessExited);
  return { pid: r.out.pid as number, process, registration, exit, out: r.out };
}

describe('processes over the wire', () => {
  it('reports the exit code through ProcessExited and GetProcessProperties', async () => {
    const h = await running();
    const p = await start(h, { CommandLine: 'exit 7' });
    const n = await p.exit();
    expect(n.status).toBe(0);
    expect(JSON.parse(n.data!)).toEqual({ ProcessId: p.pid, Exited: true, ExitCode: 7, LastWaitResult: 0 });
    const props = await w.op('GetProcessProperties', p.process);
    expect(JSON.parse(props.out.processProperties as string)).toEqual({
      ProcessId: p.pid,
      Exited: true,
      ExitCode: 7,
      LastWaitResult: 0,
    });
    // Gone processes cannot be signalled, killed or opened.
    expect((await w.op('TerminateProcess', p.process)).hr).toBe(HR.NOT_FOUND);
    expect((await w.op('SignalProcess', p.process, '{"Signal":"CtrlC"}')).hr).toBe(HR.NOT_FOUND);
    expect((await w.op('OpenProcess', h, p.pid)).hr).toBe(HR.NOT_FOUND);
  });

  it('lists running processes with their real pid and image name, and opens them by pid', async () => {
    const h = await running();
    const p = await start(h, { CommandLine: 'exec sleep 30' });
    const list = async () =>
      JSON.parse(
        (await w.op('GetComputeSystemProperties', h, '{"PropertyTypes":["ProcessList"]}')).out
          .properties as string,
      ).ProcessList as Array<{ ProcessId: number; ImageName: string }>;
    // The image is what the kernel reports now: sh until it has exec'd sleep.
    let items = await list();
    while (items[0]?.ImageName === 'sh') items = await list();
    expect(items).toEqual([
      expect.objectContaining({ ProcessId: p.pid, ImageName: 'sleep', CreateTimestamp: expect.any(String) }),
    ]);
    const opened = await w.op('OpenProcess', h, p.pid);
    expect(opened.hr).toBe(0);
    const info = await w.op('GetProcessInfo', opened.out.process as number);
    expect(info.out).toMatchObject({
      pid: p.pid,
      stdin: { fdSlot: -1 },
      stdout: { fdSlot: -1 },
      stderr: { fdSlot: -1 },
    });
    // A process of another system is not found through this one.
    const other = (await w.op('OpenComputeSystem', 'test-vm-running')).out.handle as number;
    expect((await w.op('OpenProcess', other, p.pid)).hr).toBe(HR.NOT_FOUND);
    expect((await w.op('TerminateProcess', p.process)).hr).toBe(0);
    // Killed in a Windows container: ERROR_PROCESS_ABORTED, as hcsshim's lifecycle tests expect.
    expect(JSON.parse((await p.exit()).data!).ExitCode).toBe(1067);
  });

  it('delivers CtrlC as SIGINT to the process group', async () => {
    const h = await running();
    const p = await start(h, { CommandLine: 'exec sleep 30' });
    expect((await w.op('SignalProcess', p.process, '{"Signal":"CtrlC"}')).hr).toBe(0);
    expect(JSON.parse((await p.exit()).data!).ExitCode).toBe(130);
  });

  it('refuses a working directory that does not exist and a bad signal', async () => {
    const h = await running();
    const r = await w.op(
      'CreateProcess',
      h,
      '{"CommandLine":"true","WorkingDirectory":"C:\\\\no\\\\such\\\\dir"}',
    );
    expect(r.hr).toBe(HR.DIRECTORY);
    expect(r.out).toMatchObject({ pid: 0, process: 0, stdin: { fdSlot: -1 } });
    const p = await start(h, { CommandLine: 'exec sleep 30' });
    expect((await w.op('SignalProcess', p.process, '{"Signal":"Sideways"}')).hr).toBe(HR.E_INVALIDARG);
  });

  it('gives an emulated console a pty that can be resized, and acknowledges CloseHandle', async () => {
    const h = await running();
    const p = await start(h, {
      CommandLine: 'exec sleep 30',
      EmulateConsole: true,
      CreateStdInPipe: true,
      CreateStdOutPipe: true,
      ConsoleSize: [30, 100],
    });
    expect(p.out).toMatchObject({ stdin: { fdSlot: 0 }, stdout: { fdSlot: 1 }, stderr: { fdSlot: -1 } });
    const resize = await w.op(
      'ModifyProcess',
      p.process,
      '{"Operation":"ConsoleSize","ConsoleSize":{"Height":50,"Width":132}}',
    );
    expect(resize.hr).toBe(0);
    expect(
      (await w.op('ModifyProcess', p.process, '{"Operation":"CloseHandle","CloseHandle":{"Handle":"StdIn"}}'))
        .hr,
    ).toBe(0);
    const plain = await start(h, { CommandLine: 'exec sleep 30' });
    expect(
      (
        await w.op(
          'ModifyProcess',
          plain.process,
          '{"Operation":"ConsoleSize","ConsoleSize":{"Height":5,"Width":5}}',
        )
      ).hr,
    ).toBe(HR.E_INVALIDARG);
  });

  it('kills the processes of a system that is terminated or crashes', async () => {
    const h = await running();
    const a = await start(h, { CommandLine: 'exec sleep 30' });
    await w.op('TerminateComputeSystem', h, '');
    expect(JSON.parse((await a.exit()).data!).ExitCode).toBe(1067); // a Windows container

    const vm = (await w.op('OpenComputeSystem', 'test-vm-running')).out.handle as number;
    const b = await start(vm, { CommandLine: 'exec sleep 30' });
    await sim.control.crash('test-vm-running');
    expect(JSON.parse((await b.exit()).data!).ExitCode).toBe(137); // a Linux VM
  });
});

describe('stdio descriptors through the client library', () => {
  // Anonymous koffi types: nothing here claims a process-global type name.
  const ProcessInformation = koffi.struct({
    ProcessId: 'uint32_t',
    Reserved: 'uint32_t',
    StdInput: 'void *',
    StdOutput: 'void *',
    StdError: 'void *',
  });
  type AsyncFn = { async: (...args: unknown[]) => void };
  const lib = koffi.load(nativeLibraries.vmcompute);
  const outPtr = koffi.out(koffi.pointer('void *'));
  const fn = (name: string, ret: string, params: unknown[]) =>
    lib.func(name, ret, params as never) as unknown as AsyncFn;
  const api = {
    open: fn('HcsOpenComputeSystem', 'int32_t', ['const char16_t *', outPtr, outPtr]),
    create: fn('HcsCreateProcess', 'int32_t', [
      'void *',
      'const char16_t *',
      koffi.out(koffi.pointer(ProcessInformation)),
      outPtr,
      outPtr,
    ]),
    closeProcess: fn('HcsCloseProcess', 'int32_t', ['void *']),
    closeSystem: fn('HcsCloseComputeSystem', 'int32_t', ['void *']),
  };
  const call = (f: AsyncFn, ...args: unknown[]) =>
    new Promise<number>((resolve, reject) =>
      f.async(...args, (err: unknown, r: number) => (err ? reject(err) : resolve(r))),
    );

  function readAll(fd: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const s = new Socket({ fd, readable: true, writable: false });
      let text = '';
      s.on('data', (c: Buffer) => (text += c.toString('utf8')));
      s.on('end', () => resolve(text));
      s.on('error', reject);
    });
  }

  it('hands the client the pipes of the process it created', async () => {
    const sys: [bigint | null] = [null];
    expect(await call(api.open, 'test-container-running', sys, [null])).toBe(0);
    const info: Record<string, unknown> = {};
    const proc: [bigint | null] = [null];
    const params = JSON.stringify({
      CommandLine: 'echo out; echo err >&2; exit 3',
      CreateStdOutPipe: true,
      CreateStdErrPipe: true,
    });
    expect(await call(api.create, sys[0], params, info, proc, [null])).toBe(0);
    expect(info.StdInput).toBeNull();
    const [out, err] = await Promise.all([readAll(Number(info.StdOutput)), readAll(Number(info.StdError))]);
    expect(out).toBe('out\n');
    expect(err).toBe('err\n');
    expect(await call(api.closeProcess, proc[0])).toBe(0);
    expect(await call(api.closeSystem, sys[0])).toBe(0);
  });
});

// HcsGetProcessInfo through the real path (the koffi binding of src/hcs → libvmcompute_sim.so → service): the
// stdio handles come again, as hcsshim's StdioLegacy and hcsv2's createProcess fallback expect, each a working
// stream of the same process; a stream closed with CloseHandle or never created comes back absent, and an exited
// process has none (HCS_E_PROCESS_ALREADY_STOPPED).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../../src/hcs/backend.ts';
import { openStdio } from '../../src/hcs/stdio.ts';
import { isPresentHandle } from '../../src/hcs/ffi/pointers.ts';
import type { HcsHandle, ProcessInformation, Vmcompute } from '../../src/hcs/index.ts';
import { startSim, type StartedSim } from '../helpers/sim.ts';
import { expectNothingHeld, readAll } from './hcs-support.ts';

let sim: StartedSim;
let vm: Vmcompute;
let system: HcsHandle;
const opened: HcsHandle[] = [];
const spare: ProcessInformation[] = [];

beforeAll(async () => {
  sim = await startSim({ fixture: 'test', completionDelayMs: 5 });
  vm = (await backend()).vm;
  const open = await vm.openComputeSystem('test-vm-running');
  if (open.err || open.handle === null) throw open.err ?? new Error('no handle');
  system = open.handle;
});
afterEach(async () => {
  // Streams not read by a test are closed through their wrappers, which own the descriptors.
  for (const info of spare.splice(0)) {
    const s = await openStdio(info);
    for (const stream of [s.stdin, s.stdout, s.stderr]) stream?.destroy();
  }
  for (const h of opened.splice(0)) await vm.closeProcess(h);
});
afterAll(async () => {
  if (system !== undefined) {
    await vm.closeComputeSystem(system);
    await expectNothingHeld(sim.control);
  }
  await sim?.stop();
});

async function create(parameters: object): Promise<{ process: HcsHandle; info: ProcessInformation }> {
  const r = await vm.createProcess(system, JSON.stringify(parameters));
  if (r.err || r.process === null || r.info === null) throw r.err ?? new Error('no process');
  opened.push(r.process);
  return { process: r.process, info: r.info };
}

const present = (info: ProcessInformation) =>
  [info.stdInput, info.stdOutput, info.stdError].map((h) => isPresentHandle(h));

describe('HcsGetProcessInfo', () => {
  it('hands out working stdin, stdout and stderr again, of the same process', async () => {
    const { process, info: first } = await create({
      CommandLine: 'read line; echo "out:$line"; echo "err:$line" >&2',
      CreateStdInPipe: true,
      CreateStdOutPipe: true,
      CreateStdErrPipe: true,
    });
    const again = await vm.getProcessInfo(process);
    expect(again.err).toBeNull();
    expect(again.info!.processId).toBe(first.processId);
    expect(present(again.info!)).toEqual([true, true, true]);
    spare.push(first); // the first handles are not used: the second ones must work on their own
    const s = await openStdio(again.info!);
    const out = readAll(s.stdout);
    const err = readAll(s.stderr);
    s.stdin!.end('through-the-second-handles\n');
    expect(await out).toBe('out:through-the-second-handles\n');
    expect(await err).toBe('err:through-the-second-handles\n');
  });

  it('leaves out a stream never created or closed with CloseHandle, and has none once the process exited', async () => {
    const { process, info } = await create({
      CommandLine: 'cat',
      CreateStdInPipe: true,
      CreateStdOutPipe: true,
    });
    const closed = await vm.modifyProcess(
      process,
      '{"Operation":"CloseHandle","CloseHandle":{"Handle":"StdIn"}}',
    );
    expect(closed.err).toBeNull();
    const again = await vm.getProcessInfo(process);
    expect(present(again.info!)).toEqual([false, true, false]);
    spare.push(again.info!);
    // Closing the first stdin ends cat: the service kept no copy that would hold the stream open.
    const s = await openStdio(info);
    const out = readAll(s.stdout);
    s.stdin!.end('last words\n');
    expect(await out).toBe('last words\n');
    // Once the service has seen the exit, there is nothing to hand out.
    const exited = async () =>
      (await sim.control.systems())
        .find((x) => x.id === 'test-vm-running')
        ?.processes.find((p) => p.pid === info.processId)?.exited === true;
    while (!(await exited())) await new Promise((resolve) => setTimeout(resolve, 5));
    const gone = await vm.getProcessInfo(process);
    expect(gone.hr! >>> 0).toBe(0x8037011f);
    expect(gone.info).toBeNull();
  });
});

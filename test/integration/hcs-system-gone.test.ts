// A system HCS has cleaned up while a client still holds a handle, through the real path (System → koffi binding
// → libvmcompute_sim.so → service): a container hosted by a utility VM goes with the VM, and the handle's
// Shutdown and Terminate are answered 0xC037010E, which System.shutdown()/terminate() take as done (hcsshim's
// system.go swallows ErrComputeSystemDoesNotExist). The exit notification is held back by a fault so that the
// calls reach HCS before the client has seen the exit, as happens when the notification is late.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrVmcomputeUnexpectedExit, System, errorIs, isNotExist } from '../../src/hcs/index.ts';
import { startSim, type StartedSim } from '../helpers/sim.ts';
import { expectNothingHeld, inApiFormHex, uniqueId } from './hcs-support.ts';

let sim: StartedSim;

beforeAll(async () => {
  sim = await startSim({ fixture: 'none', completionDelayMs: 5 });
});
afterAll(async () => {
  await sim?.stop();
});

/** hcsshim's LCOW utility VM (internal/uvm/create_lcow.go shape) and a container it hosts (hcsdoc_lcow.go). */
const lcowUvmDoc = {
  Owner: 'containerd-shim-runhcs-v1.exe',
  SchemaVersion: { Major: 2, Minor: 1 },
  ShouldTerminateOnLastHandleClosed: true,
  VirtualMachine: {
    StopOnReset: true,
    Chipset: {
      LinuxKernelDirect: {
        KernelFilePath: 'C:\\Program Files\\Linux Containers\\kernel',
        InitRdPath: 'C:\\Program Files\\Linux Containers\\initrd.img',
        KernelCmdLine: 'initrd=/initrd.img 8250_core.nr_uarts=0 panic=-1 quiet pci=off',
      },
    },
    ComputeTopology: { Memory: { SizeInMB: 1024, AllowOvercommit: true }, Processor: { Count: 2 } },
    Devices: {
      Plan9: {},
      HvSocket: { HvSocketConfig: { DefaultBindSecurityDescriptor: 'D:P(A;;FA;;;SY)(A;;FA;;;BA)' } },
    },
  },
};
function hostedDoc(uvmId: string, id: string) {
  return {
    Owner: 'containerd-shim-runhcs-v1.exe',
    SchemaVersion: { Major: 2, Minor: 1 },
    HostingSystemId: uvmId,
    HostedSystem: {
      SchemaVersion: { Major: 2, Minor: 1 },
      OciBundlePath: `/run/gcs/c/${id}`,
      OciSpecification: {
        ociVersion: '1.1.0',
        process: { args: ['/bin/sh'], cwd: '/' },
        root: { path: 'rootfs' },
      },
    },
  };
}

describe('a handle on a system HCS has cleaned up', () => {
  it('shutdown and terminate are answered "does not exist" and count as done; wait sees the exit', async () => {
    const uvm = await System.create(uniqueId('uvm'), lcowUvmDoc);
    await uvm.start();
    const id = uniqueId('ctr');
    const ctr = await System.create(id, hostedDoc(uvm.id, id));
    await ctr.start();

    await sim.control.setFaults({ system: id, holdNotifications: true });
    await sim.control.crash(uvm.id);
    // HCS cleaned the container up with its VM: it is no longer listed, and cannot be opened.
    expect((await sim.control.systems()).map((s) => s.id)).not.toContain(id);
    expect(isNotExist(await System.open(id).catch((e: unknown) => e))).toBe(true);
    // This client has not heard of the exit yet, so its calls go to HCS.
    expect(ctr.exited()).toBe(false);

    await ctr.terminate();
    await ctr.shutdown();
    const answers = (await sim.control.calls())
      .filter((c) => c.op === 'TerminateComputeSystem' || c.op === 'ShutdownComputeSystem')
      .filter((c) => c.hresultHex === inApiFormHex(0xc037010e)) // 0x8037010E through V2
      .map((c) => c.op);
    expect(answers).toEqual(['TerminateComputeSystem', 'ShutdownComputeSystem']);
    // Anything else is not found too; the exit status can still be asked for.
    expect(isNotExist(await ctr.start().catch((e: unknown) => e))).toBe(true);
    expect(await ctr.properties()).toMatchObject({ State: 'Stopped', ExitType: 'UnexpectedExit' });

    await sim.control.clearFaults();
    await ctr.wait();
    expect(errorIs(ctr.exitError(), ErrVmcomputeUnexpectedExit)).toBe(true);
    await ctr.close();
    await uvm.close();
    await expectNothingHeld(sim.control);
  });
});

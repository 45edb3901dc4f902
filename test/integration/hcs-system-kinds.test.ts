// What differs by the kind of system, through the real path (koffi binding → libvmcompute_sim.so → service), with
// documents shaped as Docker, hcsshim and containerd send them: a Windows system's drive paths live in its own root
// directory (working directories, mapped directories, layer folders, save-state files), a Linux system's paths
// are host paths; and a killed process exits with the code of its kind of system.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Process, System, errorHresult } from '../../src/hcs/index.ts';
import { startSim, type StartedSim } from '../helpers/sim.ts';
import { expectNothingHeld, readAll, uniqueId } from './hcs-support.ts';

let sim: StartedSim;
const systems: System[] = [];
const processes: Process[] = [];

beforeAll(async () => {
  sim = await startSim({ fixture: 'none', completionDelayMs: 5 });
});
afterEach(async () => {
  await Promise.all(processes.splice(0).map((p) => p.close()));
  for (const s of systems.splice(0)) {
    await s.terminate();
    await s.close();
  }
  await expectNothingHeld(sim.control);
});
afterAll(async () => {
  await sim?.stop();
});

async function started(doc: object, prefix: string): Promise<System> {
  const sys = await System.create(uniqueId(prefix), doc);
  systems.push(sys);
  await sys.start();
  return sys;
}
async function run(sys: System, config: object): Promise<Process> {
  const p = await sys.createProcess(config);
  processes.push(p);
  return p;
}
async function rootOf(sys: System): Promise<string> {
  const root = (await sim.control.systems()).find((s) => s.id === sys.id)?.root;
  if (!root) throw new Error(`${sys.id} has no root`);
  return root;
}

/**
 * moby's libcontainerd "Isolation=Process" example document (daemon/internal/libcontainerd/local/local_windows.go),
 * with the MappedDirectories entry Docker makes for `-v C:\Users\dev\src:C:\app`.
 */
function dockerProcessIsolatedDoc(name: string) {
  return {
    SystemType: 'Container',
    Name: name,
    Owner: 'docker',
    VolumePath: '\\\\?\\Volume{66d1ef4c-7a00-11e6-8948-00155ddbef9d}',
    IgnoreFlushesDuringBoot: true,
    LayerFolderPath: `C:\\ProgramData\\docker\\windowsfilter\\${name}`,
    Layers: [
      {
        ID: '18955d65-d45a-557b-bf1c-49d6dfefc526',
        Path: 'C:\\ProgramData\\docker\\windowsfilter\\65bf96e5760a09edf1790cb229e2dfb2dbd0fcdc0bf7451bae099106bfbfea0c',
      },
    ],
    HostName: name.slice(0, 12),
    MappedDirectories: [{ HostPath: 'C:\\Users\\dev\\src', ContainerPath: 'C:\\app', ReadOnly: false }],
    HvPartition: false,
    EndpointList: ['eef2649d-bb17-4d53-9937-295a8efe6f2c'],
  };
}

/** The ProcessConfig moby's libcontainerd sends for a container's first process (Cwd `C:\` unless WORKDIR set). */
function dockerProcess(commandLine: string, workingDirectory: string) {
  return {
    EmulateConsole: false,
    WorkingDirectory: workingDirectory,
    CreateStdInPipe: true,
    CreateStdOutPipe: true,
    CreateStdErrPipe: true,
    ConsoleSize: [0, 0],
    Environment: { PATH: 'C:\\Windows\\system32;C:\\Windows' },
    CommandLine: commandLine,
    User: 'ContainerUser',
  };
}

/** hcsshim's Windows utility VM document (internal/uvm/create_wcow.go shape: VmbFs boot, scratch on SCSI, VSMB). */
function wcowUtilityVmDoc() {
  return {
    Owner: 'containerd-shim-runhcs-v1.exe',
    SchemaVersion: { Major: 2, Minor: 1 },
    ShouldTerminateOnLastHandleClosed: true,
    VirtualMachine: {
      StopOnReset: true,
      Chipset: {
        Uefi: { BootThis: { DeviceType: 'VmbFs', DevicePath: '\\EFI\\Microsoft\\Boot\\bootmgfw.efi' } },
      },
      ComputeTopology: { Memory: { SizeInMB: 1024, AllowOvercommit: true }, Processor: { Count: 2 } },
      Devices: {
        Scsi: {
          'df6d0690-79e5-55b6-a5ec-c1e2f77f580a': {
            Attachments: { '0': { Type: 'VirtualDisk', Path: 'C:\\uvm\\sandbox.vhdx' } },
          },
        },
        VirtualSmb: {
          Shares: [{ Name: 'os', Path: 'C:\\layers\\base\\UtilityVM\\Files', Options: { ReadOnly: true } }],
        },
      },
    },
  };
}

describe('Windows paths', () => {
  it('a Docker container runs its process in C:\\ and in a mapped C:\\app, inside its own root', async () => {
    const id = uniqueId('docker');
    const sys = await started(dockerProcessIsolatedDoc(id), 'docker');
    const root = await rootOf(sys);
    expect(existsSync(join(root, 'C', 'ProgramData', 'docker', 'windowsfilter', id))).toBe(true);

    const atRoot = await run(sys, dockerProcess('pwd', 'C:\\'));
    const out = readAll(atRoot.stdout);
    await atRoot.wait();
    expect(realpathSync((await out).trim())).toBe(realpathSync(join(root, 'C')));

    const inApp = await run(sys, dockerProcess('echo written-in-app > out.txt', 'C:\\app'));
    await inApp.wait();
    expect(inApp.exitCode()).toBe(0);
    // Written in the container's C:\app, found in the host directory mapped there.
    expect(readFileSync(join(root, 'C', 'Users', 'dev', 'src', 'out.txt'), 'utf8')).toBe('written-in-app\n');
  });

  it('a drive path that does not exist in the system is ERROR_DIRECTORY', async () => {
    const sys = await started(dockerProcessIsolatedDoc(uniqueId('docker')), 'docker');
    const e = await sys.createProcess(dockerProcess('pwd', 'C:\\no\\such\\dir')).catch((err: unknown) => err);
    expect(errorHresult(e)).toBe(0x8007010b);
  });

  it('a Windows utility VM saves its state to a C:\\ path, into its root', async () => {
    const sys = await started(wcowUtilityVmDoc(), 'uvm');
    await sys.pause();
    await sys.save({ SaveType: 'ToFile', SaveStateFilePath: 'C:\\uvm\\state.vmrs' });
    const state = JSON.parse(readFileSync(join(await rootOf(sys), 'C', 'uvm', 'state.vmrs'), 'utf8'));
    expect(state).toMatchObject({ Id: sys.id, SaveType: 'ToFile' });
  });
});

describe('exit code of a killed process', () => {
  async function killedExitCode(sys: System, config: object): Promise<number> {
    const p = await run(sys, config);
    expect(await p.kill()).toBe(true);
    await p.wait();
    return p.exitCode();
  }

  it('is ERROR_PROCESS_ABORTED (1067) in a Windows container', async () => {
    const sys = await started(dockerProcessIsolatedDoc(uniqueId('docker')), 'docker');
    expect(await killedExitCode(sys, dockerProcess('exec sleep 60', 'C:\\'))).toBe(1067);
  });

  it('is 1 in a HostProcess container', async () => {
    const sys = await started(
      {
        Owner: 'containerd-shim-runhcs-v1.exe',
        SchemaVersion: { Major: 2, Minor: 1 },
        Container: { IsolationType: 'HostProcess' },
        ShouldTerminateOnLastHandleClosed: true,
      },
      'hostprocess',
    );
    expect(await killedExitCode(sys, { CommandLine: 'exec sleep 60', WorkingDirectory: 'C:\\' })).toBe(1);
  });

  it('is 137 in an LCOW container hosted by a Linux utility VM, whose paths are host paths', async () => {
    const uvm = await started(
      {
        Owner: 'containerd-shim-runhcs-v1.exe',
        SchemaVersion: { Major: 2, Minor: 1 },
        VirtualMachine: {
          Chipset: {
            LinuxKernelDirect: { KernelFilePath: 'C:\\lcow\\kernel', InitRdPath: 'C:\\lcow\\initrd.img' },
          },
          ComputeTopology: { Memory: { SizeInMB: 1024 }, Processor: { Count: 2 } },
          Devices: { Plan9: {} },
        },
      },
      'lcow-uvm',
    );
    const id = uniqueId('lcow');
    const ctr = await started(
      {
        Owner: 'containerd-shim-runhcs-v1.exe',
        SchemaVersion: { Major: 2, Minor: 1 },
        HostingSystemId: uvm.id,
        HostedSystem: {
          SchemaVersion: { Major: 2, Minor: 1 },
          OciBundlePath: `/run/gcs/c/${id}`,
          OciSpecification: { ociVersion: '1.1.0', process: { args: ['/bin/sh'], cwd: '/' } },
        },
      },
      'lcow',
    );
    expect((await sim.control.systems()).find((s) => s.id === ctr.id)?.root).toBeNull();
    const oci = {
      OciProcess: { args: ['/bin/sh', '-c', 'exec sleep 60'], cwd: '/', env: ['PATH=/usr/bin:/bin'] },
    };
    expect(await killedExitCode(ctr, { ...oci, CreateStdOutPipe: true })).toBe(137);
  });
});

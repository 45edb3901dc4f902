import { describe, expect, it } from 'vitest';
import { describeConfiguration, type HardwareSection } from './configuration.ts';

/**
 * Create documents in the shapes public sources show:
 *  - TUTORIAL_VM: the virtual machine of Microsoft's HCS quick start (learn.microsoft.com/virtualization/api/hcs/
 *    Reference/Tutorial): UEFI booting from a SCSI disk, 2 processors, 2 GB;
 *  - LCOW_UVM: a Linux utility VM as hcsshim's internal/uvm/create_lcow.go builds one (kernel booted directly,
 *    the rootfs on VPMem, Plan 9 for files, SCSI for layers, a COM port for the guest's log);
 *  - DOCKER_ARGON: a schema 1 process-isolated Windows container as Docker's daemon creates it through hcsshim;
 *  - HOSTED: a schema 2 Hyper-V isolated container in a utility VM (hcsshim's hosted form).
 */
const TUTORIAL_VM = {
  SchemaVersion: { Major: 2, Minor: 1 },
  Owner: 'Sample',
  ShouldTerminateOnLastHandleClosed: true,
  VirtualMachine: {
    Chipset: { Uefi: { BootThis: { DevicePath: 'Primary disk', DiskNumber: 0, DeviceType: 'ScsiDrive' } } },
    ComputeTopology: { Memory: { Backing: 'Virtual', SizeInMB: 2048 }, Processor: { Count: 2 } },
    Devices: {
      Scsi: {
        'Primary disk': {
          Attachments: { '0': { Type: 'VirtualDisk', Path: 'c:\\HCS_Test\\utilityvm.vhdx' } },
        },
      },
    },
  },
};

const LCOW_UVM = {
  Owner: 'containerd-shim-runhcs-v1.exe',
  SchemaVersion: { Major: 2, Minor: 1 },
  ShouldTerminateOnLastHandleClosed: true,
  VirtualMachine: {
    StopOnReset: true,
    Chipset: {
      LinuxKernelDirect: {
        KernelFilePath: 'C:\\Program Files\\Linux Containers\\kernel',
        InitRdPath: '',
        KernelCmdLine:
          'pci=off brd.rd_nr=0 pmtmr=0 -- -e 1 /bin/vsockexec -e 109 /bin/gcs -v4 -log-format json',
      },
    },
    ComputeTopology: {
      Memory: { SizeInMB: 1024, AllowOvercommit: true, EnableDeferredCommit: false },
      Processor: { Count: 2, Limit: 100000, Weight: 100 },
    },
    Devices: {
      Scsi: { '0': { Attachments: {} }, '1': { Attachments: {} } },
      HvSocket: { HvSocketConfig: { DefaultBindSecurityDescriptor: 'D:P(A;;FA;;;SY)(A;;FA;;;BA)' } },
      Plan9: {
        Shares: [{ Name: '0', AccessName: '0', Path: 'C:\\ContainerPlat\\share', Port: 564, Flags: 2 }],
      },
      VirtualPMem: {
        MaximumCount: 64,
        MaximumSizeBytes: 4294967296,
        Devices: {
          '0': {
            HostPath: 'C:\\Program Files\\Linux Containers\\rootfs.vhd',
            ReadOnly: true,
            ImageFormat: 'Vhd1',
          },
        },
      },
      ComPorts: { '0': { NamedPipe: '\\\\.\\pipe\\vmpipe-abc' } },
    },
    GuestConnection: { UseVsock: true, UseConnectedSuspend: true },
  },
};

const DOCKER_ARGON = {
  SystemType: 'Container',
  Name: '7c2e4f1a9b3d',
  Owner: 'docker',
  VolumePath: '\\\\?\\Volume{8d1f3a52-6c0e-4b7a-9f2d-1e5c7b3a9d04}',
  IgnoreFlushesDuringBoot: true,
  LayerFolderPath: 'C:\\ProgramData\\docker\\windowsfilter\\7c2e4f1a9b3d',
  Layers: [
    { ID: '1b6c2a9e-3f4d-5a7b-8c0e-9d2f1a4b6c3e', Path: 'C:\\ProgramData\\docker\\windowsfilter\\4a0d9c7e' },
  ],
  HostName: '7c2e4f1a9b3d',
  MappedDirectories: [
    {
      HostPath: 'C:\\inetpub\\sites\\shop',
      ContainerPath: 'C:\\inetpub\\wwwroot',
      ReadOnly: true,
      BandwidthMaximum: 0,
    },
  ],
  HvPartition: false,
  EndpointList: ['b7f2e1d4-9c3a-4e6b-8d5f-0a1c2e3b4d6f'],
  AllowUnqualifiedDNSQuery: true,
  MemoryMaximumInMB: 2048,
  ProcessorCount: 2,
};

const HOSTED = {
  SchemaVersion: { Major: 2, Minor: 1 },
  Owner: 'containerd-shim-runhcs-v1.exe',
  HostingSystemId: 'a3c1f0b2@vm',
  HostedSystem: {
    SchemaVersion: { Major: 2, Minor: 1 },
    Container: {
      GuestOs: { HostName: 'web-1' },
      Storage: {
        Layers: [{ Id: '7095521e-b79e-50fc-bafb-958d85400362', Path: 'C:\\layers\\nanoserver' }],
        Path: 'C:\\scratch',
      },
      MappedDirectories: [{ HostPath: 'C:\\data', ContainerPath: 'C:\\app\\data' }],
      Networking: { Namespace: 'e1c3f1a2-0000-4000-8000-000000000001', AllowUnqualifiedDnsQuery: true },
    },
  },
};

const items = (sections: HardwareSection[], key: HardwareSection['key']) =>
  Object.fromEntries(sections.find((s) => s.key === key)?.items.map((i) => [i.label, i.value]) ?? []);

describe('hardware view: reading create documents', () => {
  it('the quick start VM: UEFI from its SCSI disk, 2 processors, 2 GB, nothing unknown', () => {
    const sections = describeConfiguration({ createDocument: TUTORIAL_VM });
    expect(sections.map((s) => s.key)).toEqual(['system', 'processors', 'memory', 'storage', 'guest']);
    expect(items(sections, 'system')).toEqual({
      'Schema version': '2.1',
      Owner: 'Sample',
      'Terminate when the last handle closes': 'yes',
      Isolation: 'Hyper-V virtual machine',
    });
    expect(items(sections, 'processors')).toEqual({ 'Virtual processors': '2' });
    expect(items(sections, 'memory')).toEqual({ Size: '2048 MB (2.0 GiB)', Backing: 'Virtual' });
    expect(items(sections, 'storage')).toEqual({
      'SCSI "Primary disk" LUN 0': 'VirtualDisk: c:\\HCS_Test\\utilityvm.vhdx',
    });
    expect(items(sections, 'guest')).toEqual({
      Firmware: 'UEFI',
      'Boots from': 'ScsiDrive, Primary disk, disk 0',
    });
    expect(sections.flatMap((s) => s.unknown)).toEqual([]);
    // Each section links to the JSON it came from.
    expect(sections.find((s) => s.key === 'storage')!.sources).toEqual([
      {
        label: 'Create document',
        path: 'VirtualMachine.Devices.Scsi',
        json: TUTORIAL_VM.VirtualMachine.Devices.Scsi,
      },
    ]);
  });

  it('a Linux utility VM: kernel booted directly, VPMem rootfs, Plan 9, a COM port; HvSocket shown as it is', () => {
    const sections = describeConfiguration({ createDocument: LCOW_UVM });
    expect(items(sections, 'guest')).toMatchObject({
      Firmware: 'Linux kernel, booted directly',
      Kernel: 'C:\\Program Files\\Linux Containers\\kernel',
      'Guest connection': 'over vsock',
    });
    expect(items(sections, 'storage')).toMatchObject({
      'VPMem devices at most': '64',
      'VPMem 0': 'C:\\Program Files\\Linux Containers\\rootfs.vhd (Vhd1, read-only)',
      'Plan 9 share 0': 'C:\\ContainerPlat\\share (port 564, flags 2)',
    });
    expect(items(sections, 'processors')).toEqual({
      'Virtual processors': '2',
      'Limit (of 100,000)': '100000',
      Weight: '100',
    });
    expect(items(sections, 'devices')).toMatchObject({
      COM1: '\\\\.\\pipe\\vmpipe-abc',
      HvSocket: '{"HvSocketConfig":{"DefaultBindSecurityDescriptor":"D:P(A;;FA;;;SY)(A;;FA;;;BA)"}}',
    });
    // Read nowhere above: listed as they are, in the section they belong to.
    const unknown = sections.flatMap((s) => s.unknown.map((u) => [s.key, u.path]));
    expect(unknown).toEqual([
      ['storage', 'VirtualMachine.Devices.VirtualPMem.MaximumSizeBytes'],
      ['guest', 'VirtualMachine.GuestConnection.UseConnectedSuspend'],
    ]);
  });

  it('Docker’s schema 1 container: process isolation, layers, a mapped directory with both paths, an endpoint', () => {
    const sections = describeConfiguration({ createDocument: DOCKER_ARGON });
    expect(items(sections, 'system')).toMatchObject({
      Schema: '1 (ContainerConfig)',
      Owner: 'docker',
      Isolation: 'Process-isolated (a silo on the host kernel)',
    });
    expect(items(sections, 'storage')).toMatchObject({
      'Layer 1': 'C:\\ProgramData\\docker\\windowsfilter\\4a0d9c7e (1b6c2a9e-3f4d-5a7b-8c0e-9d2f1a4b6c3e)',
      'Mapped directory C:\\inetpub\\wwwroot': "from the host's C:\\inetpub\\sites\\shop, read-only",
    });
    expect(items(sections, 'network')).toEqual({
      'Endpoint 1': 'b7f2e1d4-9c3a-4e6b-8d5f-0a1c2e3b4d6f',
      'Unqualified DNS queries': 'yes',
    });
    expect(items(sections, 'memory')).toEqual({ Limit: '2048 MB (2.0 GiB)' });
    expect(sections.flatMap((s) => s.unknown.map((u) => u.path))).toEqual([
      'MappedDirectories[0].BandwidthMaximum',
    ]);
  });

  it('a hosted container names its utility VM; an unknown top-level field goes to Other settings', () => {
    const sections = describeConfiguration({ createDocument: { ...HOSTED, FutureField: { x: 1 } } });
    expect(items(sections, 'system').Isolation).toBe(
      'Hyper-V isolated container, hosted in utility VM a3c1f0b2@vm',
    );
    expect(items(sections, 'guest')).toEqual({ 'Host name': 'web-1' });
    expect(items(sections, 'storage')).toMatchObject({
      'Scratch volume': 'C:\\scratch',
      'Mapped directory C:\\app\\data': "from the host's C:\\data",
    });
    expect(items(sections, 'network')).toEqual({
      Namespace: 'e1c3f1a2-0000-4000-8000-000000000001',
      'Unqualified DNS queries': 'yes',
    });
    // The root document belongs to the system section: its unread field is listed there.
    expect(sections.find((s) => s.key === 'system')!.unknown).toEqual([
      { path: 'FutureField', value: { x: 1 } },
    ]);
  });

  it('without a create document: what HCS reports (V2 basic, Memory, ProcessorTopology, GuestConnection)', () => {
    const sections = describeConfiguration({
      createDocument: null,
      basic: {
        Id: 'vm1',
        SystemType: 'VirtualMachine',
        RuntimeOsType: 'Linux',
        Owner: 'WSL',
        State: 'Running',
        Extra: 7,
      },
      memory: {
        VirtualNodeCount: 1,
        VirtualMachineMemory: { AssignedMemory: 262144, AvailableMemory: 512, BalancingEnabled: true },
        VirtualNodes: [{ VirtualNodeIndex: 0, VirtualProcessorCount: 4 }],
      },
      processorTopology: { LogicalProcessorCount: 8, LogicalProcessors: [] },
      guestConnection: {
        SupportedSchemaVersions: [{ Major: 2, Minor: 1 }],
        ProtocolVersion: 4,
        GuestDefinedCapabilities: { SignalProcessSupported: true, DumpStacksSupported: false },
      },
    });
    expect(items(sections, 'memory')).toMatchObject({
      'Assigned now (HCS)': '1.0 GiB',
      'Available in the guest (HCS)': '512.0 MiB',
      'Dynamic memory balancing': 'yes',
    });
    expect(items(sections, 'processors')).toEqual({
      'Virtual processors (HCS)': '4',
      'Logical processors (HCS)': '8',
    });
    expect(items(sections, 'guest')).toMatchObject({
      'Guest OS (HCS)': 'Linux',
      'Guest schema versions': '2.1',
      'Guest capabilities': 'SignalProcessSupported',
    });
    const unknown = sections.flatMap((s) => s.unknown.map((u) => u.path));
    expect(unknown).toEqual(['Extra', 'Memory.VirtualNodeCount', 'Memory.VirtualNodes[0].VirtualNodeIndex']);
  });
});

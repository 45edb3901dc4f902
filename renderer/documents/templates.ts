/** A starting document for an editor: a name for the picker and the JSON it inserts. */
export interface DocumentTemplate {
  name: string;
  description: string;
  document: Record<string, unknown>;
}

export function templateText(t: DocumentTemplate): string {
  return `${JSON.stringify(t.document, null, 2)}\n`;
}

/** Create documents in the shapes of docs/hcs/schema.md#create-documents (paths are placeholders to adapt). */
export const CREATE_TEMPLATES: readonly DocumentTemplate[] = [
  {
    name: 'Process-isolated Windows container (V1)',
    description:
      'schema1 ContainerConfig: an Argon container on the host kernel, from base and image layers.',
    document: {
      SystemType: 'Container',
      Name: 'demo-argon',
      Owner: 'hcs-desktop',
      VolumePath: '\\\\?\\Volume{85da95c9-dda9-42e0-a066-40bd120c6f3c}',
      IgnoreFlushesDuringBoot: true,
      LayerFolderPath: 'C:\\ProgramData\\hcs-desktop\\layers\\demo-argon',
      Layers: [
        {
          ID: '7095521e-b79e-50fc-bafb-958d85400362',
          Path: 'C:\\ProgramData\\hcs-desktop\\layers\\nanoserver',
        },
      ],
      HostName: 'demo-argon',
      MemoryMaximumInMB: 2048,
      ProcessorCount: 2,
      HvPartition: false,
      TerminateOnLastHandleClosed: true,
    },
  },
  {
    name: 'Hyper-V isolated container (V2)',
    description:
      'schema2 hosted container: runs in a running utility VM, which the Hosting utility VM field picks (HostingSystemId).',
    document: {
      Owner: 'hcs-desktop',
      SchemaVersion: { Major: 2, Minor: 1 },
      HostingSystemId: '',
      HostedSystem: {
        SchemaVersion: { Major: 2, Minor: 1 },
        Container: {
          Storage: {
            Layers: [
              {
                Id: '7095521e-b79e-50fc-bafb-958d85400362',
                Path: '\\\\?\\VMSMB\\VSMB-{dcc079ae-60ba-4d07-847c-3493609c0870}\\s1',
              },
            ],
            Path: 'C:\\c\\demo-xenon\\scratch',
          },
          MappedDirectories: [{ HostPath: 'C:\\share', ContainerPath: 'C:\\share', ReadOnly: true }],
          Networking: { AllowUnqualifiedDnsQuery: true },
        },
      },
      ShouldTerminateOnLastHandleClosed: true,
    },
  },
  {
    name: 'Utility VM (V2)',
    description:
      'schema2 Windows utility VM in the shape hcsshim builds: UEFI boot from VMBus FS, SCSI scratch disk, VSMB share.',
    document: {
      Owner: 'hcs-desktop',
      SchemaVersion: { Major: 2, Minor: 1 },
      ShouldTerminateOnLastHandleClosed: true,
      VirtualMachine: {
        StopOnReset: true,
        Chipset: {
          Uefi: { BootThis: { DeviceType: 'VmbFs', DevicePath: '\\EFI\\Microsoft\\Boot\\bootmgfw.efi' } },
        },
        ComputeTopology: {
          Memory: { SizeInMB: 1024, AllowOvercommit: true, EnableHotHint: true },
          Processor: { Count: 2 },
        },
        Devices: {
          Scsi: {
            'df6d0690-79e5-55b6-a5ec-c1e2f77f580a': {
              Attachments: {
                '0': { Type: 'VirtualDisk', Path: 'C:\\ProgramData\\hcs-desktop\\uvm\\sandbox.vhdx' },
              },
            },
          },
          HvSocket: { HvSocketConfig: { DefaultBindSecurityDescriptor: 'D:P(A;;FA;;;SY)(A;;FA;;;BA)' } },
          VirtualSmb: {
            Shares: [
              {
                Name: 'os',
                Path: 'C:\\ProgramData\\hcs-desktop\\layers\\nanoserver\\UtilityVM\\Files',
                Options: {
                  ReadOnly: true,
                  ShareRead: true,
                  CacheIo: true,
                  PseudoOplocks: true,
                  TakeBackupPrivilege: true,
                },
              },
            ],
            DirectFileMappingInMB: 1024,
          },
        },
      },
    },
  },
  {
    name: 'Linux utility VM (V2)',
    description: 'schema2 LCOW utility VM: direct kernel boot with an initrd, Plan 9 shares and HvSocket.',
    document: {
      Owner: 'hcs-desktop',
      SchemaVersion: { Major: 2, Minor: 1 },
      ShouldTerminateOnLastHandleClosed: true,
      VirtualMachine: {
        StopOnReset: true,
        Chipset: {
          LinuxKernelDirect: {
            KernelFilePath: 'C:\\Program Files\\Linux Containers\\kernel',
            InitRdPath: 'C:\\Program Files\\Linux Containers\\initrd.img',
            KernelCmdLine: 'initrd=/initrd.img 8250_core.nr_uarts=0 panic=-1 quiet pci=off nr_cpus=2',
          },
        },
        ComputeTopology: {
          Memory: { SizeInMB: 1024, AllowOvercommit: true },
          Processor: { Count: 2 },
        },
        Devices: {
          Scsi: { '0': { Attachments: {} } },
          HvSocket: { HvSocketConfig: { DefaultBindSecurityDescriptor: 'D:P(A;;FA;;;SY)(A;;FA;;;BA)' } },
          Plan9: {},
        },
      },
    },
  },
];

/** Modify requests (ModifySettingRequest and its resource paths, docs/hcs/schema.md#modify-requests). */
export const MODIFY_TEMPLATES: readonly DocumentTemplate[] = [
  {
    name: 'Resize memory',
    description: 'Set the utility VM memory to 2048 MB.',
    document: {
      ResourcePath: 'VirtualMachine/ComputeTopology/Memory/SizeInMB',
      RequestType: 'Update',
      Settings: 2048,
    },
  },
  {
    name: 'Add a mapped directory',
    description: 'Map a host directory into a container (read-only).',
    document: {
      ResourcePath: 'Container/MappedDirectories',
      RequestType: 'Add',
      Settings: { HostPath: 'C:\\share', ContainerPath: 'C:\\share', ReadOnly: true },
    },
  },
  {
    name: 'Add a network endpoint',
    description: 'Attach an HNS endpoint as a network adapter of a utility VM.',
    document: {
      ResourcePath: 'VirtualMachine/Devices/NetworkAdapters/6f5d1e4c-2f7b-4c7e-9a55-0b4a7d6a1c3e',
      RequestType: 'Add',
      Settings: { EndpointId: '6f5d1e4c-2f7b-4c7e-9a55-0b4a7d6a1c3e', MacAddress: '00-15-5D-52-C0-01' },
    },
  },
];

import { describe, expect, it } from 'vitest';
import { documentPaths } from './document-paths.ts';

describe('the host paths a create document names', () => {
  it('schema1 (Docker, process isolation): the layer folder, the layers and the mapped directories', () => {
    // The "Isolation=Process example" of moby's libcontainerd (local_windows.go), with a bind mount added as
    // Docker adds one for `-v C:\src:C:\app`.
    const doc = {
      SystemType: 'Container',
      Name: '5e0055c814a6005b8e57ac59f9a522066e0af12b48b3c26a9416e23907698776',
      Owner: 'docker',
      VolumePath: '\\\\?\\Volume{66d1ef4c-7a00-11e6-8948-00155ddbef9d}',
      IgnoreFlushesDuringBoot: true,
      LayerFolderPath:
        'C:\\control\\windowsfilter\\5e0055c814a6005b8e57ac59f9a522066e0af12b48b3c26a9416e23907698776',
      Layers: [
        {
          ID: '18955d65-d45a-557b-bf1c-49d6dfefc526',
          Path: 'C:\\control\\windowsfilter\\65bf96e5760a09edf1790cb229e2dfb2dbd0fcdc0bf7451bae099106bfbfea0c',
        },
      ],
      HostName: '5e0055c814a6',
      MappedDirectories: [{ HostPath: 'C:\\src', ContainerPath: 'C:\\app', ReadOnly: true }],
      HvPartition: false,
      EndpointList: ['eef2649d-bb17-4d53-9937-295a8efe6f2c'],
    };
    expect(documentPaths(doc)).toEqual({
      directories: [doc.LayerFolderPath, doc.Layers[0]!.Path],
      files: [],
      mappedDirectories: [{ hostPath: 'C:\\src', containerPath: 'C:\\app', readOnly: true }],
    });
  });

  it('schema2: a container’s layers and mapped directories; a VM’s disks, shares and guest state', () => {
    const container = {
      SchemaVersion: { Major: 2, Minor: 1 },
      Container: {
        Storage: { Layers: [{ Id: 'x', Path: 'C:\\layers\\base' }], Path: '\\\\?\\Volume{x}\\' },
        MappedDirectories: [{ HostPath: 'C:\\data', ContainerPath: 'C:\\data' }],
      },
    };
    expect(documentPaths(container)).toEqual({
      directories: ['C:\\layers\\base'],
      files: [],
      mappedDirectories: [{ hostPath: 'C:\\data', containerPath: 'C:\\data', readOnly: false }],
    });
    const vm = {
      SchemaVersion: { Major: 2, Minor: 1 },
      VirtualMachine: {
        Devices: {
          Scsi: { primary: { Attachments: { '0': { Type: 'VirtualDisk', Path: 'C:\\uvm\\sandbox.vhdx' } } } },
          VirtualSmb: { Shares: [{ Name: 'os', Path: 'C:\\layers\\base\\UtilityVM\\Files' }] },
        },
        GuestState: { GuestStateFilePath: 'C:\\uvm\\vm.vmgs' },
      },
    };
    expect(documentPaths(vm)).toEqual({
      directories: ['C:\\layers\\base\\UtilityVM\\Files'],
      files: ['C:\\uvm\\sandbox.vhdx', 'C:\\uvm\\vm.vmgs'],
      mappedDirectories: [],
    });
  });
});

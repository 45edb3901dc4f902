import { describe, expect, it } from 'vitest';
import { checkCreateDocument, type DocumentCheck, type HostLookup } from './document.ts';
import { HR } from './hresult.ts';

const noHosts: HostLookup = () => undefined;

function ok(r: DocumentCheck) {
  if (!r.ok) throw new Error(`expected a valid document, got ${r.message}`);
  return r.description;
}

function bad(r: DocumentCheck) {
  if (r.ok) throw new Error('expected the document to be refused');
  return r;
}

const check = (doc: unknown, lookup = noHosts) => checkCreateDocument(JSON.stringify(doc), 'sys-1', lookup);

describe('v1 (schema1 ContainerConfig) documents', () => {
  it("accepts Docker's process-isolated container document, unknown fields and all", () => {
    const d = ok(
      check({
        SystemType: 'Container',
        Name: 'abc123',
        Owner: 'docker',
        VolumePath: '\\\\?\\Volume{85da95c9-dda9-42e0-a066-40bd120c6f3c}',
        IgnoreFlushesDuringBoot: true,
        LayerFolderPath: 'C:\\layers\\abc123',
        Layers: [{ ID: '7095521e-b79e-50fc-bafb-958d85400362', Path: 'C:\\layers\\base' }],
        HvPartition: false,
        EndpointList: ['ep-1'],
        MemoryMaximumInMB: 2048,
        ProcessorCount: 2,
        TerminateOnLastHandleClosed: true,
        SomethingNewerThanUs: { x: 1 },
      }),
    );
    expect(d).toMatchObject({
      schema: 1,
      name: 'abc123',
      owner: 'docker',
      systemType: 'Container',
      runtimeOsType: 'windows',
      terminateOnLastHandleClosed: true,
      memorySizeInMB: 2048,
      processorCount: 2,
      networkEndpoints: ['ep-1'],
    });
  });

  it('recognises LCOW by ContainerType "Linux" or a Linux kernel in HvRuntime', () => {
    expect(ok(check({ SystemType: 'Container', ContainerType: 'Linux' })).runtimeOsType).toBe('linux');
    expect(
      ok(check({ SystemType: 'Container', HvPartition: true, HvRuntime: { LinuxKernelFile: 'bootx64.efi' } }))
        .runtimeOsType,
    ).toBe('linux');
    expect(
      ok(check({ SystemType: 'container', HvPartition: true, HvRuntime: { ImagePath: 'C:\\uvm' } }))
        .runtimeOsType,
    ).toBe('windows');
  });

  it('names the system after its id when the document has no Name, and leaves the owner to the service', () => {
    expect(ok(check({ SystemType: 'Container' }))).toMatchObject({ name: 'sys-1', owner: null });
  });

  it('refuses a missing or unknown SystemType', () => {
    expect(bad(check({ Name: 'x' }))).toMatchObject({
      hr: HR.INVALID_JSON,
      message: expect.stringMatching(/SystemType is required/),
    });
    expect(bad(check({ SystemType: 'Banana' })).message).toMatch(/Unknown SystemType "Banana"/);
    expect(bad(check({ SystemType: 7 })).hr).toBe(HR.INVALID_JSON);
  });

  it('refuses the wrong JSON type in a field it reads', () => {
    expect(bad(check({ SystemType: 'Container', Owner: 5 })).message).toMatch(/Owner must be a string/);
    expect(bad(check({ SystemType: 'Container', MappedVirtualDisks: {} })).message).toMatch(
      /MappedVirtualDisks/,
    );
  });
});

describe('v2 (schema2 ComputeSystem) documents', () => {
  it('accepts a process-isolated container', () => {
    const d = ok(
      check({
        Owner: 'sample',
        SchemaVersion: { Major: 2, Minor: 0 },
        Container: {
          Storage: { Layers: [{ Id: 'g', Path: 'C:\\l' }], Path: '\\\\?\\Volume{x}\\' },
          Memory: { SizeInMB: 512 },
        },
        ShouldTerminateOnLastHandleClosed: true,
      }),
    );
    expect(d).toMatchObject({
      schema: 2,
      name: 'sys-1',
      owner: 'sample',
      systemType: 'Container',
      runtimeOsType: 'windows',
      memorySizeInMB: 512,
      terminateOnLastHandleClosed: true,
    });
  });

  it('accepts virtual machines, Linux when the kernel boots directly or only Plan9 shares exist', () => {
    const windows = ok(
      check({
        SchemaVersion: { Major: 2, Minor: 1 },
        VirtualMachine: {
          Chipset: { Uefi: { BootThis: { DeviceType: 'VmbFs' } } },
          ComputeTopology: { Memory: { SizeInMB: 2048, AllowOvercommit: true }, Processor: { Count: 4 } },
          Devices: {
            VirtualSmb: { Shares: [] },
            NetworkAdapters: { nic: { EndpointId: 'ep-9', MacAddress: '00-15-5D-00-00-01' } },
          },
        },
      }),
    );
    expect(windows).toMatchObject({
      systemType: 'VirtualMachine',
      runtimeOsType: 'windows',
      memorySizeInMB: 2048,
      processorCount: 4,
      memoryOvercommit: true,
      networkEndpoints: ['ep-9'],
    });
    const wsl = ok(
      check({
        Owner: 'WSL',
        SchemaVersion: { Major: 2, Minor: 3 },
        VirtualMachine: { Chipset: { LinuxKernelDirect: {} } },
      }),
    );
    expect(wsl).toMatchObject({ runtimeOsType: 'linux', memorySizeInMB: 1024, processorCount: 2 });
    expect(
      ok(check({ SchemaVersion: { Major: 2 }, VirtualMachine: { Devices: { Plan9: {} } } })).runtimeOsType,
    ).toBe('linux');
  });

  it("accepts containerd's LCOW hosted container and takes its OS from the OCI bundle", () => {
    const lookup: HostLookup = (id) => (id === 'pod@vm' ? { runtimeOsType: 'linux' } : undefined);
    const d = ok(
      check(
        {
          Owner: 'containerd-shim-runhcs-v1.exe',
          SchemaVersion: { Major: 2, Minor: 1 },
          HostingSystemId: 'pod@vm',
          HostedSystem: {
            SchemaVersion: { Major: 2, Minor: 1 },
            OciBundlePath: '/run/gcs/c/x',
            OciSpecification: { process: {} },
          },
        },
        lookup,
      ),
    );
    expect(d).toMatchObject({ systemType: 'Container', runtimeOsType: 'linux', hostingSystemId: 'pod@vm' });
  });

  it('refuses a hosted container whose host does not exist with SYSTEM_NOT_FOUND', () => {
    const r = bad(
      check({
        SchemaVersion: { Major: 2, Minor: 1 },
        HostingSystemId: 'nope',
        HostedSystem: { Container: {} },
      }),
    );
    expect(r).toMatchObject({
      hr: HR.SYSTEM_NOT_FOUND,
      message: expect.stringMatching(/'nope' does not exist/),
    });
  });

  it('refuses a document that describes no system, or two', () => {
    expect(bad(check({ SchemaVersion: { Major: 2, Minor: 1 }, Owner: 'x' })).message).toMatch(
      /describes no compute system/,
    );
    expect(
      bad(check({ SchemaVersion: { Major: 2, Minor: 1 }, Container: {}, VirtualMachine: {} })).message,
    ).toMatch(/cannot both/);
    expect(bad(check({ SchemaVersion: { Major: 2, Minor: 1 }, Container: [] })).message).toMatch(
      /Container must be an object/,
    );
  });

  it('refuses a malformed or unsupported SchemaVersion', () => {
    expect(bad(check({ SchemaVersion: '2.1', Container: {} })).message).toMatch(
      /SchemaVersion must be an object/,
    );
    expect(bad(check({ SchemaVersion: { Major: 3, Minor: 0 }, Container: {} })).message).toMatch(
      /3\.0 is not supported/,
    );
  });
});

describe('text that is not a document', () => {
  it('answers INVALID_JSON with the line and column of the syntax error', () => {
    const r = bad(
      checkCreateDocument('{\n  "SystemType": "Container",\n  "Name": "x"\n  "Owner": "y"\n}', 'id', noHosts),
    );
    expect(r.hr).toBe(HR.INVALID_JSON);
    expect(r.message).toMatch(/line 4, column 3: unexpected "\\"": expected "," or "}"/);
  });

  it('refuses non-objects and empty text', () => {
    expect(bad(checkCreateDocument('[1]', 'id', noHosts)).message).toMatch(/must be a JSON object/);
    expect(bad(checkCreateDocument('"Container"', 'id', noHosts)).message).toMatch(/must be a JSON object/);
    expect(bad(checkCreateDocument('', 'id', noHosts)).message).toMatch(/empty/);
    expect(bad(checkCreateDocument(null, 'id', noHosts)).hr).toBe(HR.INVALID_JSON);
  });
});

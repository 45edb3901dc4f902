/**
 * A compute system's configuration as a person reads a VM's hardware (virt-manager's list): system and
 * isolation, processors, memory, storage, network, devices, guest OS and boot. From the create document the
 * app sent (schema 1 ContainerConfig or schema 2 ComputeSystem, docs/hcs/schema.md#create-documents) and the
 * V2 properties HCS reports (docs/hcs/schema.md#properties). Every item names the JSON it came from; every
 * field no item describes is listed as it is (unknown fields are shown, never dropped).
 */
import { formatBytes } from '../lib/format.ts';
import { Reader, isObject, type UnknownField } from './reader.ts';

export type SectionKey =
  'system' | 'processors' | 'memory' | 'storage' | 'network' | 'devices' | 'guest' | 'other';

export interface HardwareItem {
  label: string;
  value: string;
}

/** Where a section's items came from: a label, the path in that JSON, and the JSON itself. */
export interface HardwareSource {
  label: string;
  path: string;
  json: unknown;
}

export interface HardwareSection {
  key: SectionKey;
  title: string;
  items: HardwareItem[];
  sources: HardwareSource[];
  unknown: UnknownField[];
}

/** What the hardware view reads: the create document (parsed) and the V2 property answers, when there are. */
export interface ConfigurationInput {
  createDocument: unknown;
  /** A V2 query without types (Id, SystemType, RuntimeOsType, Owner, HostingSystemId, …). */
  basic?: unknown;
  /** The V2 answers to `Memory`, `ProcessorTopology`, `GuestConnection` (each absent when HCS refused it). */
  memory?: unknown;
  processorTopology?: unknown;
  guestConnection?: unknown;
}

const TITLES: Record<SectionKey, string> = {
  system: 'System and isolation',
  processors: 'Processors',
  memory: 'Memory',
  storage: 'Storage',
  network: 'Network',
  devices: 'Devices',
  guest: 'Guest OS and boot',
  other: 'Other settings',
};
const ORDER: SectionKey[] = [
  'system',
  'processors',
  'memory',
  'storage',
  'network',
  'devices',
  'guest',
  'other',
];

const MB = 1024 * 1024;
const yesNo = (v: boolean | undefined) => (v === undefined ? undefined : v ? 'yes' : 'no');
const megabytes = (mb: number | undefined) =>
  mb === undefined ? undefined : `${mb} MB (${formatBytes(mb * MB)})`;

class Builder {
  private readonly sections = new Map<SectionKey, HardwareSection>();
  /** Readers whose unread fields a section reports; the others' go to "Other settings". */
  private readonly owned = new Map<Reader, SectionKey>();
  private readonly roots: Reader[] = [];

  section(key: SectionKey): HardwareSection {
    let s = this.sections.get(key);
    if (!s) this.sections.set(key, (s = { key, title: TITLES[key], items: [], sources: [], unknown: [] }));
    return s;
  }

  item(key: SectionKey, label: string, value: string | number | undefined): void {
    if (value === undefined || value === '') return;
    this.section(key).items.push({ label, value: String(value) });
  }

  /** The section describes this object: it is its source, and it reports the object's unread fields. */
  own(key: SectionKey, reader: Reader | null, label: string): Reader | null {
    if (!reader) return null;
    this.owned.set(reader, key);
    const section = this.section(key);
    if (!section.sources.some((s) => s.label === label && s.path === reader.path))
      section.sources.push({ label, path: reader.path || '(the whole document)', json: reader.value });
    return reader;
  }

  root(reader: Reader): Reader {
    this.roots.push(reader);
    return reader;
  }

  build(): HardwareSection[] {
    const visit = (reader: Reader, inherited: SectionKey) => {
      const key = this.owned.get(reader) ?? inherited;
      const here = reader.unknownHere();
      if (here.length > 0) this.section(key).unknown.push(...here);
      for (const child of reader.childReaders()) visit(child, this.owned.get(child) ?? key);
    };
    for (const root of this.roots) visit(root, 'other');
    return ORDER.flatMap((key) => {
      const s = this.sections.get(key);
      return s && (s.items.length > 0 || s.unknown.length > 0) ? [s] : [];
    });
  }
}

const DOC = 'Create document';

/** Schema 2 ComputeSystem (VirtualMachine, Container, or a HostedSystem in a utility VM). */
function readSchema2(b: Builder, doc: Reader): void {
  b.own('system', doc, DOC);
  const version = doc.obj('SchemaVersion');
  if (version)
    b.item('system', 'Schema version', `${version.num('Major') ?? '?'}.${version.num('Minor') ?? '?'}`);
  b.item('system', 'Owner', doc.str('Owner'));
  const host = doc.str('HostingSystemId');
  b.item(
    'system',
    'Terminate when the last handle closes',
    yesNo(doc.bool('ShouldTerminateOnLastHandleClosed')),
  );
  const vm = doc.obj('VirtualMachine');
  const hosted = doc.obj('HostedSystem');
  if (hosted) {
    b.own('system', hosted, DOC);
    const hv = hosted.obj('SchemaVersion');
    if (hv) b.item('system', 'Hosted schema version', `${hv.num('Major') ?? '?'}.${hv.num('Minor') ?? '?'}`);
  }
  const container = doc.obj('Container') ?? hosted?.obj('Container') ?? null;
  if (vm) {
    b.item('system', 'Isolation', 'Hyper-V virtual machine');
    readVirtualMachine(b, vm);
  }
  if (container) {
    b.item(
      'system',
      'Isolation',
      host
        ? `Hyper-V isolated container, hosted in utility VM ${host}`
        : 'Process-isolated container (a silo on the host kernel)',
    );
    readContainer(b, container);
  } else if (host) b.item('system', 'Hosted in', host);
}

function readVirtualMachine(b: Builder, vm: Reader): void {
  b.own('system', vm, DOC);
  b.item('system', 'Stop on guest reset', yesNo(vm.bool('StopOnReset')));
  const topology = vm.obj('ComputeTopology');
  b.own('processors', topology, DOC);
  const processor = b.own('processors', topology?.obj('Processor') ?? null, DOC);
  if (processor) {
    b.item('processors', 'Virtual processors', processor.num('Count'));
    b.item('processors', 'Limit (of 100,000)', processor.num('Limit'));
    b.item('processors', 'Weight', processor.num('Weight'));
    b.item('processors', 'Nested virtualisation', yesNo(processor.bool('ExposeVirtualizationExtensions')));
  }
  const memory = b.own('memory', topology?.obj('Memory') ?? null, DOC);
  if (memory) {
    b.item('memory', 'Size', megabytes(memory.num('SizeInMB')));
    b.item('memory', 'Backing', memory.str('Backing'));
    b.item('memory', 'Overcommit', yesNo(memory.bool('AllowOvercommit')));
    b.item('memory', 'Deferred commit', yesNo(memory.bool('EnableDeferredCommit')));
  }
  const chipset = b.own('guest', vm.obj('Chipset'), DOC);
  if (chipset) {
    const uefi = chipset.obj('Uefi');
    if (uefi) {
      b.item('guest', 'Firmware', 'UEFI');
      const boot = uefi.obj('BootThis');
      if (boot) {
        const device = boot.str('DeviceType');
        const path = boot.str('DevicePath');
        const disk = boot.num('DiskNumber');
        b.item(
          'guest',
          'Boots from',
          [device, path, disk !== undefined ? `disk ${disk}` : undefined].filter(Boolean).join(', '),
        );
      }
    }
    const kernel = chipset.obj('LinuxKernelDirect');
    if (kernel) {
      b.item('guest', 'Firmware', 'Linux kernel, booted directly');
      b.item('guest', 'Kernel', kernel.str('KernelFilePath'));
      b.item('guest', 'Initial RAM disk', kernel.str('InitRdPath'));
      b.item('guest', 'Kernel command line', kernel.str('KernelCmdLine'));
    }
  }
  const guest = b.own('guest', vm.obj('GuestConnection'), DOC);
  if (guest)
    b.item(
      'guest',
      'Guest connection',
      guest.bool('UseVsock') ? 'over vsock' : 'yes (HCS waits for the guest at start)',
    );
  const state = b.own('guest', vm.obj('GuestState'), DOC);
  if (state) b.item('guest', 'Guest state file', state.str('GuestStateFilePath') ?? 'set');
  const devices = vm.obj('Devices');
  if (devices) readDevices(b, devices);
}

function readDevices(b: Builder, devices: Reader): void {
  b.own('devices', devices, DOC);
  const scsi = b.own('storage', devices.obj('Scsi'), DOC);
  for (const controller of scsi?.keys() ?? []) {
    const c = scsi!.obj(controller);
    const attachments = c?.obj('Attachments');
    for (const lun of attachments?.keys() ?? []) {
      const a = attachments!.obj(lun);
      if (!a) continue;
      const ro = a.bool('ReadOnly') ? ', read-only' : '';
      b.item(
        'storage',
        `SCSI "${controller}" LUN ${lun}`,
        `${a.str('Type') ?? 'VirtualDisk'}: ${a.str('Path') ?? '(no path)'}${ro}`,
      );
    }
  }
  const pmem = b.own('storage', devices.obj('VirtualPMem'), DOC);
  if (pmem) {
    b.item('storage', 'VPMem devices at most', pmem.num('MaximumCount'));
    const list = pmem.obj('Devices');
    for (const n of list?.keys() ?? []) {
      const d = list!.obj(n);
      if (d)
        b.item(
          'storage',
          `VPMem ${n}`,
          `${d.str('HostPath') ?? '?'} (${d.str('ImageFormat') ?? 'image'}${d.bool('ReadOnly') ? ', read-only' : ''})`,
        );
    }
  }
  const plan9 = b.own('storage', devices.obj('Plan9'), DOC);
  for (const share of plan9?.list('Shares') ?? []) {
    const name = share.str('Name');
    const access = share.str('AccessName');
    const flags = share.num('Flags');
    const detail = [
      `port ${share.num('Port') ?? '?'}`,
      flags ? `flags ${flags}` : '',
      access && access !== name ? `access name ${access}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    b.item(
      'storage',
      `Plan 9 share ${name ?? access ?? ''}`.trim(),
      `${share.str('Path') ?? '?'} (${detail})`,
    );
  }
  const smb = b.own('storage', devices.obj('VirtualSmb'), DOC);
  for (const share of smb?.list('Shares') ?? []) {
    const options = share.obj('Options');
    const ro = options?.bool('ReadOnly') ? ', read-only' : '';
    b.item('storage', `SMB share ${share.str('Name') ?? ''}`.trim(), `${share.str('Path') ?? '?'}${ro}`);
  }
  const adapters = b.own('network', devices.obj('NetworkAdapters'), DOC);
  for (const id of adapters?.keys() ?? []) {
    const a = adapters!.obj(id);
    if (a)
      b.item(
        'network',
        `Adapter ${id}`,
        `endpoint ${a.str('EndpointId') ?? '?'}${a.str('MacAddress') ? `, MAC ${a.str('MacAddress')}` : ''}`,
      );
  }
  const com = devices.obj('ComPorts');
  for (const n of com?.keys() ?? []) {
    const port = com!.obj(n);
    if (port) b.item('devices', `COM${Number(n) + 1}`, port.str('NamedPipe') ?? 'present');
  }
  b.own('devices', com, DOC);
  for (const name of devices.keys()) {
    if (['Scsi', 'VirtualPMem', 'Plan9', 'VirtualSmb', 'NetworkAdapters', 'ComPorts'].includes(name))
      continue;
    const value = devices.raw(name);
    b.item(
      'devices',
      name,
      isObject(value) && Object.keys(value).length === 0 ? 'present' : summarize(value),
    );
  }
}

function readContainer(b: Builder, c: Reader): void {
  b.own('system', c, DOC);
  const guest = b.own('guest', c.obj('GuestOs'), DOC);
  if (guest) b.item('guest', 'Host name', guest.str('HostName'));
  const storage = b.own('storage', c.obj('Storage'), DOC);
  if (storage) {
    b.item('storage', 'Scratch volume', storage.str('Path'));
    storage
      .list('Layers')
      .forEach((layer, i) =>
        b.item(
          'storage',
          `Layer ${i + 1}`,
          `${layer.str('Path') ?? '?'}${layer.str('Id') ? ` (${layer.str('Id')})` : ''}`,
        ),
      );
  }
  readMappedDirectories(b, c, 'MappedDirectories');
  for (const pipe of c.list('MappedPipes')) {
    b.own('storage', pipe, DOC);
    b.item('storage', `Pipe ${pipe.str('ContainerPipeName') ?? ''}`.trim(), pipe.str('HostPath') ?? '?');
  }
  const memory = b.own('memory', c.obj('Memory'), DOC);
  if (memory) b.item('memory', 'Limit', megabytes(memory.num('SizeInMB')));
  const processor = b.own('processors', c.obj('Processor'), DOC);
  if (processor) {
    b.item('processors', 'Processors', processor.num('Count'));
    b.item('processors', 'Maximum (of 10,000)', processor.num('Maximum'));
    b.item('processors', 'Weight', processor.num('Weight'));
  }
  const net = b.own('network', c.obj('Networking'), DOC);
  if (net) {
    b.item('network', 'Namespace', net.str('Namespace'));
    const adapters = net.raw('NetworkAdapters');
    if (Array.isArray(adapters))
      adapters.forEach((a, i) => b.item('network', `Endpoint ${i + 1}`, summarize(a)));
    b.item('network', 'Unqualified DNS queries', yesNo(net.bool('AllowUnqualifiedDnsQuery')));
    const search = net.raw('DnsSearchList');
    if (search !== undefined) b.item('network', 'DNS search list', summarize(search));
  }
}

function readMappedDirectories(b: Builder, r: Reader, key: string): void {
  for (const dir of r.list(key)) {
    b.own('storage', dir, DOC);
    const ro = dir.bool('ReadOnly') ? ', read-only' : '';
    b.item(
      'storage',
      `Mapped directory ${dir.str('ContainerPath') ?? '?'}`,
      `from the host's ${dir.str('HostPath') ?? '?'}${ro}`,
    );
  }
}

/** Schema 1 ContainerConfig (docs/hcs/schema.md#containerconfig). */
function readSchema1(b: Builder, doc: Reader): void {
  b.own('system', doc, DOC);
  b.item('system', 'Schema', '1 (ContainerConfig)');
  b.item('system', 'System type', doc.str('SystemType'));
  b.item('system', 'Name', doc.str('Name'));
  b.item('system', 'Owner', doc.str('Owner'));
  const hv = doc.bool('HvPartition');
  b.item(
    'system',
    'Isolation',
    hv ? 'Hyper-V isolated (a utility VM of its own)' : 'Process-isolated (a silo on the host kernel)',
  );
  b.item('system', 'Terminate when the last handle closes', yesNo(doc.bool('TerminateOnLastHandleClosed')));
  b.item('processors', 'Processors', doc.num('ProcessorCount'));
  b.item('processors', 'Weight', doc.num('ProcessorWeight'));
  b.item('processors', 'Maximum (of 10,000)', doc.num('ProcessorMaximum'));
  b.item('memory', 'Limit', megabytes(doc.num('MemoryMaximumInMB')));
  b.item('storage', 'Scratch volume', doc.str('VolumePath'));
  b.item('storage', 'Layer folder', doc.str('LayerFolderPath'));
  doc.list('Layers').forEach((layer, i) => {
    b.own('storage', layer, DOC);
    b.item(
      'storage',
      `Layer ${i + 1}`,
      `${layer.str('Path') ?? '?'}${layer.str('ID') ? ` (${layer.str('ID')})` : ''}`,
    );
  });
  b.item('storage', 'Ignore flushes during boot', yesNo(doc.bool('IgnoreFlushesDuringBoot')));
  readMappedDirectories(b, doc, 'MappedDirectories');
  for (const pipe of doc.list('MappedPipes')) {
    b.own('storage', pipe, DOC);
    b.item('storage', `Pipe ${pipe.str('ContainerPipeName') ?? ''}`.trim(), pipe.str('HostPath') ?? '?');
  }
  const endpoints = doc.raw('EndpointList');
  if (Array.isArray(endpoints))
    endpoints.forEach((e, i) => b.item('network', `Endpoint ${i + 1}`, summarize(e)));
  b.item('network', 'Shares the network of', doc.str('NetworkSharedContainerName'));
  b.item('network', 'Unqualified DNS queries', yesNo(doc.bool('AllowUnqualifiedDNSQuery')));
  const search = doc.raw('DNSSearchList');
  if (search !== undefined) b.item('network', 'DNS search list', summarize(search));
  b.item('guest', 'Host name', doc.str('HostName'));
  const runtime = b.own('guest', doc.obj('HvRuntime'), DOC);
  if (runtime) {
    b.item('guest', 'Utility VM image', runtime.str('ImagePath'));
    b.item('guest', 'Kernel', runtime.str('LinuxKernelFile'));
    b.item('guest', 'Initial RAM disk', runtime.str('LinuxInitrdFile'));
    b.item('guest', 'Kernel command line', runtime.str('LinuxBootParameters'));
  }
  if (doc.has('Credentials')) {
    doc.raw('Credentials');
    b.item('system', 'Credential spec', 'set (not shown)');
  }
}

/** The V2 properties HCS reports: they describe every system, whoever created it. */
function readProperties(b: Builder, input: ConfigurationInput): void {
  if (isObject(input.basic)) {
    const basic = b.root(new Reader(input.basic, ''));
    b.own('system', basic, 'V2 properties');
    b.item('system', 'System type (HCS)', basic.str('SystemType'));
    b.item('guest', 'Guest OS (HCS)', basic.str('RuntimeOsType'));
    b.item('system', 'Owner (HCS)', basic.str('Owner'));
    b.item('system', 'Hosted in (HCS)', basic.str('HostingSystemId'));
    // What the list already shows: read, so it is not repeated as unknown.
    for (const key of [
      'Id',
      'Name',
      'State',
      'Stopped',
      'ExitType',
      'RuntimeId',
      'SiloGuid',
      'RuntimeTemplateId',
      'IsRuntimeTemplate',
    ])
      basic.raw(key);
  }
  if (isObject(input.memory)) {
    const memory = b.root(new Reader(input.memory, 'Memory'));
    b.own('memory', memory, 'V2 properties: Memory');
    const vmMemory = memory.obj('VirtualMachineMemory');
    if (vmMemory) {
      const assigned = vmMemory.num('AssignedMemory');
      if (assigned !== undefined) b.item('memory', 'Assigned now (HCS)', formatBytes(assigned * 4096));
      const available = vmMemory.num('AvailableMemory');
      if (available !== undefined)
        b.item('memory', 'Available in the guest (HCS)', formatBytes(available * MB));
      b.item('memory', 'Dynamic memory balancing', yesNo(vmMemory.bool('BalancingEnabled')));
    }
    const nodes = memory.list('VirtualNodes');
    if (nodes.length > 0) {
      const vps = nodes.reduce((n, node) => n + (node.num('VirtualProcessorCount') ?? 0), 0);
      b.item('processors', 'Virtual processors (HCS)', vps);
      b.item('memory', 'NUMA nodes (HCS)', nodes.length);
    }
  }
  if (isObject(input.processorTopology)) {
    const topology = b.root(new Reader(input.processorTopology, 'ProcessorTopology'));
    b.own('processors', topology, 'V2 properties: ProcessorTopology');
    b.item('processors', 'Logical processors (HCS)', topology.num('LogicalProcessorCount'));
    topology.raw('LogicalProcessors');
  }
  if (isObject(input.guestConnection)) {
    const guest = b.root(new Reader(input.guestConnection, 'GuestConnectionInfo'));
    b.own('guest', guest, 'V2 properties: GuestConnection');
    const versions = guest.raw('SupportedSchemaVersions');
    if (Array.isArray(versions))
      b.item(
        'guest',
        'Guest schema versions',
        versions.map((v) => (isObject(v) ? `${String(v.Major)}.${String(v.Minor)}` : '?')).join(', '),
      );
    b.item('guest', 'Guest protocol version', guest.num('ProtocolVersion'));
    const capabilities = guest.obj('GuestDefinedCapabilities');
    if (capabilities) {
      const on = capabilities.keys().filter((k) => capabilities.bool(k) === true);
      b.item('guest', 'Guest capabilities', on.length > 0 ? on.join(', ') : 'none reported');
    }
  }
}

/** JSON in a line: a value that no item describes, shown as it is. */
export function summarize(value: unknown): string {
  if (typeof value === 'string') return value;
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

export function describeConfiguration(input: ConfigurationInput): HardwareSection[] {
  const b = new Builder();
  if (isObject(input.createDocument)) {
    const doc = b.root(new Reader(input.createDocument, ''));
    const schema2 = ['SchemaVersion', 'VirtualMachine', 'Container', 'HostedSystem'].some((k) => doc.has(k));
    if (schema2) readSchema2(b, doc);
    else readSchema1(b, doc);
  }
  readProperties(b, input);
  return b.build();
}

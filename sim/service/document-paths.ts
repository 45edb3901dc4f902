// The host paths a create document names, so that a simulated Windows system's root holds them (sim/PROTOCOL.md
// "Windows systems"): layer folders and the files of a VM (which exist on a real host before the create call), and
// mapped directories (a host directory that the container sees at its own path).
type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(o: Obj | undefined, key: string): string | null {
  const v = o?.[key];
  return typeof v === 'string' && v !== '' ? v : null;
}

function objects(v: unknown): Obj[] {
  if (Array.isArray(v)) return v.filter(isObject);
  if (isObject(v)) return Object.values(v).filter(isObject);
  return [];
}

export interface MappedDirectory {
  hostPath: string;
  containerPath: string;
  readOnly: boolean;
}

export interface DocumentPaths {
  /** Directories that exist on the host: layer folders, VSMB/Plan9 share folders, a scratch folder. */
  directories: string[];
  /** Files the host has (VM disks, guest state): their directories exist. */
  files: string[];
  mappedDirectories: MappedDirectory[];
}

function mappedDirectories(list: unknown): MappedDirectory[] {
  return objects(list).flatMap((m) => {
    const hostPath = str(m, 'HostPath');
    const containerPath = str(m, 'ContainerPath');
    return hostPath && containerPath ? [{ hostPath, containerPath, readOnly: m.ReadOnly === true }] : [];
  });
}

/** schema1 ContainerConfig: LayerFolderPath, Layers, HvRuntime.ImagePath, MappedDirectories. */
function schema1Paths(doc: Obj): DocumentPaths {
  const hv = isObject(doc.HvRuntime) ? doc.HvRuntime : undefined;
  const directories = [
    str(doc, 'LayerFolderPath'),
    ...objects(doc.Layers).map((l) => str(l, 'Path')),
    str(hv, 'ImagePath'),
  ];
  const files = [str(hv, 'LinuxKernelFile'), str(hv, 'LinuxInitrdFile')];
  return {
    directories: directories.filter((d): d is string => d !== null),
    files: files.filter((f): f is string => f !== null),
    mappedDirectories: mappedDirectories(doc.MappedDirectories),
  };
}

/** schema2 ComputeSystem: a Container's layers and mapped directories, a VirtualMachine's shares and files. */
function schema2Paths(doc: Obj): DocumentPaths {
  const directories: Array<string | null> = [];
  const files: Array<string | null> = [];
  const mapped: MappedDirectory[] = [];
  const hosted = isObject(doc.HostedSystem) ? doc.HostedSystem : undefined;
  for (const container of [doc.Container, hosted?.Container]) {
    if (!isObject(container)) continue;
    const storage = isObject(container.Storage) ? container.Storage : undefined;
    directories.push(...objects(storage?.Layers).map((l) => str(l, 'Path')));
    mapped.push(...mappedDirectories(container.MappedDirectories));
  }
  const vm = isObject(doc.VirtualMachine) ? doc.VirtualMachine : undefined;
  const devices = isObject(vm?.Devices) ? vm.Devices : undefined;
  if (devices) {
    for (const controller of objects(devices.Scsi))
      files.push(...objects(controller.Attachments).map((a) => str(a, 'Path')));
    const vsmb = isObject(devices.VirtualSmb) ? devices.VirtualSmb : undefined;
    directories.push(...objects(vsmb?.Shares).map((s) => str(s, 'Path')));
    const plan9 = isObject(devices.Plan9) ? devices.Plan9 : undefined;
    directories.push(...objects(plan9?.Shares).map((s) => str(s, 'Path')));
  }
  const chipset = isObject(vm?.Chipset) ? vm.Chipset : undefined;
  const kernel = isObject(chipset?.LinuxKernelDirect) ? chipset.LinuxKernelDirect : undefined;
  files.push(str(kernel, 'KernelFilePath'), str(kernel, 'InitRdPath'));
  const guestState = isObject(vm?.GuestState) ? vm.GuestState : undefined;
  files.push(str(guestState, 'GuestStateFilePath'), str(guestState, 'RuntimeStateFilePath'));
  return {
    directories: directories.filter((d): d is string => d !== null),
    files: files.filter((f): f is string => f !== null),
    mappedDirectories: mapped,
  };
}

export function documentPaths(doc: Obj): DocumentPaths {
  return doc.SchemaVersion === undefined ? schema1Paths(doc) : schema2Paths(doc);
}

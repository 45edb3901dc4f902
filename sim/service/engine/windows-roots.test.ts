// Windows systems' roots on a fake host: what create puts there, where drive paths of processes and save-state
// files land, and that the root goes with the system.
import { existsSync, lstatSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HR } from '../hresult.ts';
import { HOST_PATH } from '../processes.ts';
import type { Engine } from './engine.ts';
import { created, DELAY, fakeEngine, type FakeHost, hrOf, session, VM_DOC } from './testing.ts';

let engine: Engine;
let host: FakeHost;
let stop: () => Promise<void>;

beforeEach(() => {
  ({ engine, host, stop } = fakeEngine());
});
afterEach(() => stop());

const LAYER =
  'C:\\ProgramData\\docker\\windowsfilter\\65bf96e5760a09edf1790cb229e2dfb2dbd0fcdc0bf7451bae099106bfbfea0c';
const DOCKER_DOC = JSON.stringify({
  SystemType: 'Container',
  Name: 'web',
  Owner: 'docker',
  IgnoreFlushesDuringBoot: true,
  LayerFolderPath: 'C:\\ProgramData\\docker\\windowsfilter\\web',
  Layers: [{ ID: '18955d65-d45a-557b-bf1c-49d6dfefc526', Path: LAYER }],
  MappedDirectories: [{ HostPath: 'C:\\Users\\dev\\src', ContainerPath: 'C:\\app', ReadOnly: false }],
  HvPartition: false,
});
const WINDOWS_VM_DOC = JSON.stringify({
  SchemaVersion: { Major: 2, Minor: 1 },
  VirtualMachine: {
    Chipset: { Uefi: {} },
    Devices: {
      Scsi: { primary: { Attachments: { '0': { Type: 'VirtualDisk', Path: 'C:\\uvm\\sandbox.vhdx' } } } },
    },
  },
});

function start(h: ReturnType<typeof created>['h']) {
  engine.lifecycle.run(h, 'Start', null);
  vi.advanceTimersByTime(DELAY);
}

describe('a Windows system’s root', () => {
  it('holds the image directories, the layers and the mapped directories its document names', () => {
    const s = session(1);
    const { h } = created(engine, s, 'web', DOCKER_DOC);
    const root = h.system.root!;
    expect(existsSync(join(root, 'C', 'Windows', 'System32'))).toBe(true);
    expect(existsSync(engine.roots.resolve(h.system, LAYER))).toBe(true);
    const app = join(root, 'C', 'app');
    expect(lstatSync(app).isSymbolicLink()).toBe(true);
    expect(realpathSync(app)).toBe(realpathSync(join(root, 'C', 'Users', 'dev', 'src')));
  });

  it('is where a process’s drive-path working directory is, found in any case', () => {
    const s = session(1);
    const { h } = created(engine, s, 'web', DOCKER_DOC);
    start(h);
    engine.processes.create(h, '{"CommandLine":"cmd /S /C dir","WorkingDirectory":"C:\\\\"}');
    engine.processes.create(h, '{"CommandLine":"dir","WorkingDirectory":"c:\\\\APP"}');
    expect(host.spawned.map((r) => r.cwd)).toEqual([
      join(h.system.root!, 'C'),
      join(h.system.root!, 'C', 'app'),
    ]);
    expect(
      hrOf(() => engine.processes.create(h, '{"CommandLine":"dir","WorkingDirectory":"C:\\\\nope"}')),
    ).toBe(HR.DIRECTORY);
  });

  it('takes the save-state file, and goes when the system is cleaned up', () => {
    const s = session(1);
    const { h } = created(engine, s, 'vm', WINDOWS_VM_DOC);
    const root = h.system.root!;
    start(h);
    engine.lifecycle.run(h, 'Pause', null);
    vi.advanceTimersByTime(DELAY);
    engine.lifecycle.run(h, 'Save', '{"SaveType":"ToFile","SaveStateFilePath":"C:\\\\uvm\\\\vm.vmrs"}');
    vi.advanceTimersByTime(DELAY);
    expect(JSON.parse(readFileSync(join(root, 'C', 'uvm', 'vm.vmrs'), 'utf8'))).toMatchObject({ Id: 'vm' });
    expect(h.system.saved?.path).toBe('C:\\uvm\\vm.vmrs');
    engine.lifecycle.run(h, 'Terminate', null);
    vi.advanceTimersByTime(DELAY);
    engine.handles.closeSystem(h);
    expect(existsSync(root)).toBe(false);
  });
});

describe('a Windows system’s environment', () => {
  it('has a Path that names the mapped directories, then the host’s search path', () => {
    const s = session(1);
    const { h } = created(engine, s, 'web', DOCKER_DOC);
    start(h);
    engine.processes.create(
      h,
      JSON.stringify({
        CommandLine: 'sleep 1',
        Environment: { Path: 'C:\\Windows\\system32;C:\\Windows;;relative' },
      }),
    );
    const env = host.spawned[0]!.env;
    const root = h.system.root!;
    expect(env).toContain(
      `PATH=${join(root, 'C', 'Windows', 'System32')}:${join(root, 'C', 'Windows')}:${HOST_PATH}`,
    );
    expect(env.some((e) => e.startsWith('Path='))).toBe(false);
  });
});

describe('a Linux system', () => {
  it('has no root: its paths are host paths, and a drive path names nothing', () => {
    const s = session(1);
    const { h } = created(engine, s, 'lcow', VM_DOC);
    expect(h.system.root).toBeNull();
    start(h);
    expect(hrOf(() => engine.processes.create(h, '{"CommandLine":"true","WorkingDirectory":"C:\\\\"}'))).toBe(
      HR.DIRECTORY,
    );
  });
});

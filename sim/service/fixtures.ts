// Fixtures: the systems a service starts with (or is reset to). Validated at the control API boundary; a system
// without a document gets a plausible one for its type and OS, so every system answers properties the same way.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Fixture, FixtureSystem } from '../control/types.ts';
import { guidFromName } from './guid.ts';
import { OP_NAMES } from './ops.ts';

const fixturesDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

const FixtureSystemSchema = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  owner: z.string().optional(),
  systemType: z.enum(['Container', 'VirtualMachine']),
  runtimeOsType: z.enum(['windows', 'linux']).optional(),
  state: z.enum(['Created', 'Running', 'Paused', 'Stopped']).optional(),
  runtimeId: z.string().optional(),
  document: z.record(z.string(), z.unknown()).optional(),
  uptimeSeconds: z.number().nonnegative().optional(),
});

export const FixtureSchema = z.object({
  systems: z.array(FixtureSystemSchema),
  completionDelayMs: z.number().int().nonnegative().optional(),
});

const OpNameSchema = z.enum(OP_NAMES as [string, ...string[]]);

export const FaultSpecSchema = z.object({
  system: z.string().min(1).optional(),
  latencyMs: z.number().int().nonnegative().optional(),
  holdNotifications: z.boolean().optional(),
  hang: z.array(OpNameSchema).optional(),
  accessDenied: z.array(OpNameSchema).optional(),
  malformedJson: z.array(OpNameSchema).optional(),
});

/** A one-line account of what is wrong with a value, for a 400 answer or a startup error. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

export function parseFixture(value: unknown): Fixture {
  const r = FixtureSchema.safeParse(value);
  if (!r.success) throw new Error(`invalid fixture: ${describeIssues(r.error)}`);
  const ids = new Set<string>();
  for (const s of r.data.systems) {
    const key = s.id.toLowerCase();
    if (ids.has(key)) throw new Error(`invalid fixture: duplicate system id '${s.id}'`);
    ids.add(key);
  }
  return r.data as Fixture;
}

/** A path, or the name of a fixture in sim/fixtures ("demo", "test"). */
export function resolveFixturePath(nameOrPath: string): string {
  if (!nameOrPath.includes('/') && !nameOrPath.endsWith('.json'))
    return resolve(fixturesDir, `${nameOrPath}.json`);
  return isAbsolute(nameOrPath) ? nameOrPath : resolve(process.cwd(), nameOrPath);
}

export function loadFixtureFile(nameOrPath: string): Fixture {
  const path = resolveFixturePath(nameOrPath);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read fixture ${path}: ${(e as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`fixture ${path} is not valid JSON: ${(e as Error).message}`);
  }
  return parseFixture(value);
}

/** A create document for a fixture system that gives none. */
export function synthesizeDocument(s: FixtureSystem): Record<string, unknown> {
  const os = s.runtimeOsType ?? 'windows';
  const owner = s.owner ?? 'hcs-sim';
  const layer = guidFromName(s.id, 'layer');
  if (s.systemType === 'VirtualMachine') {
    const chipset =
      os === 'linux'
        ? {
            LinuxKernelDirect: {
              KernelFilePath: 'C:\\sim\\kernel',
              InitRdPath: 'C:\\sim\\initrd.img',
              KernelCmdLine: 'quiet',
            },
          }
        : { Uefi: { BootThis: { DeviceType: 'VmbFs', DevicePath: '\\EFI\\Microsoft\\Boot\\bootmgfw.efi' } } };
    return {
      Owner: owner,
      SchemaVersion: { Major: 2, Minor: 1 },
      VirtualMachine: {
        StopOnReset: true,
        Chipset: chipset,
        ComputeTopology: { Memory: { SizeInMB: 1024, AllowOvercommit: true }, Processor: { Count: 2 } },
        Devices: os === 'linux' ? { Plan9: {} } : { VirtualSmb: { Shares: [] } },
      },
      ShouldTerminateOnLastHandleClosed: true,
    };
  }
  if (os === 'linux') {
    return {
      SystemType: 'Container',
      Name: s.name ?? s.id,
      Owner: owner,
      ContainerType: 'Linux',
      HvPartition: true,
      LayerFolderPath: `C:\\ProgramData\\hcs-sim\\${s.id}`,
      Layers: [{ ID: layer, Path: `C:\\ProgramData\\hcs-sim\\layers\\${layer}` }],
    };
  }
  return {
    Owner: owner,
    SchemaVersion: { Major: 2, Minor: 1 },
    Container: {
      Storage: {
        Layers: [{ Id: layer, Path: `C:\\ProgramData\\hcs-sim\\layers\\${layer}` }],
        Path: `\\\\?\\Volume{${guidFromName(s.id, 'volume')}}\\`,
      },
    },
    ShouldTerminateOnLastHandleClosed: true,
  };
}

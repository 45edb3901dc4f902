// Shared bits of the src/hcs integration tests: unique ids, create documents, and the leak check against the
// simulator's view of this process's handles and registrations.
import { expect } from 'vitest';
import type { SimControl } from '../../sim/control/client.ts';
import { formatHresult, hcsApi } from '../../src/hcs/index.ts';

/**
 * An HCS code, given in vmcompute's 0xC037xxxx form, as the API under test reports it: the same value through
 * vmcompute.dll (the integration project), 0x8037xxxx through computecore.dll (integration-v2). Other codes
 * are the same in both.
 */
export function inApiForm(code: number): number {
  const raw = code >>> 0;
  if (hcsApi() === 'v2' && (raw & 0xffff0000) >>> 0 === 0xc0370000)
    return (0x80370000 | (raw & 0xffff)) >>> 0;
  return raw;
}

/** inApiForm as the simulator's call log writes it ("0xC0370103"). */
export function inApiFormHex(code: number): string {
  return formatHresult(inApiForm(code));
}

/** True when this file runs through the HCS V2 binding (the integration-v2 project). */
export function isV2(): boolean {
  return hcsApi() === 'v2';
}

let counter = 0;

/** An id no other test in this process uses. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${process.pid}-${++counter}`;
}

/** A v1 Windows container document (schema1.ContainerConfig). */
export function containerDoc(name: string): Record<string, unknown> {
  return { SystemType: 'Container', Name: name, Owner: 'hcs-integration' };
}

/** A v2 Linux utility VM document (schema2.ComputeSystem). */
export function linuxVmDoc(): Record<string, unknown> {
  return {
    Owner: 'hcs-integration',
    SchemaVersion: { Major: 2, Minor: 1 },
    VirtualMachine: {
      Chipset: { LinuxKernelDirect: { KernelFilePath: '/kernel', InitRdPath: '/initrd' } },
      ComputeTopology: { Memory: { SizeInMB: 1024 }, Processor: { Count: 2 } },
    },
  };
}

/** What the simulator says this process holds: system handles, process handles, callback registrations. */
export async function heldByUs(
  control: SimControl,
): Promise<{ systems: number; processes: number; registrations: number }> {
  const mine = (await control.clients()).filter((c) => c.pid === process.pid);
  return {
    systems: mine.reduce((n, c) => n + c.systemHandles.length, 0),
    processes: mine.reduce((n, c) => n + c.processHandles.length, 0),
    registrations: mine.reduce((n, c) => n + c.registrations.length, 0),
  };
}

/** Asserts that this process holds nothing in the simulator. */
export async function expectNothingHeld(control: SimControl): Promise<void> {
  expect(await heldByUs(control)).toEqual({ systems: 0, processes: 0, registrations: 0 });
}

/** Reads a stream to its end as UTF-8 text. */
export async function readAll(stream: NodeJS.ReadableStream | null): Promise<string> {
  if (!stream) return '';
  let text = '';
  for await (const chunk of stream)
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
  return text;
}

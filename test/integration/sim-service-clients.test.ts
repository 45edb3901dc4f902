// Several clients of one simulator: they see the same systems, each gets its own handles, all hear a system exit,
// and whatever a client held is released when it goes away (GET /clients is how tests check for leaks).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WireClient } from '../../sim/control/wire-client.ts';
import { HR } from '../../sim/service/hresult.ts';
import { Notification } from '../../sim/service/ops.ts';
import { startSim, type StartedSim } from '../helpers/sim.ts';

let sim: StartedSim;
const open: WireClient[] = [];

beforeAll(async () => {
  sim = await startSim({ fixture: 'test' });
});

afterAll(async () => {
  await sim.stop();
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  await sim.control.reset();
});

async function client(name: string): Promise<WireClient> {
  const c = await WireClient.connect(sim.socketPath, name);
  open.push(c);
  return c;
}

async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 10));
}

describe('two clients', () => {
  it('see the same systems through their own handles, and both hear SystemExited', async () => {
    const a = await client('alpha');
    const b = await client('beta');
    const ha = (await a.op('OpenComputeSystem', 'test-vm-running')).out.handle as number;
    const hb1 = (await b.op('OpenComputeSystem', 'test-vm-running')).out.handle as number;
    const hb2 = (await b.op('OpenComputeSystem', 'TEST-VM-RUNNING')).out.handle as number;
    expect(new Set([ha, hb1, hb2]).size).toBe(3);
    // A handle is only good for the client it was given to.
    expect((await a.op('GetComputeSystemProperties', hb1, '{}')).hr).toBe(HR.INVALID_HANDLE);

    const ra = (await a.op('RegisterComputeSystemCallback', ha)).out.registration as number;
    const rb1 = (await b.op('RegisterComputeSystemCallback', hb1)).out.registration as number;
    const rb2 = (await b.op('RegisterComputeSystemCallback', hb2)).out.registration as number;

    expect((await b.op('TerminateComputeSystem', hb2, '')).hr).toBe(HR.PENDING);
    const exits = await Promise.all([
      a.waitFor((n) => n.registration === ra && n.type === Notification.SystemExited),
      b.waitFor((n) => n.registration === rb1 && n.type === Notification.SystemExited),
      b.waitFor((n) => n.registration === rb2 && n.type === Notification.SystemExited),
    ]);
    for (const n of exits) expect(JSON.parse(n.data!)).toMatchObject({ ExitType: 'ForcedExit' });

    const props = JSON.parse((await a.op('GetComputeSystemProperties', ha, '{}')).out.properties as string);
    expect(props).toMatchObject({ State: 'Stopped', ExitType: 'ForcedExit' });
  });

  it('list what each client holds', async () => {
    const a = await client('alpha');
    const h = (await a.op('OpenComputeSystem', 'test-container-running')).out.handle as number;
    const reg = (await a.op('RegisterComputeSystemCallback', h)).out.registration as number;
    const p = await a.op('CreateProcess', h, '{"CommandLine":"sleep 30"}');
    const ph = p.out.process as number;
    const clients = await sim.control.clients();
    expect(clients).toEqual([
      {
        id: a.clientId,
        name: 'alpha',
        pid: process.pid,
        connectedAt: expect.any(String),
        systemHandles: [{ handle: h, systemId: 'test-container-running' }],
        processHandles: [{ handle: ph, systemId: 'test-container-running', pid: p.out.pid }],
        registrations: [{ registration: reg, handle: h, kind: 'system' }],
      },
    ]);
    expect((await sim.control.calls(a.clientId)).map((e) => e.op)).toEqual([
      'Hello',
      'OpenComputeSystem',
      'RegisterComputeSystemCallback',
      'CreateProcess',
    ]);
  });
});

describe('a client that goes away', () => {
  it('leaves nothing behind: handles, registrations, process handles, and the stopped systems only it held', async () => {
    const a = await client('leaver');
    const created = await a.op(
      'CreateComputeSystem',
      'leaver-vm',
      JSON.stringify({ SchemaVersion: { Major: 2, Minor: 1 }, VirtualMachine: {} }),
      0,
    );
    const h = created.out.handle as number;
    await a.op('RegisterComputeSystemCallback', h);
    await a.op('TerminateComputeSystem', h, '');
    await a.waitFor((n) => n.type === Notification.SystemExited);
    const running = (await a.op('OpenComputeSystem', 'test-container-running')).out.handle as number;
    const p = await a.op('CreateProcess', running, '{"CommandLine":"sleep 30"}');
    await a.op('RegisterProcessCallback', p.out.process as number);
    expect((await sim.control.clients()).map((c) => c.name)).toEqual(['leaver']);

    await a.close();
    open.splice(open.indexOf(a), 1);
    await until(async () => (await sim.control.clients()).length === 0);
    const systems = await sim.control.systems();
    expect(systems.some((s) => s.id === 'leaver-vm')).toBe(false);
    const container = systems.find((s) => s.id === 'test-container-running')!;
    expect(container.handles).toEqual([]);
    // Its process keeps running in the container: closing a handle does not kill.
    expect(container.processes).toMatchObject([{ pid: p.out.pid, exited: false, handles: [] }]);
  });

  it('does not disturb the others when it breaks the protocol', async () => {
    const good = await client('good');
    const bad = await client('bad');
    const header = Buffer.alloc(16);
    header.writeUInt32LE(64 * 1024 * 1024, 0); // a 64 MiB frame: over the limit
    header.writeUInt32LE(1, 4);
    bad.writeRaw(header);
    await bad.closed;
    const r = await good.op('EnumerateComputeSystems', null);
    expect(r.hr).toBe(0);
    await until(async () => (await sim.control.clients()).every((c) => c.name !== 'bad'));
    expect(sim.stderr()).toMatch(
      /protocol error, closing the connection: frame of 67108864 bytes exceeds the limit/,
    );
  });
});

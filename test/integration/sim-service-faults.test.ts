// Fault injection through the control API: latency, hangs released by clearing, access denied, malformed JSON,
// crashes, a service that drops every client and refuses connects for a while, and reset.
import { connect } from 'node:net';
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

async function client(name = 'faults-test'): Promise<WireClient> {
  const c = await WireClient.connect(sim.socketPath, name);
  open.push(c);
  return c;
}

function tryConnect(path: string): Promise<'connected' | string> {
  return new Promise((resolve) => {
    const s = connect(path);
    s.once('connect', () => {
      s.destroy();
      resolve('connected');
    });
    s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

describe('faults', () => {
  it('delays calls by the latency, for the whole service or one system', async () => {
    const c = await client();
    await sim.control.setFaults({ system: 'test-vm-running', latencyMs: 150 });
    const slow = (await c.op('OpenComputeSystem', 'test-vm-running')).out.handle as number;
    expect(slow).toBeGreaterThan(0);
    expect((await c.op('OpenComputeSystem', 'test-vm-paused')).hr).toBe(0);
    const log = await sim.control.calls(c.clientId);
    const opens = log.filter((e) => e.op === 'OpenComputeSystem');
    // The service waited (at least) the latency for the faulted system only.
    expect(opens[0]!.durationMs).toBeGreaterThanOrEqual(140);
    expect(opens[1]!.args).toEqual({ id: 'test-vm-paused' });
    expect((await sim.control.faults()).systems['test-vm-running']).toMatchObject({ latencyMs: 150 });
  });

  it('holds a hung call until the faults are cleared, then answers WAIT_TIMEOUT', async () => {
    const c = await client();
    const h = (await c.op('OpenComputeSystem', 'test-container-created')).out.handle as number;
    await sim.control.setFaults({ hang: ['StartComputeSystem'] });
    let answered = false;
    const call = c.op('StartComputeSystem', h, '').then((r) => {
      answered = true;
      return r;
    });
    // Other calls go on while one hangs.
    expect((await c.op('GetComputeSystemProperties', h, '{}')).hr).toBe(0);
    while ((await sim.control.faults()).hungCalls === 0) await new Promise((r) => setTimeout(r, 10));
    expect(answered).toBe(false);
    await sim.control.clearFaults();
    const r = await call;
    expect(r.hr).toBe(HR.WAIT_TIMEOUT);
    expect(r.result!.ErrorEvents[0]!.Message).toMatch(/hang fault/);
    // The hung call did nothing.
    expect((await sim.control.systems()).find((s) => s.id === 'test-container-created')!.state).toBe(
      'Created',
    );
  });

  it('denies access to the named ops with an ErrorEvent', async () => {
    const c = await client();
    await sim.control.setFaults({ accessDenied: ['OpenComputeSystem'] });
    const r = await c.op('OpenComputeSystem', 'test-vm-running');
    expect(r.hr).toBe(HR.ACCESS_DENIED);
    expect(r.out.handle).toBe(0);
    expect(r.result).toMatchObject({
      Error: HR.ACCESS_DENIED | 0,
      ErrorEvents: [{ Message: 'Access is denied.' }],
    });
    expect((await c.op('EnumerateComputeSystems', null)).hr).toBe(0);
  });

  it('truncates the JSON of the named ops', async () => {
    const c = await client();
    await sim.control.setFaults({ malformedJson: ['EnumerateComputeSystems', 'GetComputeSystemProperties'] });
    const list = await c.op('EnumerateComputeSystems', null);
    expect(list.hr).toBe(0);
    expect(() => JSON.parse(list.out.computeSystems as string)).toThrow();
    const h = (await c.op('OpenComputeSystem', 'test-vm-running')).out.handle as number;
    const props = (await c.op('GetComputeSystemProperties', h, '{}')).out.properties as string;
    expect(() => JSON.parse(props)).toThrow();
    await sim.control.clearFaults();
    expect(
      JSON.parse((await c.op('EnumerateComputeSystems', null)).out.computeSystems as string),
    ).toHaveLength(5);
  });

  it('crashes a system: SystemExited with 0xC0370106 and ExitType UnexpectedExit', async () => {
    const c = await client();
    const h = (await c.op('OpenComputeSystem', 'test-vm-running')).out.handle as number;
    const reg = (await c.op('RegisterComputeSystemCallback', h)).out.registration as number;
    await sim.control.crash('test-vm-running');
    const n = await c.waitFor((x) => x.registration === reg && x.type === Notification.SystemExited);
    expect(n.status).toBe(HR.UNEXPECTED_EXIT);
    expect(JSON.parse(n.data!)).toMatchObject({ ExitType: 'UnexpectedExit' });
    const props = JSON.parse((await c.op('GetComputeSystemProperties', h, '{}')).out.properties as string);
    expect(props).toMatchObject({ State: 'Stopped', ExitType: 'UnexpectedExit' });
    await expect(sim.control.crash('test-vm-running')).rejects.toThrow(/already stopped/);
    await expect(sim.control.crash('nope')).rejects.toThrow(/no system/);
  });

  it('drops every client and refuses connects for the given time, then accepts them again', async () => {
    const c = await client();
    const h = (await c.op('OpenComputeSystem', 'test-vm-running')).out.handle as number;
    await sim.control.disconnect(400);
    await c.closed;
    expect(await tryConnect(sim.socketPath)).not.toBe('connected');
    let back: WireClient | null = null;
    while (!back) {
      back = await WireClient.connect(sim.socketPath, 'again').catch(() => null);
      if (!back) await new Promise((r) => setTimeout(r, 25));
    }
    open.push(back);
    // Handles of the old connection mean nothing now.
    expect((await back.op('GetComputeSystemProperties', h, '{}')).hr).toBe(HR.INVALID_HANDLE);
    expect((await back.op('EnumerateComputeSystems', null)).hr).toBe(0);
    expect((await sim.control.clients()).map((x) => x.name)).toEqual(['again']);
  });

  it('rejects bad control requests with a reason', async () => {
    await expect(sim.control.setFaults({ hang: ['Explode' as never] })).rejects.toThrow(/hang\.0/);
    await expect(
      sim.control.seed({ systems: [{ id: 'test-vm-running', systemType: 'Container' }] }),
    ).rejects.toThrow(/already exists/);
    await expect(sim.control.reset({ systems: [{ id: 'x' }] } as never)).rejects.toThrow(/systemType/);
  });
});

describe('reset', () => {
  it('kills processes, drops handles and seeds the given fixture (or the startup one)', async () => {
    const c = await client();
    const h = (await c.op('OpenComputeSystem', 'test-container-running')).out.handle as number;
    const p = await c.op('CreateProcess', h, '{"CommandLine":"exec sleep 30"}');
    expect(p.hr).toBe(0);
    await sim.control.reset({
      systems: [{ id: 'only-one', systemType: 'VirtualMachine', state: 'Running' }],
    });
    expect((await sim.control.systems()).map((s) => s.id)).toEqual(['only-one']);
    expect((await c.op('GetComputeSystemProperties', h, '{}')).hr).toBe(HR.INVALID_HANDLE);
    expect((await sim.control.clients())[0]).toMatchObject({
      systemHandles: [],
      processHandles: [],
      registrations: [],
    });
    // The process is gone from the host too.
    const alive = () => {
      try {
        process.kill(p.out.pid as number, 0);
        return true;
      } catch {
        return false;
      }
    };
    while (alive()) await new Promise((r) => setTimeout(r, 10));
    await sim.control.reset();
    expect((await sim.control.systems()).map((s) => s.id)).toContain('test-vm-running');
    expect((await sim.control.health()).completionDelayMs).toBe(5);
  });
});

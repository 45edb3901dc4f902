// The app core's V2 capabilities over a fake HCS: which API the status reports, crash (with V1 saying it needs
// V2), waiting for an exit without blocking other actions, the host's service properties, process properties.
import { describe, expect, it } from 'vitest';
import { CONTAINER, coreWithFake, settle } from './testing/harness.ts';

async function started(api: 'v1' | 'v2') {
  const h = coreWithFake([CONTAINER]);
  h.hcs.hcsApi = api;
  await h.core.start();
  await settle();
  h.clear();
  return h;
}

describe('the HCS API of the app instance', () => {
  it('is in the service status', async () => {
    expect((await started('v1')).core.status().hcsApi).toBe('v1');
    expect((await started('v2')).core.status().hcsApi).toBe('v2');
  });

  it('crash: on V2 the system stops unexpectedly; on V1 the operation fails saying V2 is needed', async () => {
    const v2 = await started('v2');
    const { opId } = await v2.core.handle('systems.crash', { id: 'c1' });
    await settle();
    expect(v2.of('operations.changed').at(-1)?.operation).toMatchObject({
      opId,
      action: 'crash',
      status: 'done',
    });
    expect(v2.of('systems.changed').at(-1)?.system).toMatchObject({
      state: 'Stopped',
      exitType: 'UnexpectedExit',
    });

    const v1 = await started('v1');
    await v1.core.handle('systems.crash', { id: 'c1' });
    await settle();
    const failed = v1.of('operations.changed').at(-1)?.operation;
    expect(failed?.status).toBe('failed');
    expect(failed?.error?.message).toMatch(/needs the HCS V2 API/);
    expect((await v1.core.handle('systems.list', {}))[0]?.state).toBe('Running');
  });

  it('waiting for the exit leaves the system free for other actions, and completes when it stops', async () => {
    const { core, of } = await started('v2');
    const { opId } = await core.handle('systems.waitExit', { id: 'c1' });
    await settle();
    expect((await core.handle('systems.list', {}))[0]?.pending).toBeNull();
    expect(of('operations.changed').at(-1)?.operation).toMatchObject({
      opId,
      action: 'wait',
      status: 'pending',
    });
    await core.handle('systems.terminate', { id: 'c1' });
    await settle();
    const waits = of('operations.changed').filter((p) => p.operation.opId === opId);
    expect(waits.at(-1)?.operation.status).toBe('done');
  });

  it('service properties come with the API that answered them', async () => {
    const { core, hcs } = await started('v2');
    expect(await core.handle('service.properties', {})).toEqual({
      api: 'v2',
      properties: hcs.serviceDocument,
    });
    expect(hcs.calls).toContain('serviceProperties:{"PropertyTypes":["Basic"]}');
  });

  it('process properties open the process, read its status and close it', async () => {
    const { core, hcs } = await started('v2');
    const { pid } = hcs.processes.create('c1', {
      CommandLine: 'x',
      EmulateConsole: false,
      CreateStdInPipe: false,
      CreateStdOutPipe: false,
      CreateStdErrPipe: false,
    });
    const answer = await core.handle('processes.properties', { id: 'c1', pid });
    expect(answer.properties).toMatchObject({ ProcessId: pid, Exited: false });
    expect(hcs.processes.opened.at(-1)?.closed).toBe(true);
    await expect(core.handle('processes.properties', { id: 'c1', pid: 4242 })).rejects.toMatchObject({
      info: { hresult: '0x80070490' },
    });
  });
});

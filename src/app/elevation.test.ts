import { describe, expect, it, vi } from 'vitest';
import { AppCore } from './core.ts';
import {
  elevationStatus,
  RELAUNCH_REFUSED,
  relaunchElevated,
  WEB_MODE_UNAVAILABLE,
  type Elevation,
} from './elevation.ts';
import { AppError } from './error-info.ts';
import { FakeHcsPort } from './testing/fake-hcs-port.ts';

async function refusal(elevation: Elevation | undefined) {
  try {
    await relaunchElevated(elevation);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).info;
  }
  throw new Error('relaunchElevated did not refuse');
}

describe('relaunching elevated', () => {
  it('relaunches where the entry point can', async () => {
    const relaunch = vi.fn(async () => undefined);
    await relaunchElevated({ elevated: false, relaunch });
    expect(relaunch).toHaveBeenCalledTimes(1);
  });

  it('refuses where it cannot, saying what to do instead', async () => {
    expect(await refusal({ unavailable: WEB_MODE_UNAVAILABLE })).toEqual({
      message: RELAUNCH_REFUSED,
      explanation: WEB_MODE_UNAVAILABLE,
      events: [],
    });
    expect((await refusal(undefined)).explanation).toContain('Run as administrator');
    const relaunch = vi.fn(async () => undefined);
    expect((await refusal({ elevated: true, relaunch })).message).toBe(
      'HCS Desktop already runs as administrator.',
    );
    expect(relaunch).not.toHaveBeenCalled();
  });

  it('tells the UI whether the action works here', () => {
    const relaunch = async () => undefined;
    expect(elevationStatus(undefined)).toEqual({});
    expect(elevationStatus({ elevated: false, relaunch })).toEqual({
      elevated: false,
      canRelaunchElevated: true,
    });
    expect(elevationStatus({ relaunch })).toEqual({ canRelaunchElevated: true });
    expect(elevationStatus({ elevated: true, relaunch })).toEqual({
      elevated: true,
      canRelaunchElevated: false,
    });
    expect(elevationStatus({ elevated: false, unavailable: 'x' })).toEqual({
      elevated: false,
      canRelaunchElevated: false,
    });
  });

  it('is a request of the core, and part of every ServiceStatus', async () => {
    const relaunch = vi.fn(async () => undefined);
    const core = new AppCore(new FakeHcsPort([]), {
      pollIntervalMs: 600_000,
      elevation: { elevated: false, relaunch },
    });
    await core.start();
    expect(core.status()).toMatchObject({ elevated: false, canRelaunchElevated: true });
    expect(core.initialEvents()[1]).toMatchObject({ payload: { status: { canRelaunchElevated: true } } });
    await expect(core.handle('app.relaunchElevated', {})).resolves.toEqual({});
    expect(relaunch).toHaveBeenCalledTimes(1);
    await core.stop();

    const web = new AppCore(new FakeHcsPort([]), {
      pollIntervalMs: 600_000,
      elevation: { unavailable: WEB_MODE_UNAVAILABLE },
    });
    await expect(web.handle('app.relaunchElevated', {})).rejects.toMatchObject({
      info: { message: RELAUNCH_REFUSED, explanation: WEB_MODE_UNAVAILABLE },
    });
    expect(web.status().canRelaunchElevated).toBe(false);
    await web.stop();
  });
});

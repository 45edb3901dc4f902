/**
 * Which HCS API this process speaks, chosen once, before the first call: 'v1' (vmcompute.dll), 'v2'
 * (computecore.dll), or 'auto' — computecore.dll where it has every export the HCS layer needs, vmcompute.dll
 * otherwise (hcsshim has moved its HCS layer onto computecore; Windows keeps both DLLs). The entry points (the
 * host layer for the app and the web server, hcsctl) read the user's request and call this; the HCS layer then
 * loads one binding for the whole process, so no compute system is ever driven through both APIs.
 */
import { useHcsApi } from './backend.ts';
import { probeComputecore } from './computecore/probe.ts';
import type { HcsApi } from './vmcompute/types.ts';

export type HcsApiRequest = 'auto' | HcsApi;

export const HCS_API_REQUESTS: readonly HcsApiRequest[] = ['auto', 'v1', 'v2'];

export function isHcsApiRequest(value: string): value is HcsApiRequest {
  return (HCS_API_REQUESTS as readonly string[]).includes(value);
}

export interface HcsApiChoice {
  api: HcsApi;
  requested: HcsApiRequest;
  /** Why: "chosen" for an explicit request; for auto, what the probe of computecore found. */
  reason: string;
}

export interface HcsLibraries {
  /** vmcompute.dll's stand-in (the simulator's library); undefined: the HCS layer's default. */
  vmcompute?: string;
  /** computecore.dll's stand-in; undefined: the HCS layer's default. */
  computecore?: string;
}

/** Decides the API (probing computecore.dll for 'auto') and tells the HCS layer, with the library to load. */
export async function chooseHcsApi(
  requested: HcsApiRequest,
  libraries: HcsLibraries = {},
): Promise<HcsApiChoice> {
  let api: HcsApi;
  let reason: string;
  if (requested !== 'auto') {
    api = requested;
    reason = `${requested} was asked for`;
  } else {
    const support = await probeComputecore(libraries.computecore);
    if (support.usable) {
      api = 'v2';
      reason = 'computecore.dll has every export the HCS layer needs';
    } else {
      api = 'v1';
      reason = support.loadError
        ? `computecore.dll cannot be loaded (${support.loadError})`
        : `computecore.dll lacks ${support.missingRequired.join(', ')}`;
    }
  }
  useHcsApi(api, api === 'v2' ? libraries.computecore : libraries.vmcompute);
  return { api, requested, reason };
}

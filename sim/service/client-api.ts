// Which C API a client speaks, and the HRESULT form it is answered in. vmcompute.dll reports HCS's own codes as
// 0xC037xxxx; computecore.dll reports the same codes as 0x8037xxxx (hcsshim's V2 errors.go checks both forms).
// libcomputecore_sim says "2" in its hello (sim/PROTOCOL.md op 100); every other client is a vmcompute client. The
// service answers each in its form: the response code, the "Error" of the result document, a notification's
// status and the "Status" inside SystemExited's data.
import type { ClientApi, Outbox } from './model.ts';

export type { ClientApi } from './model.ts';

export const API_VMCOMPUTE: ClientApi = 1;
export const API_COMPUTECORE: ClientApi = 2;

/** The hello's optional third field: 2 is computecore; anything else (or nothing) is vmcompute. */
export function clientApiOf(value: number | string | null | undefined): ClientApi {
  return value === 2 ? API_COMPUTECORE : API_VMCOMPUTE;
}

const FACILITY_COMPUTE_ERROR = 0xc0370000;

/** `hr` as a client of `api` sees it: 0xC037xxxx becomes 0x8037xxxx for computecore; all else unchanged. */
export function hresultForApi(api: ClientApi, hr: number): number {
  const raw = hr >>> 0;
  if (api === API_COMPUTECORE && (raw & 0xffff0000) >>> 0 === FACILITY_COMPUTE_ERROR) {
    return (0x80370000 | (raw & 0xffff)) >>> 0;
  }
  return raw;
}

/** SystemExited's data with its "Status" in the client's form (other documents pass unchanged). */
export function dataForApi(api: ClientApi, data: string | null): string | null {
  if (api !== API_COMPUTECORE || data === null || !data.includes('"Status"')) return data;
  try {
    const doc = JSON.parse(data) as unknown;
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return data;
    const status = (doc as { Status?: unknown }).Status;
    if (typeof status !== 'number') return data;
    return JSON.stringify({ ...doc, Status: hresultForApi(api, status) | 0 });
  } catch {
    return data;
  }
}

/** An outbox that answers in the form of the session's API, which the hello may set after it is made. */
export function apiOutbox(target: Outbox, api: () => ClientApi): Outbox {
  return {
    notify(registration, type, status, data) {
      const a = api();
      target.notify(registration, type, hresultForApi(a, status) | 0, dataForApi(a, data));
    },
  };
}

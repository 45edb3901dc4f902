import { formatHresult } from '../../base/index.ts';
import type { ErrorEvent } from '../../contract/index.ts';

/** The HRESULTs the fakes of the app's unit tests fail with (what HCS and the simulator answer). */
export const HR = {
  accessDenied: 0x80070005,
  invalidHandle: 0x80070006,
  rpcUnavailable: 0x800706ba,
  notFound: 0xc037010e,
  alreadyExists: 0xc037010f,
  invalidState: 0xc0370105,
  invalidJson: 0xc037010d,
  notSupported: 0x80070032,
  elementNotFound: 0x80070490,
} as const;

/** A failed HCS call as src/hcs reports one: the operation, the HRESULT and HCS's error events. */
export class FakeHcsError extends Error {
  constructor(
    readonly op: string,
    readonly hresult: number,
    readonly events: ErrorEvent[] = [],
    message?: string,
  ) {
    super(message ?? `${op}: HRESULT ${formatHresult(hresult)}`);
    this.name = 'FakeHcsError';
  }
}

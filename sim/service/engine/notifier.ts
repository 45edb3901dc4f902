// How notifications reach clients (sim/PROTOCOL.md "Notifications"): a completion goes to the registrations of the
// handle that made the call (held until it has one), SystemExited and ProcessExited to every registration on
// every handle of the system or process, in every client.
import { signedHr } from '../hresult.ts';
import type { Registration, SimProcess, SimSystem, SystemHandle } from '../model.ts';
import { Notification } from '../ops.ts';
import { processStatus } from '../processes.ts';

/** SystemExited data: `{"Status":<signed HRESULT>,"ExitType":"…"}` (the protocol's ExitType plus hcsv2's Status). */
export function exitData(s: SimSystem): string {
  return JSON.stringify({ Status: signedHr(s.exitStatus), ExitType: s.exitType ?? 'GracefulExit' });
}

/** ProcessExited data: the ProcessStatus document. */
export function processExitData(p: SimProcess): string {
  return JSON.stringify(processStatus(p));
}

export class Notifier {
  send(r: Registration, type: number, status: number, data: string | null): void {
    r.session.outbox.notify(r.id, type, status, data);
  }

  /** A completion for the handle that made the call; kept on the handle until it has a registration. */
  toHandle(h: SystemHandle, type: number, status: number, data: string | null): void {
    if (h.closed) return;
    if (h.registrations.size === 0) {
      h.held.push({ type, status, data });
      return;
    }
    for (const r of h.registrations) this.send(r, type, status, data);
  }

  systemExited(s: SimSystem): void {
    const data = exitData(s);
    for (const h of s.handles) {
      for (const r of h.registrations) this.send(r, Notification.SystemExited, s.exitStatus, data);
    }
  }

  processExited(p: SimProcess): void {
    const data = processExitData(p);
    for (const h of p.handles) {
      for (const r of h.registrations) this.send(r, Notification.ProcessExited, 0, data);
    }
  }
}

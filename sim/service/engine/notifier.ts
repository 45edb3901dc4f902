// How notifications reach clients (sim/PROTOCOL.md "Notifications"): a completion goes to the registrations of the
// handle that made the call (held until it has one), SystemExited and ProcessExited to every registration on
// every handle of the system or process, in every client. A fault may hold a system's notifications back (as HCS's
// callback threads may deliver late); they go out, in order, once it is lifted, to the registrations still there.
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

interface HeldBack {
  r: Registration;
  type: number;
  status: number;
  data: string | null;
}

function systemIdOf(r: Registration): string {
  return r.target.kind === 'system' ? r.target.system.id : r.target.process.system.id;
}

export class Notifier {
  private heldBack: HeldBack[] = [];

  /** `held(systemId)`: whether that system's notifications are held back now (the holdNotifications fault). */
  constructor(private readonly held: (systemId: string) => boolean = () => false) {}

  send(r: Registration, type: number, status: number, data: string | null): void {
    if (this.held(systemIdOf(r))) this.heldBack.push({ r, type, status, data });
    else r.session.outbox.notify(r.id, type, status, data);
  }

  /** Sends what is no longer held back, in the order it was made, to the registrations that still exist. */
  flush(): void {
    const waiting = this.heldBack;
    this.heldBack = [];
    for (const n of waiting) {
      if (this.held(systemIdOf(n.r))) this.heldBack.push(n);
      else if (n.r.session.registrations.get(n.r.id) === n.r)
        n.r.session.outbox.notify(n.r.id, n.type, n.status, n.data);
    }
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

/**
 * How a compute system exited, as `hcsctl wait` and `shutdown|terminate|crash --wait` report it: its exit type
 * and the status of SystemExited (SystemExitStatus: `{"Status": <HRESULT>, "ExitType": …}`,
 * docs/hcs/schema.md#exit-and-process-status).
 *
 * The notification is read when it arrives on our handle. A system that had already stopped when we opened
 * it had its SystemExited delivered while the handle was being registered, before anyone could listen; then
 * the exit type comes from the stopped system's properties (HCS answers them until the last handle closes)
 * and the status from how src/hcs saw the exit (an unexpected exit carries its HRESULT), else it is unknown.
 */
import {
  NotificationType,
  errorHresult,
  exitTypeOf,
  formatHresult,
  win32FromHresult,
  type HcsNotification,
  type System,
} from '../hcs/index.ts';

export interface SystemExit {
  /** GracefulExit, ForcedExit, UnexpectedExit, … as HCS said; null when it did not. */
  exitType: string | null;
  /** The HRESULT of the exit (0 for a clean one), unsigned; null when unknown. */
  status: number | null;
}

/** Follows one handle's notifications for SystemExited; `stop` before closing the handle. */
export class ExitWatch {
  private seen: HcsNotification | null = null;
  readonly stop: () => void;

  constructor(private readonly system: System) {
    this.stop = system.onNotification((n) => {
      if (n.type === NotificationType.SystemExited) this.seen = n;
    });
  }

  /** Resolves when the system has exited (rejects as System.wait does), with how it exited. */
  async exited(): Promise<SystemExit> {
    await this.system.wait();
    // The listener runs on the next turn of the event loop after the notification (src/hcs).
    await new Promise((resolve) => setImmediate(resolve));
    if (this.seen) return exitFromNotification(this.seen);
    let exitType: string | null = null;
    try {
      const properties = await this.system.properties();
      exitType = typeof properties.ExitType === 'string' ? properties.ExitType : null;
    } catch {
      // The exit type stays unknown; the exit itself is certain.
    }
    const error = this.system.exitError();
    return { exitType, status: error ? (errorHresult(error) ?? null) : null };
  }
}

/** SystemExited's document (its exit type read by the HCS layer), else its status. */
export function exitFromNotification(n: Pick<HcsNotification, 'status' | 'data'>): SystemExit {
  let status: number = n.status;
  if (n.data) {
    try {
      const doc = JSON.parse(n.data) as { Status?: unknown } | null;
      if (typeof doc?.Status === 'number' && Number.isInteger(doc.Status)) status = doc.Status;
    } catch {
      // Malformed data: the notification's own status stands.
    }
  }
  return { exitType: exitTypeOf(n.data, n.status), status: status >>> 0 };
}

/** The JSON shape of an exit (docs/hcsctl.md): the status as hex and its name when known. */
export function exitJson(exit: SystemExit): {
  exitType: string | null;
  status: string | null;
  statusName: string | null;
} {
  return {
    exitType: exit.exitType,
    status: exit.status === null ? null : formatHresult(exit.status),
    statusName: exit.status === null ? null : (win32FromHresult(exit.status)?.errorName ?? null),
  };
}

/** "ForcedExit, status 0x00000000" / "UnexpectedExit, status 0xC0370106 (ERROR_VMCOMPUTE_UNEXPECTED_EXIT)". */
export function exitText(exit: SystemExit): string {
  const json = exitJson(exit);
  const type = json.exitType ?? 'exit type not reported';
  const status =
    json.status === null
      ? 'status not reported'
      : `status ${json.status}${json.statusName ? ` (${json.statusName})` : ''}`;
  return `${type}, ${status}`;
}

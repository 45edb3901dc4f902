// The compute-system state machine of sim/PROTOCOL.md (docs/hcs/state-machine.md#what-the-simulator-decides), as a pure
// function: the service asks it whether an operation may start and what state it leads to.
import type { SystemState } from '../control/types.ts';
import { HR } from './hresult.ts';

/** The states of a compute system, defined once for the simulator in its control API's types. */
export type { SystemState } from '../control/types.ts';
export type ExitType = 'GracefulExit' | 'ForcedExit' | 'UnexpectedExit';
/** The operations that change state; Create is pending from the create call until CreateCompleted. */
export type LifecycleOp = 'Create' | 'Start' | 'Shutdown' | 'Terminate' | 'Pause' | 'Resume' | 'Save';
export type SaveType = 'ToFile' | 'AsTemplate' | null;

export type Decision =
  | { ok: true; next: SystemState; exitType?: ExitType; alreadyPending?: boolean }
  | { ok: false; hr: number; reason: string };

function refuse(hr: number, reason: string): Decision {
  return { ok: false, hr, reason };
}

/**
 * May `op` start on a system in `state`, with `pending` (an earlier asynchronous operation) not yet complete?
 * Terminate may always preempt a pending operation; a Shutdown or Terminate while a stop is pending is accepted
 * and does nothing more; anything else waits its turn and is refused with the invalid-state HRESULT.
 */
export function decide(
  state: SystemState,
  pending: LifecycleOp | null,
  op: LifecycleOp,
  saveType: SaveType = null,
): Decision {
  if (op === 'Create') return refuse(HR.INVALID_STATE, 'Create is not a transition of an existing system');
  if (state === 'Stopped') {
    if (op === 'Shutdown' || op === 'Terminate')
      return refuse(HR.ALREADY_STOPPED, 'the system has already stopped');
    return refuse(HR.INVALID_STATE, `cannot ${op.toLowerCase()} a stopped system`);
  }
  if (pending !== null && pending !== 'Create' && op !== 'Terminate') {
    if (op === 'Shutdown' && (pending === 'Shutdown' || pending === 'Terminate')) {
      const exitType = pending === 'Shutdown' ? 'GracefulExit' : 'ForcedExit';
      return { ok: true, next: 'Stopped', exitType, alreadyPending: true };
    }
    return refuse(HR.INVALID_STATE, `a ${pending.toLowerCase()} operation is still in progress`);
  }
  if (pending === 'Terminate')
    return { ok: true, next: 'Stopped', exitType: 'ForcedExit', alreadyPending: true };
  switch (op) {
    case 'Start':
      if (state === 'Created' && pending !== 'Create') return { ok: true, next: 'Running' };
      if (pending === 'Create') return refuse(HR.INVALID_STATE, 'the system is still being created');
      return refuse(HR.INVALID_STATE, `cannot start a system that is ${state}`);
    case 'Pause':
      if (state === 'Running') return { ok: true, next: 'Paused' };
      return refuse(HR.INVALID_STATE, `cannot pause a system that is ${state}`);
    case 'Resume':
      if (state === 'Paused') return { ok: true, next: 'Running' };
      return refuse(HR.INVALID_STATE, `cannot resume a system that is ${state}`);
    case 'Save':
      if (state === 'Paused')
        return { ok: true, next: saveType === 'AsTemplate' ? 'SavedAsTemplate' : 'Paused' };
      if (state === 'Running')
        return refuse(HR.INVALID_STATE, 'the system cannot be saved while it is running; pause it first');
      return refuse(HR.INVALID_STATE, `cannot save a system that is ${state}`);
    case 'Shutdown':
      if (state === 'Running') return { ok: true, next: 'Stopped', exitType: 'GracefulExit' };
      return refuse(HR.INVALID_STATE, `cannot shut down a system that is ${state}; terminate it instead`);
    case 'Terminate':
      return { ok: true, next: 'Stopped', exitType: 'ForcedExit' };
  }
}

/** Modify is accepted while the system exists and has not stopped. */
export function canModify(state: SystemState): boolean {
  return state === 'Created' || state === 'Running' || state === 'Paused';
}

/** Processes run only in a running system. */
export function canCreateProcess(state: SystemState): boolean {
  return state === 'Running';
}

import type {
  LifecycleAction,
  OperationAction,
  SystemState,
  SystemSummary,
} from '../../src/contract/index.ts';

/** Every action a button can trigger on one system: the lifecycle ones plus close (forget). */
export type SystemAction = LifecycleAction | 'close';

/** Which actions each state allows (docs/hcs/state-machine.md#what-the-simulator-decides). */
const ALLOWED: Record<SystemState, readonly SystemAction[]> = {
  Created: ['start', 'terminate'],
  Running: ['pause', 'shutdown', 'terminate', 'modify', 'crash'],
  Paused: ['resume', 'save', 'terminate', 'crash'],
  Stopped: ['close'],
  SavedAsTemplate: [],
  Unknown: [],
};

/** Actions only the HCS V2 API (computecore.dll) has. */
export const V2_ONLY: ReadonlySet<SystemAction> = new Set(['crash']);

/**
 * Allowed now: the state permits it, no other operation is in flight on the system, and its id is one a
 * request may carry (a system listed with an `idProblem` can be seen, not acted on); a V2-only action also
 * needs the V2 API (pass the app's `hcsApi`; without it, V2-only actions are not offered).
 */
export function canRun(
  system: Pick<SystemSummary, 'state' | 'pending' | 'idProblem'>,
  action: SystemAction,
  hcsApi?: 'v1' | 'v2',
): boolean {
  if (V2_ONLY.has(action) && hcsApi !== 'v2') return false;
  return system.pending === null && !system.idProblem && ALLOWED[system.state].includes(action);
}

/** Whether waiting for the exit makes sense: the system has not stopped yet. */
export function canWaitForExit(system: Pick<SystemSummary, 'state'>): boolean {
  return system.state === 'Created' || system.state === 'Running' || system.state === 'Paused';
}

/** For the progress indicator: "Starting sys-1…". */
export const ACTION_PROGRESS: Record<OperationAction, string> = {
  create: 'Creating',
  start: 'Starting',
  shutdown: 'Shutting down',
  terminate: 'Terminating',
  pause: 'Pausing',
  resume: 'Resuming',
  save: 'Saving',
  modify: 'Modifying',
  crash: 'Crashing',
  close: 'Closing',
  wait: 'Waiting for the exit of',
};

/** For toasts: "sys-1 started". */
export const ACTION_DONE: Record<OperationAction, string> = {
  create: 'created',
  start: 'started',
  shutdown: 'shut down',
  terminate: 'terminated',
  pause: 'paused',
  resume: 'resumed',
  save: 'saved',
  modify: 'modified',
  crash: 'crashed',
  close: 'closed',
  wait: 'exited',
};

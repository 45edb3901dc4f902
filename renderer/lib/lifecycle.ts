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
  Running: ['pause', 'shutdown', 'terminate', 'modify'],
  Paused: ['resume', 'save', 'terminate'],
  Stopped: ['close'],
  SavedAsTemplate: [],
  Unknown: [],
};

/**
 * Allowed now: the state permits it, no other operation is in flight on the system, and its id is one a
 * request may carry (a system listed with an `idProblem` can be seen, not acted on).
 */
export function canRun(
  system: Pick<SystemSummary, 'state' | 'pending' | 'idProblem'>,
  action: SystemAction,
): boolean {
  return system.pending === null && !system.idProblem && ALLOWED[system.state].includes(action);
}

export const ACTION_LABEL: Record<OperationAction, string> = {
  create: 'Create',
  start: 'Start',
  shutdown: 'Shut down',
  terminate: 'Terminate',
  pause: 'Pause',
  resume: 'Resume',
  save: 'Save',
  modify: 'Modify',
  close: 'Close',
};

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
  close: 'Closing',
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
  close: 'closed',
};

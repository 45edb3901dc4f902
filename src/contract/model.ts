import { z } from 'zod';
import { lazySchema } from './lazy-schema.ts';
import { SystemKey } from './ids.ts';

/** The states HCS reports (docs/hcs/state-machine.md#states). */
export const SystemState = lazySchema(() =>
  z.enum(['Created', 'Running', 'Paused', 'Stopped', 'SavedAsTemplate', 'Unknown']),
);
export type SystemState = z.infer<typeof SystemState>;

/** Every lifecycle action the UI offers. */
export const LifecycleAction = lazySchema(() =>
  z.enum([
    'start',
    'shutdown',
    'terminate',
    'pause',
    'resume',
    'save',
    'modify',
    /** HcsCrashComputeSystem: the HCS V2 API only (ServiceStatus.hcsApi). */
    'crash',
  ]),
);
export type LifecycleAction = z.infer<typeof LifecycleAction>;
/** Also: create, close (forget), and wait (until the system exits). */
export const OperationAction = lazySchema(() =>
  z.enum([...LifecycleAction.options, 'create', 'close', 'wait']),
);
export type OperationAction = z.infer<typeof OperationAction>;
/** An operation in words, as the timeline, the notifications and the overview name it. */
export const OPERATION_ACTION_LABEL: Readonly<Record<OperationAction, string>> = {
  create: 'Create',
  start: 'Start',
  shutdown: 'Shut down',
  terminate: 'Terminate',
  pause: 'Pause',
  resume: 'Resume',
  save: 'Save',
  modify: 'Modify',
  crash: 'Crash',
  close: 'Close',
  wait: 'Wait for exit',
};

/** An ErrorEvent of HCS's result document (docs/hcs/errors.md#result-document). */
export const ErrorEvent = lazySchema(() =>
  z.object({
    Message: z.string().optional(),
    StackTrace: z.string().optional(),
    Provider: z.string().optional(),
    EventId: z.number().optional(),
    Flags: z.number().optional(),
    Source: z.string().optional(),
  }),
);
export type ErrorEvent = z.infer<typeof ErrorEvent>;

/** A failure as the UI shows it: HCS's message, its HRESULT and its error events. */
export const ErrorInfo = lazySchema(() =>
  z.object({
    message: z.string(),
    op: z.string().optional(),
    /** Raw HRESULT as unsigned hex, e.g. "0x80070005". */
    hresult: z.string().optional(),
    /** winerror / HCS name, e.g. "E_ACCESSDENIED". */
    name: z.string().optional(),
    /** A sentence for a person: what it means and what to do. */
    explanation: z.string().optional(),
    /**
     * HCS refused the caller for lack of rights: an administrator (or a member of Hyper-V Administrators) would
     * be let in. The app core decides which codes mean this; the UI offers to relaunch elevated where it can.
     */
    needsAdministrator: z.boolean().optional(),
    events: z.array(ErrorEvent),
  }),
);
export type ErrorInfo = z.infer<typeof ErrorInfo>;

export const OperationStatus = lazySchema(() => z.enum(['pending', 'done', 'failed']));
export type OperationStatus = z.infer<typeof OperationStatus>;

/** HCS ids are short; a longer hosting id is not one (it is dropped, not shown cut). */
export const MAX_HOSTING_ID_CHARS = 1024;

/** One row of the systems list. */
export const SystemSummary = lazySchema(() =>
  z.object({
    /** HCS's id; for an id no request may carry (see `idProblem`), its displayed form (ids.ts). */
    id: SystemKey,
    /**
     * Why HCS Desktop cannot act on this system: its id fails the contract's check (ids.ts). The system is
     * listed all the same, with this reason; no action can name it.
     */
    idProblem: z.string().optional(),
    /** What of HCS's description of this system could not be shown (a field of an unexpected type). */
    listingProblem: z.string().optional(),
    name: z.string(),
    type: z.string(),
    owner: z.string(),
    os: z.string(),
    state: SystemState,
    runtimeId: z.string(),
    /**
     * A hosted container's utility VM: HCS's id of the system it runs in (`HostingSystemId`, on the same host),
     * when HCS reports one. Absent for every other system.
     */
    hostingSystemId: z.string().max(MAX_HOSTING_ID_CHARS).optional(),
    /** The action in flight on this system, if any. */
    pending: OperationAction.nullable(),
    lastError: ErrorInfo.nullable(),
    /** ExitType once stopped (GracefulExit, ForcedExit, UnexpectedExit). */
    exitType: z.string().nullable(),
  }),
);
export type SystemSummary = z.infer<typeof SystemSummary>;

/** Which HCS API the app instance speaks: V1 is vmcompute.dll, V2 is computecore.dll (docs/hcs-api.md). */
export const HcsApiName = lazySchema(() => z.enum(['v1', 'v2']));
export type HcsApiName = z.infer<typeof HcsApiName>;

export const ServiceStatus = lazySchema(() =>
  z.object({
    connected: z.boolean(),
    backend: z.enum(['vmcompute', 'simulator']),
    /** Chosen once, when the app started (auto: V2 where computecore.dll has what the app needs). */
    hcsApi: HcsApiName,
    /** Why that API, for the About view (e.g. "computecore.dll lacks HcsCrashComputeSystem"). */
    hcsApiReason: z.string().optional(),
    message: z.string().nullable(),
    pollIntervalMs: z.number(),
    /**
     * HCS answers access denied to non-administrators and the app runs as the user who started it. Whether this
     * process runs elevated (absent when it cannot tell), and whether `app.relaunchElevated` can restart it
     * elevated here (the Windows app only; not web mode). Show the action only when this is true.
     */
    elevated: z.boolean().optional(),
    canRelaunchElevated: z.boolean().optional(),
  }),
);
export type ServiceStatus = z.infer<typeof ServiceStatus>;

export const Operation = lazySchema(() =>
  z.object({
    opId: z.string(),
    systemId: z.string(),
    action: OperationAction,
    status: OperationStatus,
    error: ErrorInfo.nullable(),
    startedAt: z.number(),
    finishedAt: z.number().nullable(),
  }),
);
export type Operation = z.infer<typeof Operation>;

/**
 * How many finished operations `operations.list` gives, and a window keeps (pending ones are always kept): the
 * app core and each window forget the ones beyond it.
 */
export const MAX_FINISHED_OPERATIONS = 200;

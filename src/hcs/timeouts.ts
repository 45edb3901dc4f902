/**
 * hcsshim's internal/timeout (docs/hcs/vmcompute.md#timeouts): the default timeouts and their HCSSHIM_TIMEOUT_*
 * overrides.
 * A variable counts only if it is a whole number of seconds greater than zero (Go's strconv.Atoi then > 0);
 * anything else keeps the default. The environment is read once, when this module loads; the values are
 * plain mutable fields (as Go's package variables are) so an embedding app or a test can change them.
 */
export interface Timeouts {
  /** Create syscall watchdog and the SystemCreateCompleted wait. */
  systemCreate: number;
  /** Start syscall watchdog and the SystemStartCompleted wait. */
  systemStart: number;
  /** Pause syscall watchdog and the SystemPauseCompleted wait. */
  systemPause: number;
  /** Resume syscall watchdog and the SystemResumeCompleted wait. */
  systemResume: number;
  /** The SystemSaveCompleted wait (the Save syscall itself uses syscallWatcher). */
  systemSave: number;
  /** The watchdog of every other syscall. */
  syscallWatcher: number;
  tar2vhd: number;
  externalCommandToStart: number;
  externalCommandToComplete: number;
  testDRetryLoop: number;
  gcsConnectionTimeout: number;
}

const MINUTE = 60_000;

/** Milliseconds, keyed by field, with the environment variable that overrides each. */
const spec: ReadonlyArray<readonly [keyof Timeouts, string, number]> = [
  ['systemCreate', 'HCSSHIM_TIMEOUT_SYSTEMCREATE', 4 * MINUTE],
  ['systemStart', 'HCSSHIM_TIMEOUT_SYSTEMSTART', 4 * MINUTE],
  ['systemPause', 'HCSSHIM_TIMEOUT_SYSTEMPAUSE', 4 * MINUTE],
  ['systemResume', 'HCSSHIM_TIMEOUT_SYSTEMRESUME', 4 * MINUTE],
  ['systemSave', 'HCSSHIM_TIMEOUT_SYSTEMSAVE', 4 * MINUTE],
  ['syscallWatcher', 'HCSSHIM_TIMEOUT_SYSCALLWATCHER', 4 * MINUTE],
  ['tar2vhd', 'HCSSHIM_TIMEOUT_TAR2VHD', 4 * MINUTE],
  ['externalCommandToStart', 'HCSSHIM_TIMEOUT_EXTERNALCOMMANDSTART', 4 * MINUTE],
  ['externalCommandToComplete', 'HCSSHIM_TIMEOUT_EXTERNALCOMMANDCOMPLETE', 4 * MINUTE],
  ['testDRetryLoop', 'HCSSHIM_TIMEOUT_TESTDRETRYLOOP', 5_000],
  ['gcsConnectionTimeout', 'HCSSHIM_TIMEOUT_GCSCONNECTION', 2 * MINUTE],
];

/**
 * Parses one override as Go's strconv.Atoi would: optional sign, decimal digits only, fits in 64 bits.
 * Returns milliseconds, or undefined when the value must be ignored.
 */
export function parseTimeoutSeconds(value: string | undefined): number | undefined {
  if (value === undefined || !/^[+-]?\d+$/.test(value)) return undefined;
  const seconds = Number(value);
  if (!Number.isSafeInteger(seconds) || seconds <= 0) return undefined;
  return seconds * 1000;
}

/** The timeouts for a given environment (the module's own values come from process.env at load). */
export function timeoutsFromEnv(env: Record<string, string | undefined>): Timeouts {
  const out = {} as Timeouts;
  for (const [key, variable, fallback] of spec) out[key] = parseTimeoutSeconds(env[variable]) ?? fallback;
  return out;
}

/** The process-wide timeouts in milliseconds, read once from the environment. */
export const timeouts: Timeouts = timeoutsFromEnv(process.env);

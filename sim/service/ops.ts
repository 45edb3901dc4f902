// Op numbers, names and notification types of sim/PROTOCOL.md. The op number is the row of
// docs/hcs/vmcompute.md#exports;
// the name is the export without "Hcs", which is how faults and the call log refer to ops.

export const Op = {
  EnumerateComputeSystems: 1,
  CreateComputeSystem: 2,
  OpenComputeSystem: 3,
  CloseComputeSystem: 4,
  StartComputeSystem: 5,
  ShutdownComputeSystem: 6,
  TerminateComputeSystem: 7,
  PauseComputeSystem: 8,
  ResumeComputeSystem: 9,
  GetComputeSystemProperties: 10,
  ModifyComputeSystem: 11,
  ModifyServiceSettings: 12,
  RegisterComputeSystemCallback: 13,
  UnregisterComputeSystemCallback: 14,
  SaveComputeSystem: 15,
  CreateProcess: 16,
  OpenProcess: 17,
  CloseProcess: 18,
  TerminateProcess: 19,
  SignalProcess: 20,
  GetProcessInfo: 21,
  GetProcessProperties: 22,
  ModifyProcess: 23,
  GetServiceProperties: 24,
  RegisterProcessCallback: 25,
  UnregisterProcessCallback: 26,
  /** computecore's HcsCrashComputeSystem (no vmcompute.dll export). */
  CrashComputeSystem: 27,
  Hello: 100,
} as const;

export type OpName = Exclude<keyof typeof Op, 'Hello'>;
export const OP_NAMES = Object.keys(Op).filter((k) => k !== 'Hello') as OpName[];

const namesByNumber = new Map<number, keyof typeof Op>(
  Object.entries(Op).map(([name, n]) => [n, name as keyof typeof Op]),
);

export function opName(op: number): string {
  return namesByNumber.get(op) ?? `Op${op}`;
}

/** v1 notification types (docs/hcs/vmcompute.md#notifications). */
export const Notification = {
  SystemExited: 0x1,
  SystemCreateCompleted: 0x2,
  SystemStartCompleted: 0x3,
  SystemPauseCompleted: 0x4,
  SystemResumeCompleted: 0x5,
  SystemCrashReport: 0x6,
  SystemSaveCompleted: 0x8,
  SystemCrashInitiated: 0xd,
  ProcessExited: 0x10000,
  ServiceDisconnect: 0x1000000,
} as const;

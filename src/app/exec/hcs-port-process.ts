import type { Readable, Writable } from 'node:stream';

/**
 * A process in a compute system as the exec sessions use it: the part of src/hcs `Process` they need (it
 * satisfies this interface as is). Unit tests use `testing/fake-process.ts`.
 */
export interface HcsPortProcess {
  readonly pid: number;
  /** Present when the process was created with a stdin pipe (and until closeStdin). */
  readonly stdin: Writable | null;
  /** Bytes, never decoded; pausing it stops reading the pipe, so the process blocks when the pipe is full. */
  readonly stdout: Readable | null;
  /** Absent with an emulated console (its output is all on stdout). */
  readonly stderr: Readable | null;
  /** `{"Signal":"CtrlC"}` (Windows) or `{"Signal":2}` (Linux); resolves with whether it was delivered. */
  signal(options: object): Promise<boolean>;
  /** HcsTerminateProcess; true when delivered or already gone. */
  kill(): Promise<boolean>;
  /** Resolves when the process has exited; rejects when the handle or the service went away first. */
  wait(): Promise<void>;
  /** After wait() resolved. */
  exitCode(): number;
  resizeConsole(width: number, height: number): Promise<void>;
  /** EOF on stdin: asks HCS to close it, then ends the local pipe. */
  closeStdin(): Promise<void>;
  /** HcsGetProcessProperties: the ProcessStatus. */
  properties(): Promise<unknown>;
  /** Releases the handle and the local pipes; does not kill. Idempotent. */
  close(): Promise<void>;
}

/** schema1 ProcessConfig: the fields HCS Desktop sets (docs/hcs/schema.md#processconfig). */
export interface ExecProcessConfig {
  CommandLine: string;
  WorkingDirectory?: string;
  Environment?: Record<string, string>;
  /** The user the process runs as (HCS's ProcessParameters.User); absent: the system's default. */
  User?: string;
  EmulateConsole: boolean;
  CreateStdInPipe: boolean;
  CreateStdOutPipe: boolean;
  CreateStdErrPipe: boolean;
  /** [height, width]. */
  ConsoleSize?: [number, number];
}

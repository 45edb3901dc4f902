import { z } from 'zod';
import { lazySchema } from './lazy-schema.ts';
import { SystemRef } from './hosts.ts';
import { ErrorInfo } from './model.ts';

/*
 * Exec: processes run inside a compute system, with their output streamed as bytes.
 *
 * Requests and events are JSON like every other channel (see `execRequests` / `execEvents`, merged into
 * channels.ts). Output never travels as JSON: it is a byte stream of frames (`encodeOutputFrame` /
 * `decodeOutputFrame`) on a binary carrier — binary WebSocket messages in web mode, a MessagePort in Electron
 * — and reaches the renderer through `HcsApi.onOutput`.
 *
 * Flow control (as VS Code's terminal does it): every data byte framed to a client counts as unacknowledged
 * until the client sends `exec.ack` for it. While any attached client holds more than HIGH_WATERMARK_BYTES
 * unacknowledged, the process's output pipe is not read (the process blocks on write); below LOW_WATERMARK_BYTES
 * reading resumes. A client that detaches or disconnects no longer holds it back. With no client attached the
 * output goes only to the session's ring buffer (REPLAY_BUFFER_BYTES): the pipe keeps draining and the oldest
 * output is dropped.
 *
 * How a client draws a session (exact with any carrier, even when the JSON answer and the frames travel on
 * different channels, as in Electron):
 *   1. `exec.attach` → `replay: {start, end}`. Frames of the bytes [start, end) follow with a `replay-*`
 *      stream, before any live frame of that session on the same carrier. `start > 0` means older output was
 *      dropped from the bounded buffer.
 *   2. `seq` is the offset of a frame's first byte in the session's whole output (stdout and stderr together,
 *      counted from the process start). Keep `next` = the offset after the last byte drawn; a frame that ends
 *      at or before `next` is a duplicate (skip it), one that starts before `next` overlaps (draw its tail),
 *      one that starts after `next` follows a gap (draw it, the bytes between were dropped).
 *   3. Acknowledge drawn bytes with `exec.ack {bytes}` (the count of frame data bytes, duplicates included):
 *      whenever your unacknowledged count reaches LOW_WATERMARK_BYTES, send all of it. If you batch more than
 *      that, also send the remainder once drawing goes idle: output paused at the high watermark resumes only
 *      when every attached client is at or below the low one, so a client sitting on more than
 *      LOW_WATERMARK_BYTES waits for output that never comes (a deadlock). A client that never acks stops the
 *      process's output once it is HIGH_WATERMARK_BYTES behind; detaching or disconnecting releases it.
 *      Attaching again starts the count from zero.
 * Output frames of a session may arrive after its `exec.changed` exited event in Electron; a session's
 * output ends when its state is final and no more frames come.
 */

/**
 * Opaque session ids the core makes (UUIDs); a remote host's session is named by its qualified key
 * (`@<host>/<its id>`, hosts.ts), whose id part is at most REMOTE_SESSION_ID_MAX characters so that the whole
 * fits an output frame's 64 bytes.
 */
export const EXEC_SESSION_ID_PATTERN = /^(?:[a-z0-9-]{1,64}|@[a-z0-9-]{1,20}\/[a-z0-9-]{1,40})$/;
export const REMOTE_SESSION_ID_MAX = 40;
export const ExecSessionId = lazySchema(() =>
  z
    .string()
    .regex(
      EXEC_SESSION_ID_PATTERN,
      'a session id is 1–64 of a-z, 0-9 and "-" (or a remote host\'s: @host/ and up to 40 of them)',
    ),
);

export const MAX_COMMAND_LINE_CHARS = 8192;
export const MAX_CWD_CHARS = 1024;
/**
 * A user name as HCS's ProcessParameters.User takes it: a Windows account ("ContainerAdministrator",
 * "DOMAIN\\name", a UPN) or a Linux guest's user or uid[:gid]. Windows UPNs go up to 256 characters.
 */
export const MAX_USER_CHARS = 256;
export const MAX_ENV_ENTRIES = 128;
export const MAX_ENV_VALUE_CHARS = 32 * 1024;
export const MAX_INPUT_BYTES = 1024 * 1024;
export const MAX_CONSOLE_DIMENSION = 1000;
export const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Bounded per-session output kept for replay on attach (a reload, a second window). */
export const REPLAY_BUFFER_BYTES = 1024 * 1024;
/**
 * Unacknowledged bytes of one client above which the process's output is paused. Sized from measurement
 * (`npm run bench -- ui-stdio`, docs/benchmarks.md): with VS Code's 100,000 / 5,000 a terminal drained almost
 * all it had before more output was even asked for, a round trip per 95 kB, and drew 8.5 MB/s where it can
 * draw 28; with 1,000,000 / 250,000 it still has a quarter of a megabyte to draw while the next output comes
 * (12.5 MB/s; twice these figures added 10 %). What one client can hold back stays bounded: a megabyte, the
 * size of the replay buffer.
 */
export const HIGH_WATERMARK_BYTES = 1_000_000;
/** …and at or below which it resumes. */
export const LOW_WATERMARK_BYTES = 250_000;
/** The largest data part of one output frame. */
export const MAX_FRAME_DATA_BYTES = 64 * 1024;

/** A NUL would cut the string short on its way to HCS (UTF-16 C strings) or to the guest's exec. */
function refineNoNul(what: string) {
  return (text: string, ctx: z.RefinementCtx) => {
    if (text.includes('\u0000')) ctx.addIssue({ code: 'custom', message: `${what} must not contain NUL` });
  };
}

/** UTF-8 length without allocating (lone surrogates count as the 3 bytes of U+FFFD, as TextEncoder makes). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

const ConsoleDimension = lazySchema(() => z.number().int().min(1).max(MAX_CONSOLE_DIMENSION));

export const ExecEnvironment = lazySchema(() =>
  z
    .record(
      z
        .string()
        .regex(
          ENV_NAME_PATTERN,
          'an environment variable name is a letter or "_", then letters, digits, "_"',
        ),
      z
        .string()
        .max(MAX_ENV_VALUE_CHARS, `an environment value has at most ${MAX_ENV_VALUE_CHARS} characters`)
        .superRefine(refineNoNul('an environment value')),
    )
    .refine(
      (env) => Object.keys(env).length <= MAX_ENV_ENTRIES,
      `at most ${MAX_ENV_ENTRIES} environment variables`,
    ),
);

export const ExecStartRequest = lazySchema(() =>
  z
    .object({
      /** The compute system to run in (it must be Running). */
      id: SystemRef,
      commandLine: z
        .string()
        .min(1, 'a command line is required')
        .max(MAX_COMMAND_LINE_CHARS, `a command line has at most ${MAX_COMMAND_LINE_CHARS} characters`)
        .superRefine(refineNoNul('the command line')),
      cwd: z
        .string()
        .min(1)
        .max(MAX_CWD_CHARS, `a working directory has at most ${MAX_CWD_CHARS} characters`)
        .superRefine(refineNoNul('the working directory'))
        .optional(),
      env: ExecEnvironment.optional(),
      /** The user the process runs as (HCS's ProcessParameters.User); absent: the system's default user. */
      user: z
        .string()
        .min(1, 'a user name is required when given')
        .max(MAX_USER_CHARS, `a user name has at most ${MAX_USER_CHARS} characters`)
        .superRefine((text, ctx) => {
          // A control character (NUL cuts the string short) or edge spaces are never part of an account name.
          if ([...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
            ctx.addIssue({ code: 'custom', message: 'a user name must not contain control characters' });
          else if (text.trim() !== text)
            ctx.addIssue({ code: 'custom', message: 'a user name must not start or end with a space' });
        })
        .optional(),
      /** An emulated console (pty): one output stream, no separate stderr; resizable; Ctrl+C as input works. */
      tty: z.boolean(),
      cols: ConsoleDimension,
      rows: ConsoleDimension,
    })
    .strict(),
);
export type ExecStartRequest = z.infer<typeof ExecStartRequest>;

export const ExecState = lazySchema(() => z.enum(['starting', 'running', 'exited', 'failed', 'orphaned']));
export type ExecState = z.infer<typeof ExecState>;

export const ExecSignal = lazySchema(() =>
  z.enum(['CtrlC', 'CtrlBreak', 'CtrlClose', 'CtrlLogOff', 'CtrlShutdown']),
);
export type ExecSignal = z.infer<typeof ExecSignal>;

/** One process session as every window sees it. */
export const ExecSession = lazySchema(() =>
  z.object({
    sessionId: ExecSessionId,
    systemId: z.string(),
    /** For an attached process (`processes.attach`), its image name or "pid N". */
    commandLine: z.string(),
    /** As asked; "" for the system's default. */
    cwd: z.string(),
    tty: z.boolean(),
    /** The console size of a tty session (after the last resize); null without a tty. */
    size: z.object({ cols: z.number(), rows: z.number() }).strict().nullable(),
    /** null until HCS created the process (and for a failed start). */
    pid: z.number().nullable(),
    /** ms since the epoch; run time = exitedAt − startedAt. */
    startedAt: z.number(),
    exitedAt: z.number().nullable(),
    exitCode: z.number().nullable(),
    /**
     * starting → running → exited; failed = HCS refused to create it (see error); orphaned = the system stopped
     * or the service went away under it (see error): it cannot be controlled any more, its output stays
     * readable.
     */
    state: ExecState,
    error: ErrorInfo.nullable(),
    /** stdin: input can be sent now (false after closeStdin and exit); stdout/stderr: the pipes exist. */
    stdio: z.object({ stdin: z.boolean(), stdout: z.boolean(), stderr: z.boolean() }).strict(),
    /** Opened by pid (HcsOpenProcess): no stdio; status, exit code and kill only. */
    attachedOnly: z.boolean(),
  }),
);
export type ExecSession = z.infer<typeof ExecSession>;

/** A row of the V1 ProcessList (schema1 ProcessListItem; HCS may send more fields, they are dropped). */
export const ProcessListItem = lazySchema(() =>
  z.object({
    ProcessId: z.number(),
    ImageName: z.string().optional(),
    CreateTimestamp: z.string().optional(),
    UserTime100ns: z.number().optional(),
    KernelTime100ns: z.number().optional(),
    MemoryCommitBytes: z.number().optional(),
    MemoryWorkingSetPrivateBytes: z.number().optional(),
    MemoryWorkingSetSharedBytes: z.number().optional(),
  }),
);
export type ProcessListItem = z.infer<typeof ProcessListItem>;

/** Bytes [start, end) of the session's output, sent as replay frames right after the attach. */
export const ExecReplay = lazySchema(() => z.object({ start: z.number(), end: z.number() }).strict());
export type ExecReplay = z.infer<typeof ExecReplay>;

const BySession = lazySchema(() => z.object({ sessionId: ExecSessionId }).strict());
const Done = lazySchema(() => z.object({}).strict());
const Pid = lazySchema(() => z.number().int().min(0).max(0xffffffff));
const SessionAnswer = lazySchema(() => z.object({ session: ExecSession }).strict());

export const execRequests = {
  /** Resolves with the session: running, or failed with `error` (it stays listed until forgotten). */
  'exec.start': { request: ExecStartRequest, response: SessionAnswer },
  'exec.list': { request: Done, response: lazySchema(() => z.array(ExecSession)) },
  /** UTF-8 text typed or pasted; fails if the process has no open stdin or is not reading it. */
  'exec.input': {
    request: lazySchema(() =>
      z
        .object({
          sessionId: ExecSessionId,
          data: z
            .string()
            .max(MAX_INPUT_BYTES)
            .refine(
              (text) => utf8Length(text) <= MAX_INPUT_BYTES,
              `input is at most ${MAX_INPUT_BYTES} bytes of UTF-8`,
            ),
        })
        .strict(),
    ),
    response: Done,
  },
  'exec.resize': {
    request: lazySchema(() =>
      z.object({ sessionId: ExecSessionId, cols: ConsoleDimension, rows: ConsoleDimension }).strict(),
    ),
    response: Done,
  },
  'exec.signal': {
    request: lazySchema(() => z.object({ sessionId: ExecSessionId, signal: ExecSignal }).strict()),
    response: lazySchema(() => z.object({ delivered: z.boolean() }).strict()),
  },
  /** End of input (EOF), e.g. to end `cat`. */
  'exec.closeStdin': { request: BySession, response: Done },
  'exec.kill': {
    request: BySession,
    response: lazySchema(() => z.object({ delivered: z.boolean() }).strict()),
  },
  /** This client (window / socket) receives the session's output: first the replay, then live frames. */
  'exec.attach': {
    request: BySession,
    response: lazySchema(() => z.object({ session: ExecSession, replay: ExecReplay }).strict()),
  },
  'exec.detach': { request: BySession, response: Done },
  /** This client has drawn `bytes` more bytes of the session's frames. */
  'exec.ack': {
    request: lazySchema(() =>
      z
        .object({ sessionId: ExecSessionId, bytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) })
        .strict(),
    ),
    response: Done,
  },
  /** Drop a session that has ended (exited, failed, orphaned) and its buffered output. */
  'exec.forget': { request: BySession, response: Done },
  /**
   * The system's processes: V1 ProcessList (properties) and V2 ProcessList (propertiesV2, as HCS sends it).
   * Either is null when its query failed (the reason in `errors`); the request fails only if both fail.
   */
  'systems.processes': {
    request: lazySchema(() => z.object({ id: SystemRef }).strict()),
    response: lazySchema(() =>
      z
        .object({
          v1: z.array(ProcessListItem).nullable(),
          v2: z.unknown().nullable(),
          errors: z.object({ v1: ErrorInfo.nullable(), v2: ErrorInfo.nullable() }).strict(),
        })
        .strict(),
    ),
  },
  /** HcsOpenProcess: a session without stdio that shows status and exit code and can kill. */
  'processes.attach': {
    request: lazySchema(() => z.object({ id: SystemRef, pid: Pid }).strict()),
    response: SessionAnswer,
  },
  /** HcsOpenProcess + HcsGetProcessProperties: the process's ProcessStatus as HCS reports it. */
  'processes.properties': {
    request: lazySchema(() => z.object({ id: SystemRef, pid: Pid }).strict()),
    response: lazySchema(() => z.object({ properties: z.unknown() }).strict()),
  },
  /** HcsOpenProcess + HcsTerminateProcess. */
  'processes.kill': {
    request: lazySchema(() => z.object({ id: SystemRef, pid: Pid }).strict()),
    response: lazySchema(() => z.object({ delivered: z.boolean() }).strict()),
  },
} as const;

export const execEvents = {
  'exec.changed': lazySchema(() => z.object({ session: ExecSession }).strict()),
  'exec.removed': lazySchema(() => z.object({ sessionId: z.string() }).strict()),
} as const;

/** Requests answered per client (the window or socket that sent them), not by the core at large. */
export const CLIENT_EXEC_CHANNELS = ['exec.attach', 'exec.detach', 'exec.ack'] as const;
export type ClientExecChannel = (typeof CLIENT_EXEC_CHANNELS)[number];
export function isClientExecChannel(channel: string): channel is ClientExecChannel {
  return (CLIENT_EXEC_CHANNELS as readonly string[]).includes(channel);
}

// ---- The output byte stream ----

export type OutputStream = 'stdout' | 'stderr' | 'replay-stdout' | 'replay-stderr';

/** One frame of a session's output. `data` may be a view into the frame it was decoded from. */
export interface OutputChunk {
  sessionId: string;
  stream: OutputStream;
  /** Offset of data[0] in the session's whole output (see the top of this file). */
  seq: number;
  data: Uint8Array;
}

/**
 * Frame layout (little-endian):
 *   0  u8   version (1)
 *   1  u8   stream: 0 stdout, 1 stderr, 2 replay-stdout, 3 replay-stderr
 *   2  u8   n = session id length (1..64), ASCII
 *   3  u8   0 (reserved)
 *   4  f64  seq (an integer, exact up to 2^53)
 *   12 n    session id
 *   12+n    data (0..MAX_FRAME_DATA_BYTES bytes)
 */
export const OUTPUT_FRAME_VERSION = 1;
export const OUTPUT_FRAME_HEADER_BYTES = 12;
const STREAMS: readonly OutputStream[] = ['stdout', 'stderr', 'replay-stdout', 'replay-stderr'];

/** A frame that does not follow the layout above. */
export class OutputFrameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputFrameError';
  }
}

export function isReplayStream(stream: OutputStream): boolean {
  return stream === 'replay-stdout' || stream === 'replay-stderr';
}

/** The session id's bytes (checked: ids are ASCII by their pattern). */
export function sessionIdBytes(sessionId: string): Uint8Array {
  if (!EXEC_SESSION_ID_PATTERN.test(sessionId))
    throw new OutputFrameError(`invalid session id ${JSON.stringify(sessionId.slice(0, 80))}`);
  const bytes = new Uint8Array(sessionId.length);
  for (let i = 0; i < sessionId.length; i++) bytes[i] = sessionId.charCodeAt(i);
  return bytes;
}

/** One frame in a fresh buffer (header + a copy of the data). */
export function encodeOutputFrame(chunk: OutputChunk): Uint8Array<ArrayBuffer> {
  return encodeOutputFrameParts(sessionIdBytes(chunk.sessionId), chunk.stream, chunk.seq, chunk.data);
}

/** As encodeOutputFrame, with the id already encoded (the core frames every chunk of a session). */
export function encodeOutputFrameParts(
  id: Uint8Array,
  stream: OutputStream,
  seq: number,
  data: Uint8Array,
): Uint8Array<ArrayBuffer> {
  const code = STREAMS.indexOf(stream);
  if (code < 0) throw new OutputFrameError(`invalid stream ${String(stream)}`);
  if (!Number.isSafeInteger(seq) || seq < 0) throw new OutputFrameError(`invalid seq ${seq}`);
  if (data.byteLength > MAX_FRAME_DATA_BYTES)
    throw new OutputFrameError(`frame data of ${data.byteLength} bytes exceeds ${MAX_FRAME_DATA_BYTES}`);
  const frame = new Uint8Array(OUTPUT_FRAME_HEADER_BYTES + id.length + data.byteLength);
  const view = new DataView(frame.buffer);
  view.setUint8(0, OUTPUT_FRAME_VERSION);
  view.setUint8(1, code);
  view.setUint8(2, id.length);
  view.setUint8(3, 0);
  view.setFloat64(4, seq, true);
  frame.set(id, OUTPUT_FRAME_HEADER_BYTES);
  frame.set(data, OUTPUT_FRAME_HEADER_BYTES + id.length);
  return frame;
}

/** Parse a frame; `data` is a view into it (no copy). Throws OutputFrameError. */
export function decodeOutputFrame(frame: ArrayBuffer | ArrayBufferView): OutputChunk {
  const bytes =
    frame instanceof ArrayBuffer
      ? new Uint8Array(frame)
      : new Uint8Array(frame.buffer, frame.byteOffset, frame.byteLength);
  if (bytes.byteLength < OUTPUT_FRAME_HEADER_BYTES + 1)
    throw new OutputFrameError(`frame too short (${bytes.byteLength} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint8(0);
  if (version !== OUTPUT_FRAME_VERSION) throw new OutputFrameError(`unknown frame version ${version}`);
  const stream = STREAMS[view.getUint8(1)];
  if (!stream) throw new OutputFrameError(`unknown stream code ${view.getUint8(1)}`);
  const n = view.getUint8(2);
  if (n < 1 || n > 64 || bytes.byteLength < OUTPUT_FRAME_HEADER_BYTES + n)
    throw new OutputFrameError(`invalid session id length ${n}`);
  const seq = view.getFloat64(4, true);
  if (!Number.isSafeInteger(seq) || seq < 0) throw new OutputFrameError(`invalid seq ${seq}`);
  let sessionId = '';
  for (let i = 0; i < n; i++) sessionId += String.fromCharCode(bytes[OUTPUT_FRAME_HEADER_BYTES + i]!);
  if (!EXEC_SESSION_ID_PATTERN.test(sessionId)) throw new OutputFrameError('invalid session id');
  const data = bytes.subarray(OUTPUT_FRAME_HEADER_BYTES + n);
  if (data.byteLength > MAX_FRAME_DATA_BYTES)
    throw new OutputFrameError(`frame data of ${data.byteLength} bytes exceeds ${MAX_FRAME_DATA_BYTES}`);
  return { sessionId, stream, seq, data };
}

// Seeded fuzz cases for the simulator's own wire protocol (sim/PROTOCOL.md "Frames"), in both directions:
// requests a hostile client sends to the service, and answers a hostile service sends to libvmcompute_sim.
// Every case is built from a valid frame of the protocol and then broken in one way, so a failure names the case
// (its label and index) and the same seed rebuilds it byte for byte.
import {
  encodeFrame,
  FrameKind,
  MAX_FRAME_BYTES,
  MIN_FRAME_BYTES,
  type Field,
} from '../../sim/service/frame.ts';
import { OP_TABLE } from '../../sim/service/op-table.ts';
import { seededRandom } from './hostile.ts';

/** The op every case ends with: answered at once, whatever the service holds. */
export const PROBE_OP = 1; // HcsEnumerateComputeSystems
export const HELLO_OP = 100;

/** What the service must do with a case's bytes. */
export type ServiceExpectation =
  /** Well framed, whatever the fields say: each request is answered and the probe after them too. */
  | 'answered'
  /** Not a frame the service can read: it closes the connection, and the probe after it is never answered. */
  | 'closed'
  /** A frame cut short and then end of stream: no answer, the connection ends. */
  | 'truncated'
  /** Random bytes: nothing is promised but that the connection ends and the service goes on. */
  | 'ends';

/** Descriptors to send with SCM_RIGHTS on the case's first byte (the service's protocol takes none). */
export type JunkDescriptors = { kind: 'devnull' | 'file' | 'socket'; count: number } | null;

export interface ServiceCase {
  label: string;
  /** The hostile bytes; the test appends a probe (unless truncated) and then ends the stream. */
  bytes: Buffer;
  /** Ids of the well-formed requests inside `bytes`, each of which must be answered. */
  requestIds: number[];
  expect: ServiceExpectation;
  descriptors: JunkDescriptors;
}

/** An I64 or STR value the op table asks for: small and valid-looking. */
function validArg(kind: 'i64' | 'str'): Field {
  return kind === 'i64' ? 1 : 'fuzz';
}

/** A well-formed request for `op` with fields as the op table lists them. */
export function requestFrame(op: number, id: number, fields?: Field[]): Buffer {
  const spec = OP_TABLE.get(op);
  const f =
    fields ?? (op === HELLO_OP ? [process.pid, 'wire-fuzz'] : (spec?.args ?? []).map(([, k]) => validArg(k)));
  return encodeFrame({ kind: FrameKind.Request, id, code: op, fields: f });
}

/** The probe request that follows every case. */
export function probeFrame(id: number): Buffer {
  return encodeFrame({ kind: FrameKind.Request, id, code: PROBE_OP, fields: [''] });
}

const OPS = [...OP_TABLE.keys(), HELLO_OP];

/** Field values of every tag and of wrong kinds: what a confused client might put where. */
function oddFields(random: () => number): Field[] {
  const strings = ['', '\u0000', '\ud800', 'x'.repeat(1 + Math.floor(random() * 5000)), '{"a":'.repeat(100)];
  const numbers: Field[] = [
    0,
    -1,
    2 ** 53 - 1,
    2n ** 63n - 1n,
    -(2n ** 63n),
    0x7fffffff,
    1 + Math.floor(random() * 1e6),
  ];
  const all: Field[] = [null, ...strings, ...numbers, { fdSlot: 0 }, { fdSlot: -1 }, { fdSlot: 1_000_000 }];
  const count = Math.floor(random() * 6);
  return Array.from({ length: count }, () => all[Math.floor(random() * all.length)]!);
}

/**
 * The client-to-service cases. About half are well framed (unknown ops, wrong field counts and types, extreme
 * numbers and strings, FD fields a request must not carry, repeated and zero ids): the service answers each and
 * stays in step. The rest break the framing (lengths too small, too large, off by one; unknown tags; odd or
 * overlong STR16 lengths; field counts that disagree with the body; frame kinds a client may not send), are cut
 * short, or carry descriptors nobody asked for.
 */
export function serviceCases(seed = 1, perOp = 40): ServiceCase[] {
  const random = seededRandom(seed);
  const out: ServiceCase[] = [];
  let id = 1;
  const add = (
    label: string,
    bytes: Buffer,
    expect: ServiceExpectation,
    requestIds: number[] = [],
    descriptors: JunkDescriptors = null,
  ) => out.push({ label, bytes, expect, requestIds, descriptors });

  for (const op of OPS) {
    const name = `op ${op}`;
    const valid = () => requestFrame(op, id++);
    // Well framed, wrong content.
    for (let n = 0; n < perOp / 4; n++) {
      const rid = id++;
      add(
        `${name}: odd fields #${n}`,
        encodeFrame({ kind: FrameKind.Request, id: rid, code: op, fields: oddFields(random) }),
        'answered',
        [rid],
      );
    }
    add(`${name}: request id 0`, requestFrame(op, 0), 'answered', [0]);
    {
      const rid = id++;
      add(
        `${name}: the same id twice`,
        Buffer.concat([requestFrame(op, rid), requestFrame(op, rid)]),
        'answered',
        [rid],
      );
    }
    // Broken framing.
    for (let n = 0; n < perOp / 4; n++) {
      const frame = valid();
      const r = random();
      const broken = Buffer.from(frame);
      let label: string;
      if (r < 0.2) {
        const length = Math.floor(random() * MIN_FRAME_BYTES);
        broken.writeUInt32LE(length, 0);
        label = `length ${length} (shorter than a header)`;
      } else if (r < 0.3) {
        const length = MAX_FRAME_BYTES + 1 + Math.floor(random() * 1000);
        broken.writeUInt32LE(length, 0);
        label = `length ${length} (over the limit)`;
      } else if (r < 0.45) {
        broken.writeUInt32LE(frame.length - 1, 0);
        label = 'length one short';
      } else if (r < 0.55) {
        broken.writeUInt16LE(broken.readUInt16LE(16) + 1 + Math.floor(random() * 100), 16);
        label = 'more fields announced than present';
      } else if (r < 0.65) {
        if (broken.readUInt16LE(16) === 0) {
          add(`${name}: a trailing byte`, withTrailingByte(frame), 'closed');
          continue;
        }
        broken.writeUInt16LE(broken.readUInt16LE(16) - 1, 16);
        label = 'fewer fields announced than present';
      } else if (r < 0.8) {
        if (frame.length <= MIN_FRAME_BYTES) {
          add(
            `${name}: unknown tag`,
            withField(frame, Buffer.from([4 + Math.floor(random() * 252)])),
            'closed',
          );
          continue;
        }
        broken[MIN_FRAME_BYTES] = 4 + Math.floor(random() * 252);
        label = `unknown tag ${broken[MIN_FRAME_BYTES]}`;
      } else if (r < 0.9) {
        const odd = Buffer.alloc(5);
        odd[0] = 2;
        odd.writeUInt32LE(1 + 2 * Math.floor(random() * 100), 1);
        add(`${name}: STR16 of odd byte length`, withField(frame, odd), 'closed');
        continue;
      } else {
        const long = Buffer.alloc(5);
        long[0] = 2;
        long.writeUInt32LE(0xfffffffe, 1);
        add(`${name}: STR16 longer than its frame`, withField(frame, long), 'closed');
        continue;
      }
      add(`${name}: ${label}`, broken, 'closed');
    }
    for (const kind of [0, FrameKind.Response, FrameKind.Notification, 99, 0xffffffff]) {
      const frame = requestFrame(op, id++);
      frame.writeUInt32LE(kind, 4);
      add(`${name}: frame kind ${kind} from a client`, frame, 'closed');
    }
    // Cut short, then end of stream.
    for (let n = 0; n < perOp / 8; n++) {
      const frame = valid();
      const cut = Math.floor(random() * frame.length);
      add(`${name}: cut after ${cut} of ${frame.length} bytes`, frame.subarray(0, cut), 'truncated');
    }
  }
  // Descriptors with frames (SCM_RIGHTS): the service reads with read(), which has the kernel discard them;
  // whatever the frame, none may stay open in the service.
  const kinds = ['devnull', 'file', 'socket'] as const;
  for (let n = 0; n < 60; n++) {
    const kind = kinds[n % kinds.length]!;
    const count = [1, 3, 16, 64, 253][Math.floor(random() * 5)]!;
    const r = random();
    if (r < 0.5) {
      const rid = id++;
      add(
        `descriptors: ${count} × ${kind} with a valid request`,
        requestFrame(PROBE_OP, rid, ['']),
        'answered',
        [rid],
        { kind, count },
      );
    } else if (r < 0.75) {
      const frame = requestFrame(PROBE_OP, id++, ['']);
      frame.writeUInt32LE(3, 0);
      add(`descriptors: ${count} × ${kind} with a broken frame`, frame, 'closed', [], { kind, count });
    } else {
      const frame = requestFrame(PROBE_OP, id++, ['']);
      add(
        `descriptors: ${count} × ${kind} with a frame cut short`,
        frame.subarray(0, 1 + Math.floor(random() * (frame.length - 1))),
        'truncated',
        [],
        { kind, count },
      );
    }
  }
  // Random bytes: whatever they are, the service must not crash (it closes on the first thing it cannot read).
  for (let n = 0; n < 100; n++) {
    const bytes = Buffer.alloc(1 + Math.floor(random() * 256));
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
    add(`random bytes #${n}`, bytes, 'ends');
  }
  return out;
}

function withField(frame: Buffer, field: Buffer): Buffer {
  const out = Buffer.concat([frame, field]);
  out.writeUInt32LE(out.length, 0);
  out.writeUInt16LE(frame.readUInt16LE(16) + 1, 16);
  return out;
}

function withTrailingByte(frame: Buffer): Buffer {
  const out = Buffer.concat([frame, Buffer.from([0])]);
  out.writeUInt32LE(out.length, 0);
  return out;
}

/** The call the library makes for a case: Enumerate (strings back) or CreateProcess (descriptors back). */
export type LibraryCall = 'enumerate' | 'createProcess';

export interface LibraryCase {
  label: string;
  call: LibraryCall;
  /** The hostile service's answer to the call's request (whose id is given); the service hangs up after it. */
  answer: (requestId: number) => Buffer;
  /** Descriptors sent with SCM_RIGHTS on the answer's first byte. */
  descriptors: number;
}

/** A valid answer to each call: Enumerate gives two strings, CreateProcess a pid, three FD slots, a handle, a string. */
function validAnswer(call: LibraryCall, id: number, hr = 0): Buffer {
  const fields: Field[] =
    call === 'enumerate' ? ['[]', null] : [1234, { fdSlot: 0 }, { fdSlot: 1 }, { fdSlot: 2 }, 0x77, null];
  return encodeFrame({ kind: FrameKind.Response, id, code: hr, fields });
}

/**
 * The service-to-library cases: answers with the wrong fields or tags, broken framing, answers cut short, answers
 * to no call, frames of kinds a service does not send, notifications for nobody (a flood of them too), and
 * descriptors that no field takes, slots out of range or repeated, and more descriptors than the library keeps.
 */
export function libraryCases(seed = 1, perKind = 40): LibraryCase[] {
  const random = seededRandom(seed);
  const out: LibraryCase[] = [];
  const add = (label: string, call: LibraryCall, answer: (id: number) => Buffer, descriptors = 0) =>
    out.push({ label, call, answer, descriptors });
  const calls: LibraryCall[] = ['enumerate', 'createProcess'];
  for (const call of calls) {
    add(`${call}: a valid answer`, call, (id) => validAnswer(call, id), call === 'createProcess' ? 3 : 0);
    for (let n = 0; n < perKind; n++) {
      const fields = oddFields(random);
      const hr = [0, 1, -1, 0xc0370103 | 0, 0x80070005 | 0][Math.floor(random() * 5)]!;
      add(`${call}: answer ${hr} with odd fields #${n}`, call, (id) =>
        encodeFrame({ kind: FrameKind.Response, id, code: hr, fields }),
      );
    }
    for (let n = 0; n < perKind; n++) {
      const r = random();
      const seedForCut = random();
      if (r < 0.15)
        add(`${call}: length shorter than a header`, call, (id) =>
          setU32(validAnswer(call, id), 0, Math.floor(seedForCut * MIN_FRAME_BYTES)),
        );
      else if (r < 0.25)
        add(`${call}: length over 64 MiB`, call, (id) =>
          setU32(validAnswer(call, id), 0, 64 * 1024 * 1024 + 1),
        );
      else if (r < 0.35)
        add(`${call}: length of 64 MiB, body never sent`, call, (id) =>
          setU32(validAnswer(call, id), 0, 64 * 1024 * 1024),
        );
      else if (r < 0.5)
        add(`${call}: length one short`, call, (id) => {
          const b = validAnswer(call, id);
          return setU32(b, 0, b.length - 1);
        });
      else if (r < 0.6)
        add(`${call}: more fields announced`, call, (id) => {
          const b = validAnswer(call, id);
          b.writeUInt16LE(b.readUInt16LE(16) + 1, 16);
          return b;
        });
      else if (r < 0.7)
        add(`${call}: unknown tag`, call, (id) => {
          const b = validAnswer(call, id);
          b[MIN_FRAME_BYTES] = 4 + Math.floor(seedForCut * 252);
          return b;
        });
      else if (r < 0.8)
        add(`${call}: odd STR16 length`, call, (id) => {
          const odd = Buffer.alloc(5);
          odd[0] = 2;
          odd.writeUInt32LE(3, 1);
          return withField(validAnswer(call, id), odd);
        });
      else
        add(`${call}: cut short`, call, (id) => {
          const b = validAnswer(call, id);
          return b.subarray(0, Math.floor(seedForCut * b.length));
        });
    }
    add(`${call}: an answer to another id`, call, (id) => validAnswer(call, id + 1));
    add(`${call}: a request from the service`, call, (id) =>
      setU32(validAnswer(call, id), 4, FrameKind.Request),
    );
    add(`${call}: frame kind 99`, call, (id) => setU32(validAnswer(call, id), 4, 99));
    add(`${call}: 10 000 notifications for nobody, then the answer`, call, (id) =>
      Buffer.concat([
        ...Array.from({ length: 10_000 }, (_, i) =>
          encodeFrame({ kind: FrameKind.Notification, id: 0, code: 1, fields: [i + 1000, 0, '{"x":1}'] }),
        ),
        validAnswer(call, id),
      ]),
    );
    add(`${call}: 65 535 NULL fields`, call, (id) =>
      encodeFrame({
        kind: FrameKind.Response,
        id,
        code: 0,
        fields: Array.from({ length: 0xffff }, () => null),
      }),
    );
    // Descriptors.
    for (const count of [1, 3, 16, 17, 64]) {
      add(`${call}: ${count} descriptors with a valid answer`, call, (id) => validAnswer(call, id), count);
      add(
        `${call}: ${count} descriptors with an answer cut short`,
        call,
        (id) => validAnswer(call, id).subarray(0, 10),
        count,
      );
      add(
        `${call}: ${count} descriptors with an unknown tag`,
        call,
        (id) => {
          const b = validAnswer(call, id);
          b[MIN_FRAME_BYTES] = 9;
          return b;
        },
        count,
      );
      add(
        `${call}: ${count} descriptors with an answer to another id`,
        call,
        (id) => validAnswer(call, id + 1),
        count,
      );
    }
  }
  for (const slots of [
    [5, 6, 7],
    [-2, -1, 1_000_000],
    [0, 0, 0],
    [2, 1, 0],
    [-1, -1, -1],
  ]) {
    add(
      `createProcess: FD slots ${slots.join(', ')}`,
      'createProcess',
      (id) =>
        encodeFrame({
          kind: FrameKind.Response,
          id,
          code: 0,
          fields: [1234, ...slots.map((fdSlot) => ({ fdSlot })), 0x77, null],
        }),
      3,
    );
    add(
      `createProcess: FD slots ${slots.join(', ')} on a failure`,
      'createProcess',
      (id) =>
        encodeFrame({
          kind: FrameKind.Response,
          id,
          code: 0x80070005 | 0,
          fields: [0, ...slots.map((fdSlot) => ({ fdSlot })), 0, null],
        }),
      3,
    );
  }
  return out;
}

function setU32(buf: Buffer, at: number, value: number): Buffer {
  const out = Buffer.from(buf);
  out.writeUInt32LE(value >>> 0, at);
  return out;
}

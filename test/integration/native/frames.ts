// The simulator's frame format (sim/PROTOCOL.md "Frames"), as the tests' fake service speaks it.

export const KIND_REQUEST = 1;
export const KIND_RESPONSE = 2;
export const KIND_NOTIFICATION = 3;

const HEADER_SIZE = 16;

export type Field =
  | { tag: 'null' }
  | { tag: 'i64'; value: bigint }
  | { tag: 'str'; value: string }
  | { tag: 'fd'; slot: number };

export const nul: Field = { tag: 'null' };
export const i64 = (value: number | bigint): Field => ({ tag: 'i64', value: BigInt(value) });
export const str = (value: string | null): Field => (value === null ? nul : { tag: 'str', value });
export const fd = (slot: number): Field => ({ tag: 'fd', slot });

export interface Frame {
  kind: number;
  id: number;
  code: number;
  fields: Field[];
}

export function encodeFrame(frame: Frame): Buffer {
  const parts: Buffer[] = [];
  for (const field of frame.fields) {
    switch (field.tag) {
      case 'null':
        parts.push(Buffer.from([0]));
        break;
      case 'i64': {
        const b = Buffer.alloc(9);
        b[0] = 1;
        b.writeBigInt64LE(field.value, 1);
        parts.push(b);
        break;
      }
      case 'str': {
        const text = Buffer.from(field.value, 'utf16le');
        const b = Buffer.alloc(5);
        b[0] = 2;
        b.writeUInt32LE(text.length, 1);
        parts.push(b, text);
        break;
      }
      case 'fd': {
        const b = Buffer.alloc(5);
        b[0] = 3;
        b.writeInt32LE(field.slot, 1);
        parts.push(b);
        break;
      }
    }
  }
  const count = Buffer.alloc(2);
  count.writeUInt16LE(frame.fields.length);
  const body = Buffer.concat([count, ...parts]);
  const header = Buffer.alloc(HEADER_SIZE);
  header.writeUInt32LE(HEADER_SIZE + body.length, 0);
  header.writeUInt32LE(frame.kind, 4);
  header.writeUInt32LE(frame.id, 8);
  header.writeInt32LE(frame.code, 12);
  return Buffer.concat([header, body]);
}

function decodeBody(body: Buffer): Field[] {
  const count = body.readUInt16LE(0);
  const fields: Field[] = [];
  let at = 2;
  for (let i = 0; i < count; i++) {
    const tag = body[at++];
    if (tag === 0) fields.push(nul);
    else if (tag === 1) {
      fields.push({ tag: 'i64', value: body.readBigInt64LE(at) });
      at += 8;
    } else if (tag === 2) {
      const length = body.readUInt32LE(at);
      at += 4;
      fields.push({ tag: 'str', value: body.subarray(at, at + length).toString('utf16le') });
      at += length;
    } else if (tag === 3) {
      fields.push({ tag: 'fd', slot: body.readInt32LE(at) });
      at += 4;
    } else throw new Error(`unknown field tag ${tag}`);
  }
  if (at !== body.length) throw new Error(`frame body has ${body.length - at} trailing bytes`);
  return fields;
}

/** Splits a byte stream into frames. */
export class FrameReader {
  private buffered = Buffer.alloc(0);

  push(chunk: Buffer): Frame[] {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    const frames: Frame[] = [];
    while (this.buffered.length >= HEADER_SIZE) {
      const length = this.buffered.readUInt32LE(0);
      if (length < HEADER_SIZE + 2) throw new Error(`bad frame length ${length}`);
      if (this.buffered.length < length) break;
      const frame = this.buffered.subarray(0, length);
      this.buffered = this.buffered.subarray(length);
      frames.push({
        kind: frame.readUInt32LE(4),
        id: frame.readUInt32LE(8),
        code: frame.readInt32LE(12),
        fields: decodeBody(frame.subarray(HEADER_SIZE)),
      });
    }
    return frames;
  }
}

export function fieldI64(frame: Frame, index: number): bigint {
  const field = frame.fields[index];
  if (field?.tag !== 'i64') throw new Error(`field ${index} of op ${frame.code} is not an I64`);
  return field.value;
}

export function fieldStr(frame: Frame, index: number): string | null {
  const field = frame.fields[index];
  if (field?.tag === 'null') return null;
  if (field?.tag !== 'str') throw new Error(`field ${index} of op ${frame.code} is not a STR16`);
  return field.value;
}

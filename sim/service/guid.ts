import { createHash } from 'node:crypto';

// Deterministic GUIDs: a system's RuntimeId (and SiloGuid) is a name-based UUID (RFC 4122 version 5) of its id, so
// fixtures and tests see the same value on every run without storing it.

const NAMESPACE = Buffer.from('6f0c5e3a9a1d4a8f8c2b7e4d1f3a2b10', 'hex'); // this simulator's own namespace

export function guidFromName(name: string, purpose = 'runtime'): string {
  const hash = createHash('sha1')
    .update(NAMESPACE)
    .update(`${purpose}:${name.toLowerCase()}`, 'utf8')
    .digest();
  const b = hash.subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A stable pseudo-random number in [0, 1) for a name, used to vary synthetic figures between systems. */
export function unitFromName(name: string, salt: string): number {
  const hash = createHash('sha1').update(`${salt}:${name}`, 'utf8').digest();
  return hash.readUInt32LE(0) / 0x1_0000_0000;
}

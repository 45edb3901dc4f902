/**
 * Reading a JSON document field by field while remembering which fields were read: whatever was not read is
 * reported as unknown (shown, never dropped). A path names each field as the document does
 * ("VirtualMachine.Devices.Scsi").
 */

export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A field the reader did not describe: its path and value. */
export interface UnknownField {
  path: string;
  value: unknown;
}

export class Reader {
  private readonly read = new Set<string>();
  private readonly children: Reader[] = [];

  constructor(
    readonly value: Json,
    readonly path: string,
  ) {}

  /** Every key, read or not (for maps keyed by name: controllers, adapters). */
  keys(): string[] {
    return Object.keys(this.value);
  }

  has(key: string): boolean {
    return key in this.value;
  }

  raw(key: string): unknown {
    this.read.add(key);
    return this.value[key];
  }

  str(key: string): string | undefined {
    const v = this.raw(key);
    return typeof v === 'string'
      ? v
      : typeof v === 'number' || typeof v === 'boolean'
        ? String(v)
        : undefined;
  }

  num(key: string): number | undefined {
    const v = this.raw(key);
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  }

  bool(key: string): boolean | undefined {
    const v = this.raw(key);
    return typeof v === 'boolean' ? v : undefined;
  }

  /** A nested object, read in its turn. */
  obj(key: string): Reader | null {
    const v = this.raw(key);
    if (!isObject(v)) return null;
    const child = new Reader(v, this.path ? `${this.path}.${key}` : key);
    this.children.push(child);
    return child;
  }

  /** A list of objects, each read in its turn. */
  list(key: string): Reader[] {
    const v = this.raw(key);
    if (!Array.isArray(v)) return [];
    return v.flatMap((item, i) => {
      if (!isObject(item)) return [];
      const child = new Reader(item, `${this.path ? `${this.path}.` : ''}${key}[${i}]`);
      this.children.push(child);
      return [child];
    });
  }

  /** The fields of this object that nobody read (its children report their own). */
  unknownHere(): UnknownField[] {
    const out: UnknownField[] = [];
    for (const [key, value] of Object.entries(this.value)) {
      if (!this.read.has(key)) out.push({ path: this.path ? `${this.path}.${key}` : key, value });
    }
    return out;
  }

  /** The nested objects read through this one. */
  childReaders(): readonly Reader[] {
    return this.children;
  }
}

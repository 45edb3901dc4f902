import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { events, requests } from './channels.ts';
import { compileFastCheck } from './fast-check.ts';

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

const STRINGS = [
  'sys-1',
  'a',
  'abc-123',
  '{01234567-89ab-cdef-0123-456789abcdef}',
  'PATH',
  '{"a":1}',
  'x'.repeat(300),
];
const NUMBERS = [0, 1, 5, 250, 1000, 1.5, -1];

/** A value the schema accepts, made from its definition (null when none of the candidates fit). */
function validValue(schema: z.ZodType, withOptional: boolean): unknown {
  const def = defOf(schema);
  const first = (candidates: unknown[]) => candidates.find((c) => schema.safeParse(c).success);
  switch (def.type) {
    case 'string':
      return first(STRINGS);
    case 'number':
      return first(NUMBERS);
    case 'boolean':
      return true;
    case 'enum':
      return Object.values(def.entries as object)[0];
    case 'literal':
      return (def.values as unknown[])[0];
    case 'nullable':
      return validValue(def.innerType as z.ZodType, withOptional);
    case 'optional':
      return validValue(def.innerType as z.ZodType, withOptional);
    case 'unknown':
    case 'any':
      return { any: ['thing'] };
    case 'array':
      return [validValue(def.element as z.ZodType, withOptional)];
    case 'union':
      return validValue((def.options as z.ZodType[])[0]!, withOptional);
    case 'record':
      return { PATH: validValue(def.valueType as z.ZodType, withOptional) };
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        if (defOf(field).type === 'optional' && !withOptional) continue;
        out[key] = validValue(field, withOptional);
      }
      return out;
    }
    default:
      return first([...STRINGS, ...NUMBERS, true, null, {}]);
  }
}

const HOSTILE: unknown[] = [
  null,
  undefined,
  '',
  ' ',
  '../x',
  'a\u0000b',
  0,
  -1,
  1.5,
  2 ** 60,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  [],
  [undefined],
  {},
  { extra: 1 },
  'x'.repeat(100_000),
];

/** Every value made by one change somewhere in `value`: replaced, deleted, an extra key, a hole. */
function* mutations(value: unknown): Generator<unknown> {
  for (const h of HOSTILE) yield h;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++)
      for (const m of mutations(value[i])) yield value.map((v, j) => (j === i ? m : v));
    yield [...value, ...value];
    // eslint-disable-next-line no-sparse-arrays
    yield [, ...value];
  } else if (typeof value === 'object' && value !== null) {
    yield Object.assign(new (class Items extends Array {})(), [value]);
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      for (const m of mutations(record[key])) yield { ...record, [key]: m };
      const { [key]: _gone, ...rest } = record;
      yield rest;
    }
    yield { ...record, unknownKey: 1 };
    yield JSON.parse(
      `{"__proto__": {"polluted": true}, ${JSON.stringify(record).slice(1)}`.replace(', }', '}'),
    );
    const inherited = Object.create({ inherited: 1 }) as Record<string, unknown>;
    yield Object.assign(inherited, record);
    // Values only IPC can carry: zod gives a fresh plain object for some of them, never the value itself.
    yield Object.assign(Object.create(null) as object, record);
    yield Object.assign(new (class Exotic {})(), record);
    yield new Map(Object.entries(record));
    yield new Date(0);
  }
}

const SCHEMAS: Array<[string, z.ZodType]> = [
  ...Object.entries(events).map(([name, schema]) => [`event ${name}`, schema] as [string, z.ZodType]),
  ...Object.entries(requests).flatMap(([name, r]) => [
    [`request ${name}`, r.request] as [string, z.ZodType],
    [`response ${name}`, r.response] as [string, z.ZodType],
  ]),
];

describe('fast check', () => {
  it('says yes only to what zod accepts and returns unchanged, for every schema of the contract', () => {
    let yes = 0;
    for (const [name, schema] of SCHEMAS) {
      const fast = compileFastCheck(schema);
      if (!fast) continue;
      for (const withOptional of [true, false]) {
        const base = validValue(schema, withOptional);
        for (const value of [base, ...mutations(base)]) {
          if (!fast(value)) continue;
          yes++;
          const r = schema.safeParse(value);
          expect(r.success, `${name}: ${JSON.stringify(value)?.slice(0, 200)}`).toBe(true);
          expect(r.data, name).toStrictEqual(value);
        }
      }
    }
    expect(yes).toBeGreaterThan(100);
  });

  it('vouches for valid values of the hot shapes (so the renderer does not pay for zod on them)', () => {
    const hot: z.ZodType[] = [
      events['systems.snapshot'],
      events['systems.changed'],
      events['systems.removed'],
      events['operations.changed'],
      events['systems.notification'],
      events['statistics.update'],
      events['exec.changed'],
      events['statistics.host'],
      requests['statistics.watchHost'].response,
      requests['systems.list'].response,
      requests['statistics.watch'].response,
      requests['exec.ack'].request,
    ];
    for (const schema of hot) {
      const fast = compileFastCheck(schema);
      expect(fast).not.toBeNull();
      for (const withOptional of [true, false]) {
        const value = validValue(schema, withOptional);
        expect(schema.safeParse(value).success).toBe(true);
        expect(fast!(value)).toBe(true);
      }
    }
  });

  it('leaves to zod what it does not know: refinements, transforms', () => {
    expect(compileFastCheck(requests['exec.start'].request)).toBeNull();
    expect(compileFastCheck(requests['systems.create'].request)).toBeNull();
  });
});

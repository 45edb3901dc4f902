import type { z } from 'zod';

/**
 * A fast yes-or-don't-know check derived from a zod schema, for the trust boundary's hot path.
 *
 * The renderer validates every event (10,000 summaries in a snapshot, thousands of changes a second). Its
 * strict CSP forbids eval, so zod runs without its compiled fast path there, and its generic parse costs
 * several times the JSON.parse of the message. This derives, from the very same schema (one definition),
 * a tree of plain closures that answers `true` only when zod would accept the value AND return it unchanged:
 * no unknown keys (zod strips or refuses them), no undefined values (zod drops them), no transforms, defaults
 * or refinements (anything this does not know makes the whole schema `null`: always use zod). On `false`
 * the caller runs zod, which gives the real answer and its error message. So the fast path can only make
 * validation faster, never change what is accepted or what comes out; a unit test holds it to that
 * (fast-check.test.ts, against zod itself, on every event and request schema with mutated values).
 */
export type FastCheck = (value: unknown) => boolean;

interface Def {
  type: string;
  checks?: Array<{ _zod: { def: Record<string, unknown> } }>;
  [key: string]: unknown;
}

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

class Unsupported extends Error {}

/**
 * An object as JSON.parse or a structured clone makes it. Anything else (a Map, a Date, a class instance, a
 * null-prototype object: values IPC can carry) goes to zod, which returns a fresh plain object: the value the
 * caller gets from a fast yes is the value given, so it must be plain.
 */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** A string's or an array's length checks. */
function lengthChecks(def: Def): Array<(length: number) => boolean> {
  return (def.checks ?? []).map(({ _zod }) => {
    const c = _zod.def;
    if (c.check === 'min_length') return (n: number) => n >= (c.minimum as number);
    if (c.check === 'max_length') return (n: number) => n <= (c.maximum as number);
    if (c.check === 'length_equals') return (n: number) => n === (c.length as number);
    throw new Unsupported(String(c.check));
  });
}

function stringCheck(def: Def): FastCheck {
  const lengths: Array<(n: number) => boolean> = [];
  const patterns: RegExp[] = [];
  for (const { _zod } of def.checks ?? []) {
    const c = _zod.def;
    if (c.check === 'string_format' && c.format === 'regex' && c.pattern instanceof RegExp) {
      if (c.pattern.global || c.pattern.sticky) throw new Unsupported('stateful regex');
      patterns.push(c.pattern);
    } else lengths.push(...lengthChecks({ type: 'string', checks: [{ _zod }] }));
  }
  if (lengths.length === 0 && patterns.length === 0) return (v) => typeof v === 'string';
  return (v) => {
    if (typeof v !== 'string') return false;
    for (let i = 0; i < lengths.length; i++) if (!lengths[i]!(v.length)) return false;
    for (let i = 0; i < patterns.length; i++) if (!patterns[i]!.test(v)) return false;
    return true;
  };
}

function numberCheck(def: Def): FastCheck {
  const checks = (def.checks ?? []).map(({ _zod }): ((n: number) => boolean) => {
    const c = _zod.def;
    const value = c.value as number;
    if (c.check === 'greater_than') return c.inclusive ? (n) => n >= value : (n) => n > value;
    if (c.check === 'less_than') return c.inclusive ? (n) => n <= value : (n) => n < value;
    if (c.check === 'number_format' && c.format === 'safeint') return (n) => Number.isSafeInteger(n);
    throw new Unsupported(String(c.check));
  });
  // zod's number is finite (no NaN, no infinities).
  return (v) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return false;
    for (let i = 0; i < checks.length; i++) if (!checks[i]!(v)) return false;
    return true;
  };
}

function objectCheck(def: Def): FastCheck {
  const catchall = def.catchall === undefined ? null : defOf(def.catchall).type;
  // A catch-all other than "refuse" (strict) or none (strip) keeps extra keys: not a shape this knows.
  if (catchall !== null && catchall !== 'never') throw new Unsupported(`catchall ${catchall}`);
  const shape = def.shape as Record<string, unknown>;
  const fields = Object.entries(shape).map(([key, schema]) => {
    const optional = defOf(schema).type === 'optional';
    return { key, optional, check: compile(schema) };
  });
  const keys = fields.map((f) => f.key);
  const optional = fields.map((f) => f.optional);
  const checks = fields.map((f) => f.check);
  const required = fields.filter((f) => !f.optional).length;
  return (v) => {
    if (!isPlainObject(v)) return false;
    // Every field present is checked; counting them against the value's own keys finds extra keys
    // (for-in also sees inherited ones, which zod's strict objects refuse too).
    let present = 0;
    for (let i = 0; i < keys.length; i++) {
      const value = v[keys[i]!];
      if (value === undefined) {
        if (!optional[i]) return false;
      } else {
        if (!checks[i]!(value)) return false;
        present++;
      }
    }
    if (present < required) return false;
    let own = 0;
    for (const key in v) {
      if (!Object.prototype.hasOwnProperty.call(v, key)) return false;
      own++;
    }
    return own === present;
  };
}

function compile(schema: unknown): FastCheck {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return stringCheck(def);
    case 'number':
      return numberCheck(def);
    case 'boolean':
      if (def.checks?.length) throw new Unsupported('boolean checks');
      return (v) => typeof v === 'boolean';
    case 'enum': {
      const values = new Set(Object.values(def.entries as Record<string, unknown>));
      return (v) => values.has(v as never);
    }
    case 'literal': {
      const values = new Set(def.values as unknown[]);
      return (v) => values.has(v);
    }
    case 'nullable': {
      const inner = compile(def.innerType);
      return (v) => v === null || inner(v);
    }
    case 'optional': {
      // Only reached for a present value (objectCheck handles a missing key).
      return compile(def.innerType);
    }
    case 'unknown':
    case 'any':
      return () => true;
    case 'object':
      if (def.checks?.length) throw new Unsupported('object checks');
      return objectCheck(def);
    case 'array': {
      const element = compile(def.element);
      const lengths = lengthChecks(def);
      return (v) => {
        if (!Array.isArray(v) || Object.getPrototypeOf(v) !== Array.prototype) return false;
        if (!lengths.every((ok) => ok(v.length))) return false;
        // An index loop, not every(): a hole (possible after a structured clone) is a value to refuse.
        for (let i = 0; i < v.length; i++) {
          const item: unknown = v[i];
          if (item === undefined || !element(item)) return false;
        }
        return true;
      };
    }
    case 'record': {
      // A record of string keys (the host statistics' figures by system id, sent every second).
      if (def.checks?.length) throw new Unsupported('record checks');
      if (defOf(def.keyType).type !== 'string') throw new Unsupported('record key');
      const key = compile(def.keyType);
      const value = compile(def.valueType);
      return (v) => {
        if (!isPlainObject(v)) return false;
        for (const k in v) {
          // An inherited key, or `__proto__` (JSON.parse makes it an own key; zod's copy would set the copy's
          // prototype with it instead): zod's answer.
          if (!Object.prototype.hasOwnProperty.call(v, k) || k === '__proto__') return false;
          const item = v[k];
          if (item === undefined || !key(k) || !value(item)) return false;
        }
        return true;
      };
    }
    case 'union': {
      const options = (def.options as unknown[]).map(compile);
      return (v) => options.some((ok) => ok(v));
    }
    default:
      throw new Unsupported(def.type);
  }
}

/** The fast check of a schema, or null when the schema uses anything it does not know (then use zod). */
export function compileFastCheck(schema: z.ZodType): FastCheck | null {
  try {
    return compile(schema);
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}

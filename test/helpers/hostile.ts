// Hostile input for the transports (the WebSocket server and Electron IPC): thousands of malformed requests for
// EVERY request channel of the contract, made from the channel's own zod schema so that a channel added later
// is covered without touching this file, plus malformed wire frames (web mode). Deterministic: a seed gives
// the same list every time, so a failure names a message that can be replayed.
//
// Every request here is one the contract refuses (checked with the schema itself and dropped otherwise), so a
// transport that lets any of them through to the core has a bug. The oracle being the contract is deliberate:
// these tests prove the transports apply it to everything, whatever shape the input takes; what the contract
// refuses (ids, documents, sizes) has its own tests.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  MAX_DOCUMENT_BYTES,
  MAX_SYSTEM_ID_LENGTH,
  requests,
  type RequestChannel,
} from '../../src/contract/index.ts';

/** mulberry32: small, fast, and the same sequence on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface HostileRequest {
  /** What was done to it, for a failure message (e.g. "systems.start: id = path separator"). */
  label: string;
  channel: unknown;
  payload: unknown;
}

/** A raw WebSocket message and what the server does with it: an error answer, or closing the socket. */
export interface HostileFrame {
  label: string;
  data: string | Buffer;
  binary: boolean;
  outcome: 'error' | 'close';
  /** For 'close': the code the server closes with (1007 invalid UTF-8, 1009 too big). */
  closeCode?: number;
  /** The envelope's id when it is well formed and unique in the list: its answer carries it. */
  id?: number;
}

/** Keys that reach prototypes when code assigns or merges them carelessly. */
export const POLLUTION_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  '__lookupSetter__',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'then',
] as const;

/**
 * Ids and strings that must never reach HCS as an id: path separators and traversal, device and pipe paths,
 * control characters and NUL, look-alike and invisible Unicode, over-long, empty, and injection attempts.
 */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '.',
  '..',
  '../etc/passwd',
  '..\\..\\Windows\\System32',
  'a/b',
  'a\\b',
  '/abs',
  '\\\\?\\C:\\Windows',
  '\\\\.\\pipe\\hcs',
  '\\\\server\\share',
  'C:\\Windows',
  'C:',
  'con:',
  'file:///etc/passwd',
  'id with spaces',
  ' leading',
  'trailing ',
  'tab\there',
  'new\nline',
  'carriage\rreturn',
  'nul\u0000byte',
  '\u0000',
  'bell\u0007',
  'escape\u001b[31m',
  'del\u007f',
  'zero\u200bwidth',
  'rtl\u202eoverride',
  'bom\ufeff',
  'fullwidth\uff0fslash',
  'fullwidth\uff0e\uff0e',
  'homoglyph-\u0430dmin',
  'combining-e\u0301',
  'lone-\ud800-surrogate',
  'emoji-\u{1f680}',
  '%2e%2e%2f',
  '%00',
  "quote'",
  'double"quote',
  '`backtick`',
  '$(calc)',
  '; rm -rf /',
  '| whoami',
  '<script>alert(1)</script>',
  '{"json":"inside"}',
  '-leading-dash',
  '_leading-underscore',
  'x'.repeat(MAX_SYSTEM_ID_LENGTH + 1),
  `a${'.'.repeat(MAX_SYSTEM_ID_LENGTH)}`,
];

/**
 * Unicode that trips up code which compares, prints, normalises or encodes text: each is put alone, before,
 * inside and after a valid value of every string field (systematicMutations).
 */
export const UNICODE_ODDITIES: readonly string[] = [
  '\u0000', // NUL
  '\u0001', // C0 control
  '\u001f',
  '\u007f', // DEL
  '\u0085', // C1 next line
  '\u009b', // C1 CSI
  '\u00a0', // no-break space
  '\u00ad', // soft hyphen
  '\u034f', // combining grapheme joiner
  'e\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301', // stacked combining marks
  '\u180e', // Mongolian vowel separator
  '\u200b', // zero width space
  '\u200d', // zero width joiner
  '\u200e', // left-to-right mark
  '\u202a', // bidi embedding
  '\u202e', // right-to-left override
  '\u2066', // bidi isolate
  '\u2028', // line separator
  '\u2029', // paragraph separator
  '\u2060', // word joiner
  '\u2215', // division slash (looks like /)
  '\u29f5', // reverse solidus operator (looks like \)
  '\u3000', // ideographic space
  '\ufb01', // ligature fi (NFKC: "fi")
  '\ufe0f', // variation selector
  '\ufeff', // byte order mark
  '\ufff9', // interlinear annotation
  '\ufffd', // replacement character
  '\ufffe', // noncharacter
  '\uffff', // noncharacter
  '\ud800', // lone high surrogate
  '\udfff', // lone low surrogate
  '\udc00\ud800', // surrogates in the wrong order
  '\u{e0041}', // tag character
  '\u{1fffe}', // noncharacter, astral
  '\u{10ffff}', // the last code point
  '\uff0f', // fullwidth solidus
  '\u2024\u2024', // one-dot leaders (look like ..)
];

/** Values of the wrong type for most fields (JSON-representable: they must survive the WebSocket too). */
export const WRONG_VALUES: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  -0.5,
  2 ** 53 + 2,
  -(2 ** 53) - 2,
  1e308,
  'text',
  '1',
  [],
  ['a'],
  {},
  { id: 'x' },
];

/**
 * A JSON value nested `depth` levels deep (arrays or objects). Keep it to a few thousand levels: JSON.stringify
 * recurses, so deeper values only travel as text (`nestedText`).
 */
export function nested(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 0;
  for (let i = 0; i < depth; i++) value = kind === 'array' ? [value] : { a: value };
  return value;
}

/** The same, as JSON text (nesting far beyond what a recursive parser survives, built without recursion). */
export function nestedText(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? `${'['.repeat(depth)}0${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}0${'}'.repeat(depth)}`;
}

/** An object with an own, enumerable property of any name (`__proto__` too: JSON.stringify then writes it). */
function withKey(base: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

function without(base: Record<string, unknown>, key: string): Record<string, unknown> {
  const out = { ...base };
  delete out[key];
  return out;
}

// ---- Reading the contract's schemas (zod 4) -------------------------------------------------------------

type Schema = z.ZodType;

/**
 * The object shapes a request schema accepts (one for an object, one per option of a union; through a pipe,
 * the shape it ends in: a check in front of an object, such as the settings' plain-object check).
 */
function objectShapes(schema: Schema): z.ZodObject[] {
  if (schema instanceof z.ZodObject) return [schema];
  if (schema instanceof z.ZodUnion) return (schema.options as Schema[]).flatMap(objectShapes);
  if (schema instanceof z.ZodPipe) return objectShapes(schema.out as Schema);
  return [];
}

function unwrap(schema: Schema): Schema {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault)
      s = s.unwrap() as Schema;
    else if (s instanceof z.ZodPipe) s = s.out as Schema;
    else return s;
  }
}

/** A value the schema accepts, or undefined if none of the usual candidates fits. */
function sample(schema: Schema): unknown {
  const s = unwrap(schema);
  const first = (candidates: unknown[]) => candidates.find((c) => s.safeParse(c).success);
  if (s instanceof z.ZodObject) {
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(s.shape as Record<string, Schema>)) out[key] = sample(field);
    return out;
  }
  // The last two are for fields that take a host's URL (hosts.add) and a certificate fingerprint (hosts.trust).
  if (s instanceof z.ZodString) {
    const fingerprint = Array.from({ length: 32 }, () => 'AB').join(':');
    return first([
      'hostile-base',
      'a',
      '{}',
      'x',
      'CtrlC',
      'https://127.0.0.1:8443/?token=hostile-base',
      fingerprint,
    ]);
  }
  if (s instanceof z.ZodNumber) return first([s.minValue ?? 0, 1, 0, 80, 250, 1000]);
  if (s instanceof z.ZodBoolean) return false;
  if (s instanceof z.ZodEnum) return s.options[0];
  if (s instanceof z.ZodLiteral) return s.value;
  if (s instanceof z.ZodArray) return [];
  if (s instanceof z.ZodRecord) return {};
  if (s instanceof z.ZodUnion) return sample((s.options as Schema[])[0]!);
  return undefined;
}

/** A string field that takes a whole document (a limit of 64 KiB or more). */
function isDocumentField(field: Schema): boolean {
  const s = unwrap(field);
  return s instanceof z.ZodString && (s.maxLength ?? 0) >= 64 * 1024;
}

/** Values aimed at one field, by what the field is. */
function hostileValuesFor(field: Schema): unknown[] {
  const s = unwrap(field);
  const values: unknown[] = [...WRONG_VALUES];
  // One character over the field's own limit (1 MiB + 1 for documents and input, 257 for ids…).
  if (s instanceof z.ZodString)
    values.push(...HOSTILE_STRINGS, 'x'.repeat((s.maxLength ?? MAX_DOCUMENT_BYTES) + 1));
  if (s instanceof z.ZodNumber)
    values.push(-0, 0.1, -(2 ** 31), 2 ** 32, 2 ** 64, Number.MAX_SAFE_INTEGER + 2);
  if (s instanceof z.ZodEnum || s instanceof z.ZodLiteral) {
    for (const option of s instanceof z.ZodEnum ? s.options : [s.value]) {
      if (typeof option === 'string')
        values.push(option.toUpperCase(), ` ${option}`, `${option}\u0000`, '__proto__');
    }
  }
  if (s instanceof z.ZodArray) {
    values.push(
      Array.from({ length: 10_000 }, () => 'Memory'),
      [null],
      [[[]]],
      ['__proto__'],
    );
  }
  if (s instanceof z.ZodRecord) {
    values.push({ 'BAD NAME': 'x' }, { '': 'x' }, { A: 1 }, { A: null }, { A: { nested: true } });
    values.push(Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`V${i}`, 'x'])));
  }
  return values;
}

function randomValue(random: () => number, field: Schema | undefined): unknown {
  const r = random();
  if (field && r < 0.3) return sample(field);
  if (r < 0.55) return HOSTILE_STRINGS[Math.floor(random() * HOSTILE_STRINGS.length)];
  if (r < 0.8) return WRONG_VALUES[Math.floor(random() * WRONG_VALUES.length)];
  if (r < 0.9) return nested(1 + Math.floor(random() * 50), random() < 0.5 ? 'array' : 'object');
  return Math.floor(random() * 2 ** 40) * (random() < 0.5 ? -1 : 1);
}

/** Random objects: some keys of the shape, some junk keys, values valid and hostile mixed. */
function fuzz(random: () => number, shape: Record<string, Schema>, count: number): Record<string, unknown>[] {
  const keys = Object.keys(shape);
  const junk = [...POLLUTION_KEYS, 'extra', 'ID', 'id ', 'payload', 'channel', ''];
  const out: Record<string, unknown>[] = [];
  for (let n = 0; n < count; n++) {
    let o: Record<string, unknown> = {};
    for (const key of keys) if (random() < 0.75) o[key] = randomValue(random, shape[key]);
    if (random() < 0.4)
      o = withKey(o, junk[Math.floor(random() * junk.length)]!, randomValue(random, undefined));
    out.push(o);
  }
  return out;
}

/** Misspellings and look-alikes of a real channel name (never the name itself: not every name has an "e"). */
function channelLookalikes(name: string): string[] {
  const lookalikes = [
    name.toUpperCase(),
    ` ${name}`,
    `${name} `,
    `${name}\u0000`,
    `${name}\n`,
    `hcs:${name}`,
    `../${name}`,
    `${name}/../systems.list`,
    name.replace('.', '/'),
    name.replace('.', '\uff0e'),
    name.replace(/e/, '\u0435'),
    `${name}\u200b`,
    name.slice(0, -1),
  ];
  return lookalikes.filter((lookalike) => lookalike !== name);
}

const NON_OBJECT_PAYLOADS: readonly unknown[] = [
  undefined,
  null,
  0,
  1,
  -1,
  'payload',
  '',
  true,
  false,
  [],
  [{}],
  nested(200, 'array'),
];

/** Channel names that are not request channels (pollution keys included: `requests` is a plain object). */
export function unknownChannels(): unknown[] {
  const names: unknown[] = [
    ...POLLUTION_KEYS,
    '',
    ' ',
    'hcs:invoke',
    'shell.exec',
    'systems.destroyEverything',
    'systems.snapshot', // an event, not a request
    'service.changed',
    'x'.repeat(10_000),
    null,
    0,
    1,
    true,
    [],
    ['systems.list'],
    {},
    { toString: 'systems.list' },
  ];
  for (const name of Object.keys(requests)) names.push(...channelLookalikes(name));
  return names;
}

/** Numbers at and around the edges of what JSON, integers and the usual field limits can hold. */
function numberBoundaries(s: z.ZodNumber): number[] {
  const values = [
    -(2 ** 31),
    2 ** 31,
    2 ** 32,
    -(2 ** 32),
    2 ** 53,
    2 ** 53 + 2,
    -(2 ** 53) - 2,
    2 ** 63,
    2 ** 64,
    1e21,
    -1e21,
    5e-324,
    Number.EPSILON,
    1e-7,
    0.5,
    -0.5,
  ];
  for (const edge of [s.minValue, s.maxValue]) {
    if (typeof edge === 'number' && Number.isFinite(edge))
      values.push(edge - 1, edge + 1, edge - 0.5, edge + 0.5);
  }
  return values;
}

/** Keys near each field's own name: what a typo, a case-insensitive or a normalising reader would confuse. */
function unknownKeysFor(fields: string[]): string[] {
  const keys = ['extra', 'unknown', 'payload', 'channel', 't', 'ok', '$type', '@type', '__type', '0', ''];
  for (const f of fields) keys.push(f.toUpperCase(), `${f}_`, `_${f}`, `${f}\u200b`, ` ${f}`, `${f}s`);
  return keys;
}

/**
 * Every field of a channel's valid request, mutated systematically: wrong types, boundary sizes and numbers,
 * Unicode oddities alone and around a valid value, nesting from 2 to 2 048 levels, prototype keys inside object
 * fields; and the whole request with unknown fields and prototype keys added. Deterministic by construction.
 */
function systematicMutations(
  base: Record<string, unknown>,
  fields: Record<string, Schema>,
): Array<[string, Record<string, unknown>]> {
  const out: Array<[string, Record<string, unknown>]> = [];
  const set = (label: string, key: string, value: unknown) =>
    out.push([`${key} ${label}`, withKey(without(base, key), key, value)]);
  for (const [key, field] of Object.entries(fields)) {
    const s = unwrap(field);
    const valid = base[key];
    for (const value of [...WRONG_VALUES, '0', 'true', 'null', '[]', '{}', [valid], { value: valid }])
      set(`= ${describeValue(value)} (wrong type)`, key, value);
    if (typeof valid === 'number') set('= the number as a string', key, String(valid));
    if (typeof valid === 'string' && valid !== '' && !Number.isNaN(Number(valid)))
      set('= the string as a number', key, Number(valid));
    if (s instanceof z.ZodString) {
      const max = s.maxLength ?? Infinity;
      // Empty, one over the field's limit, and (for fields without a small limit) 64 KiB + 1: megabyte values
      // are sent only where the limit itself is that large, so the suite does not ship tens of megabytes.
      const lengths = new Set([0, max + 1, ...(max > 2 ** 16 ? [] : [2 ** 16 + 1])]);
      for (const length of lengths) {
        if (length === Infinity || (length <= max && length >= (s.minLength ?? 0))) continue;
        set(`= ${length} characters`, key, 'a'.repeat(length));
      }
      const text = typeof valid === 'string' ? valid : 'a';
      const middle = Math.floor(text.length / 2);
      UNICODE_ODDITIES.forEach((odd, i) => {
        set(`= unicode oddity #${i} alone`, key, odd);
        set(`= unicode oddity #${i} first`, key, odd + text);
        set(`= unicode oddity #${i} inside`, key, text.slice(0, middle) + odd + text.slice(middle));
        set(`= unicode oddity #${i} last`, key, text + odd);
      });
    }
    if (s instanceof z.ZodNumber) {
      for (const n of numberBoundaries(s)) set(`= ${n} (boundary)`, key, n);
    }
    if (s instanceof z.ZodArray) {
      const element = sample(s.element as Schema);
      for (const value of WRONG_VALUES) set(`= [${describeValue(value)}] (wrong element)`, key, [value]);
      for (const value of WRONG_VALUES)
        set(`= [valid, ${describeValue(value)}] (wrong element)`, key, [element, value]);
      UNICODE_ODDITIES.forEach((odd, i) =>
        set(`= [element + unicode oddity #${i}]`, key, [`${String(element)}${odd}`]),
      );
      const maxElements = (s._zod.bag as { maximum?: number }).maximum;
      if (maxElements !== undefined && Number.isFinite(maxElements))
        set(
          `= ${maxElements + 1} elements`,
          key,
          Array.from({ length: maxElements + 1 }, () => element),
        );
    }
    if (s instanceof z.ZodRecord || s instanceof z.ZodObject) {
      for (const pk of POLLUTION_KEYS) {
        set(`= {${pk}: object}`, key, withKey({}, pk, { polluted: true }));
        set(`= {${pk}: string}`, key, withKey({}, pk, 'polluted'));
      }
      UNICODE_ODDITIES.forEach((odd, i) =>
        set(`= {unicode oddity #${i} as a key}`, key, { [`A${odd}`]: 'x' }),
      );
      for (const value of WRONG_VALUES) set(`= {A: ${describeValue(value)}}`, key, { A: value });
    }
    for (const depth of [2, 16, 256, 2048]) {
      set(`nested ${depth} deep (arrays)`, key, nested(depth, 'array'));
      set(`nested ${depth} deep (objects)`, key, nested(depth, 'object'));
    }
  }
  for (const extra of unknownKeysFor(Object.keys(fields))) {
    out.push([`unknown field ${describeValue(extra)}`, withKey(base, extra, true)]);
    out.push([`unknown field ${describeValue(extra)} (object)`, withKey(base, extra, { id: 'x' })]);
  }
  for (const pk of POLLUTION_KEYS) {
    for (const [kind, value] of [
      ['object', { polluted: true, isAdmin: true }],
      ['null', null],
      ['array', ['polluted']],
      ['nested prototype', { __proto__: { polluted: true } }],
    ] as const) {
      out.push([`prototype key ${pk} (${kind})`, withKey(base, pk, value)]);
    }
  }
  return out;
}

const generated = new Map<string, HostileRequest[]>();

/**
 * Malformed requests for every request channel: non-object payloads, missing and extra fields (prototype keys
 * among them), every field replaced by wrong types and hostile strings, huge values, deep nesting, every field
 * mutated systematically (systematicMutations), seeded random objects, and unknown channels. Only requests the
 * contract refuses are kept, each payload once per channel. The list is made once per seed and shared: callers
 * must not change it.
 */
export function hostileRequests(seed = 1, fuzzPerShape = 60): HostileRequest[] {
  const key = `${seed}/${fuzzPerShape}`;
  const cached = generated.get(key);
  if (cached) return cached;
  const made = makeHostileRequests(seed, fuzzPerShape);
  generated.set(key, made);
  return made;
}

interface Collected {
  out: HostileRequest[];
  /** Digests of the payloads kept or dropped so far, per channel: each payload is tried once. */
  seen: Set<string>;
}

/** Adds a request if its payload is new for the channel and the contract refuses it. */
function collect(into: Collected, channel: RequestChannel, label: string, payload: unknown): void {
  const json = JSON.stringify(payload) ?? 'undefined';
  const identity = `${channel}\u0000${createHash('sha1').update(json).digest('base64')}`;
  if (into.seen.has(identity)) return;
  into.seen.add(identity);
  if (!requests[channel].request.safeParse(payload).success)
    into.out.push({ label: `${channel}: ${label}`, channel, payload });
}

let systematicPart: Collected | null = null;

/** Everything but the seeded fuzz: the same for every seed, so it is made once per process. */
function systematicRequests(): Collected {
  if (systematicPart) return systematicPart;
  const made: Collected = { out: [], seen: new Set() };
  const add = (channel: RequestChannel, label: string, payload: unknown) =>
    collect(made, channel, label, payload);
  for (const channel of Object.keys(requests) as RequestChannel[]) {
    const schema = requests[channel].request as Schema;
    for (const payload of NON_OBJECT_PAYLOADS) add(channel, `payload = ${describeValue(payload)}`, payload);
    const shapes = objectShapes(schema);
    if (shapes.length === 0) {
      for (const payload of [{}, ...WRONG_VALUES])
        add(channel, `payload = ${describeValue(payload)}`, payload);
    }
    for (const shape of shapes) {
      const fields = shape.shape as Record<string, Schema>;
      const base = sample(shape) as Record<string, unknown>;
      for (const key of Object.keys(fields)) add(channel, `without ${key}`, without(base, key));
      for (const key of [...POLLUTION_KEYS, 'extra', 'ID']) {
        add(channel, `extra key ${key}`, withKey(base, key, { polluted: true }));
        add(channel, `extra key ${key} (string)`, withKey(base, key, 'polluted'));
      }
      add(channel, 'payload nested 1000 deep', nested(1000, 'object'));
      for (const [key, field] of Object.entries(fields)) {
        for (const value of hostileValuesFor(field))
          add(channel, `${key} = ${describeValue(value)}`, { ...base, [key]: value });
        add(channel, `${key} nested 1000 deep`, { ...base, [key]: nested(1000, 'array') });
        add(channel, `${key} = an array of ${key}`, { ...base, [key]: [base[key]] });
        if (isDocumentField(field)) {
          // Documents are JSON text: text nested far beyond any recursive parser, and text that is not an object.
          add(channel, `${key} = a document nested 100 000 deep, unterminated`, {
            ...base,
            [key]: nestedText(100_000, 'object').slice(0, -1),
          });
          add(channel, `${key} = a JSON array document`, { ...base, [key]: nestedText(1000, 'array') });
        }
      }
      for (const [label, payload] of systematicMutations(base, fields)) add(channel, label, payload);
    }
  }
  systematicPart = made;
  return made;
}

/** The same list, made afresh for the seeded part (for tests of the generator itself). */
export function makeHostileRequests(seed: number, fuzzPerShape: number): HostileRequest[] {
  const random = seededRandom(seed);
  const systematic = systematicRequests();
  const made: Collected = { out: [...systematic.out], seen: new Set(systematic.seen) };
  for (const channel of Object.keys(requests) as RequestChannel[]) {
    for (const shape of objectShapes(requests[channel].request as Schema)) {
      const fields = shape.shape as Record<string, Schema>;
      fuzz(random, fields, fuzzPerShape).forEach((payload, i) =>
        collect(made, channel, `random #${i}`, payload),
      );
    }
  }
  for (const channel of unknownChannels()) {
    made.out.push({ label: `unknown channel ${describeValue(channel)}`, channel, payload: {} });
  }
  return made.out;
}

/** A short, printable description of a value for labels. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  const printable = text.replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return printable.length > 60 ? `${printable.slice(0, 57)}… (${text.length} chars)` : printable;
}

export interface FrameLimits {
  /** Text messages up to this many bytes get an answer ("too large" beyond it). */
  maxMessageBytes: number;
  /** Messages beyond this many bytes close the socket (ws maxPayload, close code 1009). */
  maxPayloadBytes: number;
}

/**
 * Raw WebSocket messages: every hostile request in a well-formed envelope, then broken envelopes, text that is
 * not JSON, duplicate keys, binary frames, invalid UTF-8 and oversize messages.
 */
export function hostileFrames(limits: FrameLimits, seed = 1): HostileFrame[] {
  const out: HostileFrame[] = [];
  const text = (label: string, data: string, outcome: HostileFrame['outcome'] = 'error') =>
    out.push({ label, data, binary: false, outcome });
  let id = 1;
  for (const r of hostileRequests(seed)) {
    const n = id++;
    out.push({
      label: r.label,
      data: JSON.stringify({ t: 'req', id: n, channel: r.channel, payload: r.payload }),
      binary: false,
      outcome: 'error',
      id: n,
    });
  }
  // Nesting far deeper than JSON.stringify can write: built as text (100 000 deep once, below).
  for (const channel of Object.keys(requests)) {
    for (const [label, payload] of [
      ['payload nested 20 000 deep', nestedText(20_000, 'object')],
      ['id nested 20 000 deep', `{"id":${nestedText(20_000, 'array')}}`],
    ]) {
      const n = id++;
      out.push({
        label: `${channel}: ${label}`,
        data: `{"t":"req","id":${n},"channel":${JSON.stringify(channel)},"payload":${payload}}`,
        binary: false,
        outcome: 'error',
        id: n,
      });
    }
  }
  const valid = { t: 'req', id: 1, channel: 'systems.list', payload: {} };
  const envelopes: [string, unknown][] = [
    ['no t', without(valid, 't')],
    ['t = res', { ...valid, t: 'res' }],
    ['t = evt', { ...valid, t: 'evt' }],
    ['t = REQ', { ...valid, t: 'REQ' }],
    ['t = null', { ...valid, t: null }],
    ['no id', without(valid, 'id')],
    ['id = "1"', { ...valid, id: '1' }],
    ['id = -1', { ...valid, id: -1 }],
    ['id = 1.5', { ...valid, id: 1.5 }],
    ['id = 2^53 + 2', { ...valid, id: 2 ** 53 + 2 }],
    ['id = 1e300', { ...valid, id: 1e300 }],
    ['id = null', { ...valid, id: null }],
    ['id = []', { ...valid, id: [] }],
    ['no channel', without(valid, 'channel')],
    ['no payload', without(valid, 'payload')],
    ...[...POLLUTION_KEYS, 'extra', 'result', 'ok'].map((key): [string, unknown] => [
      `extra envelope key ${key}`,
      withKey(valid, key, { polluted: true }),
    ]),
    ['an array of requests', [valid, valid]],
  ];
  for (const [label, envelope] of envelopes) text(`envelope: ${label}`, JSON.stringify(envelope));
  for (const data of [
    '',
    ' ',
    '{',
    '}',
    '[',
    'null',
    'true',
    '1',
    '"req"',
    '[]',
    "{'t':'req'}",
    'NaN',
    'undefined',
    '{"t":"req",}',
    `\ufeff${JSON.stringify(valid)}`,
    `${JSON.stringify(valid)} trailing`,
    nestedText(100_000, 'array'),
    nestedText(100_000, 'object'),
  ]) {
    text(`not a JSON object: ${describeValue(data)}`, data);
  }
  text(
    'duplicate key: the last id is a path',
    '{"t":"req","id":7,"channel":"systems.start","payload":{"id":"test-container-created","id":"../x"}}',
  );
  text(
    'duplicate key: the last channel is unknown',
    '{"t":"req","id":8,"channel":"systems.list","channel":"nope","payload":{}}',
  );
  text(
    'duplicate key: the last t is not req',
    '{"t":"req","id":9,"channel":"systems.list","payload":{},"t":"res"}',
  );
  const random = seededRandom(seed ^ 0x5eed);
  for (let i = 0; i < 20; i++) {
    const bytes = Buffer.alloc(1 + Math.floor(random() * 512));
    for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(random() * 256);
    out.push({ label: `binary: random bytes #${i}`, data: bytes, binary: true, outcome: 'error' });
  }
  out.push({
    label: 'binary: a valid request as bytes',
    data: Buffer.from(JSON.stringify(valid)),
    binary: true,
    outcome: 'error',
  });
  out.push({ label: 'binary: empty', data: Buffer.alloc(0), binary: true, outcome: 'error' });
  text(
    'one byte over the message limit',
    JSON.stringify({ ...valid, payload: { pad: 'x'.repeat(limits.maxMessageBytes) } }),
  );
  out.push({
    label: 'text frame of invalid UTF-8',
    data: Buffer.from([0x7b, 0xff, 0xfe, 0xc0, 0x80, 0x7d]),
    binary: false,
    outcome: 'close',
    closeCode: 1007,
  });
  out.push({
    label: 'text beyond the payload limit',
    data: 'x'.repeat(limits.maxPayloadBytes + 1),
    binary: false,
    outcome: 'close',
    closeCode: 1009,
  });
  out.push({
    label: 'binary beyond the payload limit',
    data: Buffer.alloc(limits.maxPayloadBytes + 1, 0x41),
    binary: true,
    outcome: 'close',
    closeCode: 1009,
  });
  return out;
}

/** A request the contract accepts, for each channel (to show that a refusal came from the sender check). */
export function validRequest(channel: RequestChannel): unknown {
  const schema = requests[channel].request as Schema;
  const payload = sample(objectShapes(schema)[0] ?? schema);
  if (!schema.safeParse(payload).success) {
    throw new Error(`hostile.ts cannot make a valid ${channel} request; teach sample() the new field type`);
  }
  return payload;
}

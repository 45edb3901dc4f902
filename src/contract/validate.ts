import type { z } from 'zod';
import {
  events,
  isEventChannel,
  isRequestChannel,
  requests,
  type EventChannel,
  type EventOf,
  type RequestChannel,
  type RequestOf,
} from './channels.ts';
import { compileFastCheck, type FastCheck } from './fast-check.ts';
import type { ErrorInfo } from './model.ts';

/** Fast checks by schema, derived on first use (null: the schema needs zod itself). */
const fastChecks = new WeakMap<z.ZodType, FastCheck | null>();

/**
 * The schema's value: the value itself when the fast check (fast-check.ts) vouches that zod would return it
 * unchanged, else zod's answer. Validation happens once, here, at the trust boundary.
 */
function check(schema: z.ZodType, value: unknown): z.ZodSafeParseResult<unknown> {
  let fast = fastChecks.get(schema);
  if (fast === undefined) fastChecks.set(schema, (fast = compileFastCheck(schema)));
  if (fast?.(value)) return { success: true, data: value };
  return schema.safeParse(value);
}

/** A request the receiving side refused before doing anything with it. */
export class ContractError extends Error {
  constructor(
    message: string,
    readonly channel: string,
  ) {
    super(message);
    this.name = 'ContractError';
  }
}

/** A name for any value, safe even for objects whose toString throws or is not a function. */
function nameOf(value: unknown): string {
  if (typeof value === 'string') return value.slice(0, 80);
  try {
    return (JSON.stringify(value) ?? typeof value).slice(0, 80);
  } catch {
    return typeof value;
  }
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** Check a request's channel and payload; throws ContractError naming what is wrong. */
export function parseRequest<C extends RequestChannel>(
  channel: unknown,
  payload: unknown,
): { channel: C; payload: RequestOf<C> } {
  if (!isRequestChannel(channel)) {
    throw new ContractError(`unknown channel ${JSON.stringify(nameOf(channel))}`, nameOf(channel));
  }
  const r = check(requests[channel].request, payload);
  if (!r.success) throw new ContractError(`invalid request for ${channel}: ${describe(r.error)}`, channel);
  return { channel: channel as C, payload: r.data as RequestOf<C> };
}

export function parseResponse<C extends RequestChannel>(channel: C, payload: unknown) {
  const r = check(requests[channel].response, payload);
  if (!r.success) throw new ContractError(`invalid response for ${channel}: ${describe(r.error)}`, channel);
  return r.data;
}

export function parseEvent<C extends EventChannel>(
  channel: unknown,
  payload: unknown,
): { channel: C; payload: EventOf<C> } {
  if (!isEventChannel(channel)) throw new ContractError(`unknown event ${nameOf(channel)}`, nameOf(channel));
  const r = check(events[channel], payload);
  if (!r.success) throw new ContractError(`invalid event ${channel}: ${describe(r.error)}`, channel);
  return { channel: channel as C, payload: r.data as EventOf<C> };
}

/** The error shape that crosses a transport. */
export function contractErrorInfo(e: ContractError): ErrorInfo {
  return { message: e.message, events: [], explanation: 'The request was rejected before it reached HCS.' };
}

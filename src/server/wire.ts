import {
  ContractError,
  contractErrorInfo,
  parseRequest,
  type ErrorInfo,
  type WireMessage,
} from '../contract/index.ts';
import { errorInfoOf, type AppCoreApi } from '../app/index.ts';

/** The largest request we read; larger ones are answered with an error (a document is at most 1 MiB). */
export const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

type Response = Extract<WireMessage, { t: 'res' }>;
type Failure = Extract<Response, { ok: false }>;

/** A request is exactly these fields: anything else (`__proto__`, `constructor`…) is refused, not ignored. */
const ENVELOPE_KEYS = new Set(['t', 'id', 'channel', 'payload']);

function failure(id: number, error: ErrorInfo): Failure {
  return { t: 'res', id, ok: false, error };
}

function rejected(id: number, message: string): Failure {
  return failure(id, { message, events: [], explanation: 'The request was rejected before it reached HCS.' });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The answer to one WebSocket message: check size and JSON, then the contract (`parseRequest`), then the
 * core (through the socket's connection, which answers the per-client exec requests). Never throws. A message whose id cannot be read is answered with id 0.
 */
export async function answerMessage(
  core: Pick<AppCoreApi, 'handle'>,
  data: Buffer,
  isBinary: boolean,
  /** Told every request that got as far as naming a channel, with its outcome (the audit log). */
  observe?: (channel: unknown, payload: unknown, outcome: Observed) => void,
): Promise<Response> {
  if (data.length > MAX_MESSAGE_BYTES) {
    return rejected(0, `message too large: ${data.length} bytes (at most ${MAX_MESSAGE_BYTES})`);
  }
  if (isBinary) return rejected(0, 'binary messages are not accepted; send JSON text');
  let message: unknown;
  try {
    message = JSON.parse(data.toString('utf8'));
  } catch {
    return rejected(0, 'the message is not JSON');
  }
  if (!isRecord(message)) return rejected(0, 'the message must be a JSON object');
  const id = message.id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) {
    return rejected(0, 'the message needs a numeric id');
  }
  if (message.t !== 'req') return rejected(id, 'only requests ({"t":"req"}) are accepted');
  const extra = Object.keys(message).find((key) => !ENVELOPE_KEYS.has(key));
  if (extra !== undefined) {
    return rejected(id, `unexpected field ${JSON.stringify(extra.slice(0, 40))} in the message`);
  }
  let request;
  try {
    request = parseRequest(message.channel, message.payload);
  } catch (e) {
    const answer =
      e instanceof ContractError
        ? failure(id, contractErrorInfo(e))
        : rejected(id, e instanceof Error ? e.message : String(e));
    observe?.(message.channel, message.payload, { ok: false, error: answer.error, refused: true });
    return answer;
  }
  let answer: Response;
  try {
    const result = await core.handle(request.channel, request.payload);
    answer = { t: 'res', id, ok: true, result };
  } catch (e) {
    answer = failure(id, errorInfoOf(e));
  }
  observe?.(
    request.channel,
    request.payload,
    answer.ok ? { ok: true, result: answer.result } : { ok: false, error: answer.error, refused: false },
  );
  return answer;
}

/** A request's outcome: its result, or its error (refused: by the contract, before the core saw it). */
export type Observed = { ok: true; result: unknown } | { ok: false; error: ErrorInfo; refused: boolean };

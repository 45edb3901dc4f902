import { ErrorInfo } from '../../src/contract/index.ts';

/** A failed request: what the contract promises a rejection carries (`info` is an ErrorInfo). */
export class RequestError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message);
    this.name = 'RequestError';
  }
}

/**
 * The ErrorInfo behind any rejection: a RequestError's own, an `info` another transport attached (the
 * Electron preload), or, for anything else, the error's message with no HCS events.
 */
export function errorInfoOf(error: unknown): ErrorInfo {
  if (error instanceof RequestError) return error.info;
  if (typeof error === 'object' && error !== null && 'info' in error) {
    const parsed = ErrorInfo.safeParse((error as { info: unknown }).info);
    if (parsed.success) return parsed.data;
  }
  const message = error instanceof Error ? error.message : String(error);
  return { message, events: [] };
}

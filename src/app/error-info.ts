import type { ErrorInfo } from '../contract/index.ts';
import type { HcsFailure } from './hcs-port.ts';
import { formatHresult } from '../base/index.ts';
import { hresultDescription } from './hresult-explanations.ts';

/** A failure the core reports to the transports as an ErrorInfo (they send it as `{ok:false, error}`). */
export class AppError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message);
    this.name = 'AppError';
  }
}

/** HCS's failure as the UI shows it: message, raw HRESULT in hex, its name, an explanation and the events. */
export function toErrorInfo(failure: HcsFailure): ErrorInfo {
  const info: ErrorInfo = { message: failure.message, events: failure.events };
  if (failure.op) info.op = failure.op;
  if (failure.hresult !== undefined) {
    info.hresult = formatHresult(failure.hresult);
    // Every code gets a name and an explanation: an unknown one is described by its facility.
    const { name, explanation } = hresultDescription(failure.hresult);
    info.name = name;
    info.explanation = explanation;
  }
  return info;
}

/** An ErrorInfo for a condition the app detects itself (no HCS call involved). */
export function appErrorInfo(message: string, explanation?: string): ErrorInfo {
  return explanation ? { message, explanation, events: [] } : { message, events: [] };
}

/** The ErrorInfo of anything a request handler threw: AppErrors keep theirs, the rest become a message. */
export function errorInfoOf(error: unknown): ErrorInfo {
  if (error instanceof AppError) return error.info;
  return appErrorInfo(error instanceof Error ? error.message : String(error));
}

/** hcsshim messages append "\n[Event Detail: …]" per event; the events travel separately. */
export function headline(message: string): string {
  const cut = message.indexOf('\n[Event Detail:');
  return (cut >= 0 ? message.slice(0, cut) : message).trim();
}

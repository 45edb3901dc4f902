import type { ErrorInfo, OperationAction, SystemState } from '../contract/index.ts';
import { isOperationInvalidState, win32FromHresult } from '../hcs/index.ts';
import type { HcsFailure } from './hcs-port.ts';

/** The verb of an action in a sentence: "HCS refused to pause c1". */
const VERB: Record<OperationAction, string> = {
  create: 'create',
  start: 'start',
  shutdown: 'shut down',
  terminate: 'terminate',
  pause: 'pause',
  resume: 'resume',
  save: 'save',
  modify: 'modify',
  crash: 'crash',
  close: 'close',
  wait: 'wait for',
};

/**
 * HCS refused the action as not valid in the system's current state (HCS_E_INVALID_STATE, in either form:
 * vmcompute's 0xC0370105, computecore's 0x80370105). The UI offered it from a state it had not yet heard had
 * changed — another client paused or stopped the system since the last notification or poll.
 */
export function isInvalidStateFailure(failure: HcsFailure): boolean {
  return failure.hresult !== undefined && isOperationInvalidState(win32FromHresult(failure.hresult));
}

/**
 * The failure of an action HCS refused as not valid in the current state, once the core has re-read the
 * system's state: says plainly what the state is and that the row now shows it. HCS's own message stays in
 * the explanation; the HRESULT, its name and the events are kept.
 */
export function staleActionInfo(
  id: string,
  action: OperationAction,
  before: SystemState | undefined,
  after: SystemState | undefined,
  error: ErrorInfo,
): ErrorInfo {
  const said = `HCS said: ${error.message.replace(/\s+$/, '')}`;
  const explanation = error.explanation ? `${said} ${error.explanation}` : said;
  let message: string;
  if (after === undefined || after === 'Unknown') {
    message = `HCS refused to ${VERB[action]} ${id} in its current state, which could not be read again.`;
  } else if (after !== before) {
    message = `${id} was already ${after} (changed elsewhere); its state is refreshed.`;
  } else {
    message = `HCS refused to ${VERB[action]} ${id} while it is ${after}; its state is refreshed.`;
  }
  return { ...error, message, explanation };
}

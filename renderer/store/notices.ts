import { OPERATION_ACTION_LABEL, type ErrorInfo, type Operation } from '../../src/contract/index.ts';
import { ACTION_DONE } from '../lib/lifecycle.ts';

export type NoticeIntent = 'error' | 'warning' | 'success' | 'info';

/** A toast: a title, an optional line, and for failures HCS's error (expandable). */
export interface Notice {
  id: number;
  intent: NoticeIntent;
  title: string;
  body?: string;
  error?: ErrorInfo;
  /** A link the toast offers, e.g. "Show terminal" for a process started in the background. */
  action?: { label: string; run(): void };
}

export type NoticeInput = Omit<Notice, 'id'>;

/** Keep a bounded history: toasts are shown once, the list is only for tests and debugging. */
export const MAX_NOTICES = 50;

/**
 * Actions whose success has no visible effect in the list, so the user is told; and a wait for the exit,
 * which the user asked to hear about.
 */
const ANNOUNCED_SUCCESS = new Set<Operation['action']>(['create', 'save', 'modify', 'close', 'wait']);

/** What a finished operation started from this window should tell the user, if anything. */
export function noticeForOperation(op: Operation): NoticeInput | null {
  if (op.status === 'failed') {
    const error = op.error ?? { message: 'The operation failed without a reason.', events: [] };
    return {
      intent: 'error',
      title: `${OPERATION_ACTION_LABEL[op.action]} ${op.systemId} failed`,
      body: error.message,
      error,
    };
  }
  if (op.status === 'done' && ANNOUNCED_SUCCESS.has(op.action)) {
    return { intent: 'success', title: `${op.systemId} ${ACTION_DONE[op.action]}` };
  }
  return null;
}

import type { ExecSession } from '../../src/contract/index.ts';
import { formatHresult } from '../../src/base/index.ts';
import { formatTime } from '../lib/format.ts';

/** A run time as a person reads it: "0.4 s", "1.2 s", "42 s", "3 min 5 s", "2 h 10 min". */
export function formatRunTime(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** An exit code; Windows status codes (NTSTATUS, HRESULT) also in hex, as Windows tools print them. */
export function formatExitCode(code: number): string {
  if (code >= 0 && code <= 0xffff) return String(code);
  return `${code} (${formatHresult(code)})`;
}

/** The exit as a sentence: "Exited with code 0 after 1.2 s". */
export function exitSentence(session: Pick<ExecSession, 'exitCode' | 'exitedAt' | 'startedAt'>): string {
  const after =
    session.exitedAt !== null ? ` after ${formatRunTime(session.exitedAt - session.startedAt)}` : '';
  return session.exitCode === null
    ? `Exited with an unknown code${after}`
    : `Exited with code ${formatExitCode(session.exitCode)}${after}`;
}

/** The session's state in a few words, for its tab: "running", "exited 0", "failed", "orphaned". */
export function shortStatus(session: ExecSession): string {
  switch (session.state) {
    case 'exited':
      return session.exitCode === null ? 'exited' : `exited ${formatExitCode(session.exitCode)}`;
    default:
      return session.state;
  }
}

const MAX_LABEL_COMMAND = 80;

/** The command as a tab shows it (long ones cut with an ellipsis). */
export function commandLabel(session: Pick<ExecSession, 'commandLine'>): string {
  const line = session.commandLine.replace(/\s+/g, ' ').trim();
  return line.length > MAX_LABEL_COMMAND ? `${line.slice(0, MAX_LABEL_COMMAND - 1)}…` : line;
}

/** A tab's accessible name: "sh -c ls — exited 0". */
export function tabName(session: ExecSession): string {
  return `${commandLabel(session)} — ${shortStatus(session)}`;
}

/** Whether the session's state is final (its process is gone or out of reach). */
export function isEnded(session: Pick<ExecSession, 'state'>): boolean {
  return session.state === 'exited' || session.state === 'failed' || session.state === 'orphaned';
}

/**
 * The status line of a session: what the process is doing, or how it ended. It changes only when the session
 * does (it is announced to screen readers), so a running process shows when it started, not a ticking time.
 */
export function statusLine(session: ExecSession): string {
  switch (session.state) {
    case 'starting':
      return 'Starting…';
    case 'running': {
      const parts = [`Running since ${formatTime(session.startedAt)}`];
      if (session.pid !== null) parts.push(`pid ${session.pid}`);
      if (session.size) parts.push(`console ${session.size.cols}×${session.size.rows}`);
      else if (!session.attachedOnly) parts.push(session.stdio.stdin ? 'input open' : 'input closed');
      return parts.join(' · ');
    }
    case 'exited':
      return exitSentence(session);
    case 'failed':
      return `Failed to start: ${session.error?.message ?? 'HCS gave no reason.'}`;
    case 'orphaned': {
      const exit = session.exitedAt !== null ? ` ${exitSentence(session)}.` : '';
      return `Orphaned: ${session.error?.message ?? 'HCS Desktop can no longer control this process.'}${exit} Its output stays readable.`;
    }
  }
}

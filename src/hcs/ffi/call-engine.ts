/**
 * How every HCS export is called, whichever DLL it comes from (hcsshim's generated zsyscall stubs plus its
 * syscallwatcher): through koffi's `.async` form on a libuv pool thread, so the JS thread never blocks and an
 * unregister or close never deadlocks against a callback koffi is relaying; behind the call gate, so HCS
 * never takes every pool thread from file I/O; and with a watchdog that stops waiting, without cancelling.
 *
 * The engine knows nothing of any export: a binding describes one call (function, arguments, how to read its
 * outputs) and gets its outcome back. Outcomes never reject; see CallOutcome.
 */
import { DeadlineExceededError, toError } from '../errors.ts';
import { CallGate } from './gate.ts';
import type { KoffiFunction } from './koffi-types.ts';
import { hcsCallLimit } from './threadpool.ts';

/**
 * What every call resolves with. `err` is null on success, a Win32Error for a failed HRESULT, a
 * DeadlineExceededError when the watchdog gave up waiting, or the Error that kept the call from being made
 * (library missing, koffi refusing the arguments or too many calls).
 */
export interface CallOutcome {
  err: Error | null;
  /** The HRESULT the DLL returned (signed), when the call was made and returned. */
  hr?: number;
  /**
   * Set when the watchdog gave up on a call that is still running natively: resolves once it has returned.
   * Whoever guards the handle must not free it before then (docs/hcs/computecore.md#never-abandon-a-call); see HandleLock.
   */
  stillRunning?: Promise<void>;
}

/** One native call: the function, its arguments, and how to read its outputs once it returned. */
export interface NativeCall<T> {
  fn: KoffiFunction;
  args: unknown[];
  /** Reads (and frees) the outputs once the function returned `returned`. Must not throw. */
  collect(returned: unknown): T;
}

export interface CallEngineOptions {
  /** Maximum HCS calls in flight (default: libuv pool size − 2, read at the first call). */
  maxInFlight?: number;
}

export class CallEngine {
  private readonly gate: CallGate;

  constructor(options: CallEngineOptions = {}) {
    // Read once, at the first call: by then the pool exists and UV_THREADPOOL_SIZE no longer changes it.
    let limit = options.maxInFlight;
    this.gate = new CallGate(() => (limit ??= hcsCallLimit()));
  }

  /** Calls in flight and queued behind the gate (for tests and diagnostics). */
  get callStats(): { inFlight: number; queued: number; limit: number } {
    return { inFlight: this.gate.inFlight, queued: this.gate.queued, limit: this.gate.limit };
  }

  /**
   * hcsshim's execute(): runs the call on a pool thread once the gate lets it, and resolves with its outcome.
   * `prepare` runs when the call is about to start (so out-parameters belong to this call alone). When
   * `timeoutMs` passes first, resolves with `failed(DeadlineExceededError)` and `stillRunning`: the call is
   * abandoned, not cancelled (a call still queued behind the gate is withdrawn). An abandoned call that
   * returns later is still collected (so its strings are freed), and `releaseLate` gets what it returned
   * that nobody will own now (handles, pipes). `timeoutMs` null: no watchdog (close and unregister, which must
   * never race a reuse of the handle).
   */
  execute<T extends CallOutcome>(
    op: string,
    timeoutMs: number | null,
    prepare: () => NativeCall<T>,
    failed: (err: Error) => T,
    releaseLate?: (late: T) => void,
  ): Promise<T> {
    // Settles when the native call has returned, or when it is known never to run.
    let settleNative!: () => void;
    const nativeDone = new Promise<void>((r) => (settleNative = r));
    return new Promise<T>((resolve) => {
      let answered = false;
      const answer = (value: T) => {
        if (answered) return false;
        answered = true;
        if (timer) clearTimeout(timer);
        resolve(value);
        return true;
      };
      const ticket = this.gate.acquire();
      const timer =
        timeoutMs === null
          ? undefined
          : setTimeout(() => {
              ticket.cancel();
              answer({ ...failed(new DeadlineExceededError(op, timeoutMs)), stillRunning: nativeDone });
            }, timeoutMs);
      // The pending native call keeps the loop alive; the watchdog alone must not.
      timer?.unref();
      void ticket.granted.then(() => {
        if (answered) {
          ticket.release();
          settleNative();
          return;
        }
        let call: NativeCall<T>;
        try {
          call = prepare();
          call.fn.async(...call.args, (err: unknown, returned: unknown) => {
            ticket.release();
            settleNative();
            const value = err ? failed(toError(err)) : call.collect(returned);
            if (!answer(value) && releaseLate && !value.err) {
              try {
                releaseLate(value);
              } catch {
                // Best effort: nothing else can own it.
              }
            }
          });
        } catch (e) {
          // koffi throws synchronously on bad arguments or when too many async calls are running.
          ticket.release();
          settleNative();
          answer(failed(toError(e)));
        }
      });
    });
  }
}

// HcsCrashComputeSystem (computecore only; vmcompute.dll has no such export): the guest is made to crash. What a
// client sees follows the order real HCS reports a guest crash in: SystemCrashInitiated, then SystemCrashReport
// with the report, then SystemExited as an UnexpectedExit. The report's fields are those of the HCS schema's
// CrashReport that a simulated guest can fill; its values are the simulator's own (there is no guest to dump).
import { fail, HR, signedHr } from '../hresult.ts';
import { parseJsonText } from '../../../src/base/index.ts';
import type { SystemHandle } from '../model.ts';
import { Notification } from '../ops.ts';
import type { Engine } from './engine.ts';
import type { After } from './handles.ts';

/** Checks the request now (the caller answers PENDING); the crash itself follows the response. */
export function crashGuest(engine: Engine, h: SystemHandle, options: string | null): After {
  const s = h.system;
  if (options !== null && options.trim() !== '') {
    const parsed = parseJsonText(options);
    if (
      !parsed.ok ||
      typeof parsed.value !== 'object' ||
      parsed.value === null ||
      Array.isArray(parsed.value)
    )
      throw fail(HR.INVALID_JSON, 'The crash options must be a JSON object.');
  }
  if (s.state === 'Stopped') throw fail(HR.ALREADY_STOPPED, `'${s.id}' is not running.`);
  if (s.state !== 'Running' && s.state !== 'Paused')
    throw fail(HR.INVALID_STATE, `Cannot crash '${s.id}' while it is ${s.state}; it must be running.`);
  return () => {
    if (s.state === 'Stopped') return;
    const report = JSON.stringify({
      SystemId: s.id,
      CrashParameters: [0xe2, 0, 0, 0, 0],
      CrashLog: `The simulated guest of ${s.id} was crashed on request (HcsCrashComputeSystem).`,
      Status: signedHr(HR.UNEXPECTED_EXIT),
    });
    for (const handle of s.handles) {
      for (const r of handle.registrations) {
        engine.notifier.send(r, Notification.SystemCrashInitiated, 0, null);
        engine.notifier.send(r, Notification.SystemCrashReport, 0, report);
      }
    }
    engine.lifecycle.stop(s, 'UnexpectedExit', HR.UNEXPECTED_EXIT);
  };
}

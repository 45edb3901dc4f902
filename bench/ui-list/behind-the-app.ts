/**
 * State changes the app does not cause: another HCS client (the simulator's wire protocol, as a second program
 * calling vmcompute would) pauses or resumes systems. HCS tells only the caller's handles about the
 * completion, so the app learns of them at its next enumeration, which turns them into one burst of
 * `systems.changed` events: the fastest the app core can hand events to the transport.
 */
import { formatHresult } from '../../src/base/index.ts';
import { SimControl } from '../../sim/control/client.ts';
import { WireClient } from '../../sim/control/wire-client.ts';

const PENDING = 0xc0370103;
const SETTLE_POLLS = 50;
const SETTLE_POLL_MS = 100;

/** Pauses (or resumes) every id through its own handle; resolves once the simulator reports them all so. */
export async function changeBehindTheApp(
  socketPath: string,
  ids: readonly string[],
  action: 'pause' | 'resume',
): Promise<void> {
  const client = await WireClient.connect(socketPath, 'ui-list-bench');
  try {
    await Promise.all(
      ids.map(async (id) => {
        const opened = await client.op('OpenComputeSystem', id);
        const handle = opened.out.handle;
        if (opened.hr !== 0 || handle === undefined || handle === null)
          throw new Error(`open ${id}: HRESULT ${formatHresult(opened.hr)}`);
        const op = action === 'pause' ? 'PauseComputeSystem' : 'ResumeComputeSystem';
        const done = await client.op(op, handle, null);
        if (done.hr !== PENDING && done.hr !== 0)
          throw new Error(`${action} ${id}: HRESULT ${formatHresult(done.hr)}`);
        await client.op('CloseComputeSystem', handle);
      }),
    );
  } finally {
    await client.close();
  }
  const want = action === 'pause' ? 'Paused' : 'Running';
  const control = new SimControl(socketPath);
  const wanted = new Set(ids);
  for (let i = 0; i < SETTLE_POLLS; i++) {
    const systems = await control.systems();
    if (systems.filter((s) => wanted.has(s.id) && s.state === want).length === ids.length) return;
    await new Promise((r) => setTimeout(r, SETTLE_POLL_MS));
  }
  throw new Error(`the simulator did not report all ${ids.length} systems ${want}`);
}

import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store/app-store.ts';
import { FakeApi } from '../test-support/fake-api.ts';
import { operation } from '../test-support/fixtures.ts';
import { RequestError } from '../transport/request-error.ts';
import { runBulk } from './run-bulk.ts';

describe('a bulk action across hosts', () => {
  it('sends every request at once and says per host what happened, once all have ended', async () => {
    const store = createAppStore();
    let n = 0;
    const api = new FakeApi({
      'systems.start': ({ id }) => {
        if (id.startsWith('@b4/')) {
          throw new RequestError({ message: 'b4 is unreachable. The request was not sent.', events: [] });
        }
        return { opId: `op-${++n}-${id}` };
      },
    });
    const ran = runBulk(api, store, 'start', ['a', '@b3/x', '@b3/y', '@b4/z']);
    // Every request is out before any operation has ended: the hosts work in parallel.
    await new Promise((r) => setTimeout(r, 0));
    expect(api.callsTo('systems.start')).toHaveLength(4);
    store
      .getState()
      .applyOperations([
        operation('op-1-a', { systemId: 'a', action: 'start', status: 'done' }),
        operation('op-2-@b3/x', { systemId: '@b3/x', action: 'start', status: 'done' }),
      ]);
    expect(store.getState().notices).toHaveLength(0);
    store.getState().applyOperation(
      operation('op-3-@b3/y', {
        systemId: '@b3/y',
        action: 'start',
        status: 'failed',
        error: { message: 'The system is already running.', events: [] },
      }),
    );
    const outcomes = await ran;
    expect(outcomes.map((o) => [o.host, o.done, o.failed, o.notSent])).toEqual([
      ['local', 1, 0, 0],
      ['b3', 1, 1, 0],
      ['b4', 0, 0, 1],
    ]);
    const [notice] = store.getState().notices;
    expect(notice?.intent).toBe('warning');
    expect(notice?.title).toBe('Start: 2 of 4 systems done');
    expect(notice?.body).toBe(
      [
        'local: 1 done',
        'b3: 1 done, 1 failed (The system is already running.)',
        'b4: 1 not sent (b4 is unreachable. The request was not sent.)',
      ].join('\n'),
    );
  });
});

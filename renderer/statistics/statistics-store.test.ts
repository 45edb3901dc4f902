import { describe, expect, it } from 'vitest';
import type { EventOf, ResponseOf } from '../../src/contract/index.ts';
import { FakeApi } from '../test-support/fake-api.ts';
import { fakeTransport } from '../test-support/fake-transport.ts';
import { statisticsSample } from '../test-support/fixtures.ts';
import { RequestError } from '../transport/request-error.ts';
import { StatisticsService } from './statistics-store.ts';

const sampling = { state: 'sampling' as const, intervalMs: 1000, error: null };
const settle = () => new Promise((r) => setTimeout(r, 0));
const update = (id: string, seq: number): EventOf<'statistics.update'> => ({
  id,
  status: sampling,
  sample: statisticsSample(seq),
  document: { seq },
});

function setup(history = [0, 1, 2]) {
  let answer: (value: ResponseOf<'statistics.watch'>) => void = () => {};
  const api = new FakeApi({
    'statistics.watch': () =>
      new Promise((resolve) => {
        answer = resolve;
      }),
    'statistics.unwatch': () => ({}),
  });
  const { transport, cell } = fakeTransport(api);
  const service = new StatisticsService(transport);
  const respond = () =>
    answer({ status: sampling, samples: history.map((seq) => statisticsSample(seq)), document: null });
  const seqs = (id: string) => service.store.getState().byId[id]?.samples.map((s) => s.seq);
  return { api, cell, service, respond, seqs };
}

describe('StatisticsService', () => {
  it('watches a system once however many views watch it, and unwatches after the last one', async () => {
    const { api, service, respond, seqs } = setup();
    const first = service.watch('a');
    const second = service.watch('a');
    respond();
    await settle();
    expect(api.callsTo('statistics.watch')).toEqual([{ id: 'a' }]);
    expect(seqs('a')).toEqual([0, 1, 2]);
    first();
    first(); // releasing twice counts once
    expect(api.callsTo('statistics.unwatch')).toEqual([]);
    second();
    expect(api.callsTo('statistics.unwatch')).toEqual([{ id: 'a' }]);
    expect(service.store.getState().byId.a).toBeUndefined();
  });

  it('keeps updates that overtook the watch answer, without duplicates, and follows new ones', async () => {
    const { api, service, respond, seqs } = setup([0, 1, 2]);
    service.watch('a');
    api.emit('statistics.update', update('a', 2)); // already in the history
    api.emit('statistics.update', update('a', 3));
    api.emit('statistics.update', update('b', 9)); // not watched: ignored
    respond();
    await settle();
    expect(seqs('a')).toEqual([0, 1, 2, 3]);
    api.emit('statistics.update', update('a', 4));
    expect(seqs('a')).toEqual([0, 1, 2, 3, 4]);
    expect(service.store.getState().byId.a?.document).toEqual({ seq: 4 });
    expect(service.store.getState().byId.b).toBeUndefined();
  });

  it('watches again after a reconnect, and takes the core’s history as it is then', async () => {
    const { api, cell, service, respond, seqs } = setup([0, 1]);
    service.watch('a');
    respond();
    await settle();
    cell.set('reconnecting');
    cell.set('open');
    expect(api.callsTo('statistics.watch')).toHaveLength(2);
    respond();
    await settle();
    expect(seqs('a')).toEqual([0, 1]);
  });

  it('keeps a failed watch’s error for the view to show', async () => {
    const api = new FakeApi({
      'statistics.watch': () => {
        throw new RequestError({ message: 'HCS lists no compute system a.', events: [] });
      },
    });
    const service = new StatisticsService(fakeTransport(api).transport);
    service.watch('a');
    await settle();
    expect(service.store.getState().byId.a?.watchError?.message).toBe('HCS lists no compute system a.');
  });
});

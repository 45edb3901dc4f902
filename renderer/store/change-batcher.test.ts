import { afterEach, describe, expect, it, vi } from 'vitest';
import { summary } from '../test-support/fixtures.ts';
import { createAppStore } from './app-store.ts';
import { createChangeBatcher } from './change-batcher.ts';

afterEach(() => vi.useRealTimers());

describe('createChangeBatcher', () => {
  it('applies a burst of changes as one update, the latest change of each system winning', () => {
    vi.useFakeTimers();
    const batches: string[][] = [];
    const b = createChangeBatcher((systems) => batches.push(systems.map((s) => `${s.id}:${s.state}`)));
    for (let i = 0; i < 1000; i++) b.add(summary(`s${i % 10}`, { state: i < 990 ? 'Running' : 'Paused' }));
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(60);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(10);
    expect(batches[0]!.every((x) => x.endsWith(':Paused'))).toBe(true);
  });

  it('flushes on demand, and applies nothing after cancel', () => {
    vi.useFakeTimers();
    const applied: string[] = [];
    const b = createChangeBatcher((systems) => applied.push(...systems.map((s) => s.id)));
    b.add(summary('a'));
    b.flush();
    expect(applied).toEqual(['a']);
    b.add(summary('b'));
    b.cancel();
    vi.advanceTimersByTime(100);
    expect(applied).toEqual(['a']);
  });
});

describe('applyChangedMany', () => {
  it('copies the record once and keeps unchanged rows (and the record itself when nothing changed)', () => {
    const store = createAppStore();
    store.getState().applySnapshot([summary('a'), summary('b'), summary('c')]);
    const before = store.getState().systems;
    store.getState().applyChangedMany([summary('a'), summary('b')]);
    expect(store.getState().systems).toBe(before);
    store.getState().applyChangedMany([summary('a', { state: 'Paused' }), summary('b')]);
    const after = store.getState().systems;
    expect(after).not.toBe(before);
    expect(after.a?.state).toBe('Paused');
    expect(after.b).toBe(before.b);
  });
});
